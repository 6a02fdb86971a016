/** `npm run package`: store-ready zips of both builds in artifacts/, after a fresh build and a Firefox lint. */
import { execFileSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { buildAll } from './build.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const { version } = JSON.parse(await readFile(`${root}package.json`, 'utf8'));
const webExt = `${root}node_modules/.bin/web-ext`;

await buildAll({ quiet: true });
execFileSync(webExt, ['lint', '--source-dir', 'dist/firefox', '--self-hosted'], { cwd: root, stdio: 'inherit' });
for (const target of ['chrome', 'firefox']) {
  execFileSync(
    webExt,
    [
      'build',
      '--source-dir',
      `dist/${target}`,
      '--artifacts-dir',
      'artifacts',
      '--filename',
      `socketscope-${target}-${version}.zip`,
      '--overwrite-dest',
    ],
    { cwd: root, stdio: 'inherit' },
  );
}
console.log(`packages written to ${root}artifacts/`);
