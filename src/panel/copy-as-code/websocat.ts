/**
 * A websocat command line that replays a connection's text messages. Every argument is single-quoted
 * (a quote inside becomes '\''), so no payload or URL is ever read by the shell as code. Messages go
 * to websocat's stdin one NUL-terminated record each (-0), so a text may hold newlines; what a shell
 * argument cannot hold (NUL) and what a text session cannot send (binary) is left out and counted.
 * Checked against websocat 1.x's line mode source (NUL terminator removed, newlines kept); websocat itself
 * is not installed here, so the unit tests run the command with a recording stand-in.
 */
import { utf8Length } from '../../shared/codec';
import { describePlan, type ReplayPlan } from './replay-plan';

export function shellQuote(text: string): string {
  return `'${text.replace(/'/g, "'\\''")}'`;
}

/** What the wire carried: a lone surrogate is sent as U+FFFD, which the shell's UTF-8 can hold. */
const wellFormed = (text: string): string =>
  text.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');

const seconds = (ms: number): string => (ms / 1000).toFixed(3);

/** websocat's default buffer (-B) is 64 KiB; a longer record would be split into several messages. */
const WEBSOCAT_DEFAULT_BUFFER = 65536;

export function websocatCommand(plan: ReplayPlan): string {
  let binary = 0;
  let withNul = 0;
  const steps: string[] = [];
  let longest = 0;
  for (const { delayMs, body } of plan.messages) {
    if (!('text' in body)) {
      binary++;
      continue;
    }
    if (body.text.includes('\0')) {
      withNul++;
      continue;
    }
    const text = wellFormed(body.text);
    longest = Math.max(longest, utf8Length(text) + 1);
    if (delayMs > 0) steps.push(`sleep ${seconds(delayMs)}`);
    steps.push(`printf '%s\\000' ${shellQuote(text)}`);
  }
  const notes = describePlan(plan);
  if (binary > 0)
    notes.push(
      `Left out: ${binary} binary message${binary === 1 ? '' : 's'} (websocat sends one kind per session; the Node script has them).`,
    );
  if (withNul > 0)
    notes.push(`Left out: ${withNul} text message${withNul === 1 ? '' : 's'} holding NUL, which a shell argument cannot carry.`);
  // -0: records end with NUL, which websocat removes; newlines inside a text are kept as they are.
  const options = ['-0'];
  if (longest > WEBSOCAT_DEFAULT_BUFFER) options.push('-B', String(longest));
  if (plan.protocols.length > 0) options.push('--protocol', shellQuote(plan.protocols.join(', ')));
  // A URL that looks like an option (only an imported capture could hold one) must stay the address.
  if (plan.url.startsWith('-')) options.push('--');
  const input = steps.length > 0 ? `{ ${steps.join('; ')}; }` : 'true';
  return [...notes.map((line) => `# ${line}`), `${input} | websocat ${options.join(' ')} ${shellQuote(plan.url)}`, ''].join('\n');
}
