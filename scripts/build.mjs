/** `npm run build`: the Chrome build with vite + crx, then dist/firefox derived from it. */
import { cp, readFile, rm, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import { toFirefoxManifest } from './firefox-manifest.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const chromeDir = `${root}dist/chrome`;
const firefoxDir = `${root}dist/firefox`;

export async function buildAll({ quiet = false } = {}) {
  await build({ root, configFile: `${root}vite.config.ts`, logLevel: quiet ? 'warn' : 'info' });
  // crx's dev-only loader for the service worker is not needed in Firefox; everything else is shared.
  await rm(firefoxDir, { recursive: true, force: true });
  await cp(chromeDir, firefoxDir, { recursive: true });
  const chromeManifest = JSON.parse(await readFile(`${chromeDir}/manifest.json`, 'utf8'));
  await writeFile(`${firefoxDir}/manifest.json`, `${JSON.stringify(toFirefoxManifest(chromeManifest), null, 2)}\n`);
  await rm(`${firefoxDir}/.vite`, { recursive: true, force: true });
  return { chromeDir, firefoxDir };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await buildAll();
  console.log(`built ${chromeDir} and ${firefoxDir}`);
}
