import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const CHROME_DIST = `${ROOT}dist/chrome`;
export const FIREFOX_DIST = `${ROOT}dist/firefox`;
export const ARTIFACTS = `${ROOT}test-results`;
/** Fixed by the manifest's `key`. */
export const EXTENSION_ID = 'ijnjacnnhdikadonilbhhnkmglgbfakj';
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const FIREFOX = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
