/** `npm run build`: the Chrome build with vite + crx, then dist/firefox derived from it. */
import { cp, readFile, rm, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import { toFirefoxManifest } from './firefox-manifest.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const chromeDir = `${root}dist/chrome`;
const firefoxDir = `${root}dist/firefox`;

/**
 * Always the production build, whoever asks. Vite and the Preact preset decide from NODE_ENV, and vitest (the e2e
 * tests' setup) runs with NODE_ENV=test: the tests then loaded a panel built with the development JSX transform and
 * Preact's devtools hook, 8 % larger than the one users get.
 */
export async function buildAll({ quiet = false } = {}) {
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({ root, configFile: `${root}vite.config.ts`, logLevel: quiet ? 'warn' : 'info' });
    // crx's dev-only loader for the service worker is not needed in Firefox; everything else is shared.
    await rm(firefoxDir, { recursive: true, force: true });
    await cp(chromeDir, firefoxDir, { recursive: true });
    const chromeManifest = JSON.parse(await readFile(`${chromeDir}/manifest.json`, 'utf8'));
    await writeFile(`${firefoxDir}/manifest.json`, `${JSON.stringify(toFirefoxManifest(chromeManifest), null, 2)}\n`);
    await rm(`${firefoxDir}/.vite`, { recursive: true, force: true });
    await writeFile(`${firefoxDir}/worker-hook.js`, await buildWorkerHook(quiet));
    return { chromeDir, firefoxDir };
  } finally {
    if (nodeEnv === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = nodeEnv;
  }
}

/** Characters that end a line in JavaScript: the worker hook must hold none (it goes on a worker script's first line). */
const LINE_TERMINATOR = /[\n\r\u2028\u2029]/;

/**
 * Firefox's worker hook (src/worker), one IIFE that the background puts in front of worker scripts
 * (src/background/firefox-workers/). Its text must stay on one line, or every line of the worker would move.
 */
async function buildWorkerHook(quiet) {
  const output = await build({
    root,
    configFile: false,
    logLevel: quiet ? 'warn' : 'info',
    build: {
      write: false,
      target: 'es2022',
      minify: true,
      sourcemap: false,
      rollupOptions: { input: `${root}src/worker/hook.iife.ts`, output: { format: 'iife' } },
    },
  });
  const chunk = [output].flat()[0].output.find((item) => item.type === 'chunk');
  // The minifier writes "\n" as a template literal holding a raw line end; the escape means the same there (the
  // bundle has no tagged template), and a line end anywhere else would no longer parse, which is checked next.
  const code = chunk.code.replace(/\s+$/, '').replace(/[\n\r\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  new Function(code); // throws a SyntaxError if the escaping touched anything but a literal
  if (LINE_TERMINATOR.test(code)) throw new Error('the worker hook bundle spans several lines: it would move the lines of worker scripts');
  return `${code}\n`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await buildAll();
  console.log(`built ${chromeDir} and ${firefoxDir}`);
}
