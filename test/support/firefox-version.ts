/** The firefox-esr under test, for the cases whose expectation depends on its version (see docs/firefox.md). */
import { execFileSync } from 'node:child_process';
import { FIREFOX } from './paths';

let major: number | undefined;

/** Its major version ("Mozilla Firefox 140.12.0esr" → 140), read once from `firefox-esr --version`. */
export function firefoxMajor(): number {
  major ??= Number(/(\d+)\./.exec(execFileSync(FIREFOX, ['--version'], { encoding: 'utf8' }))?.[1]);
  return major;
}
