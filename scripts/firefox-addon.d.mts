import type { Browser, LaunchOptions } from 'puppeteer-core';

export interface FirefoxWithAddon {
  browser: Browser;
  /** The add-on's moz-extension uuid, or null when it was not installed. */
  uuid: string | null;
  /** `moz-extension://<uuid>`, or null when the add-on was not installed. */
  extensionOrigin: string | null;
}

export function launchFirefoxWithAddon(options: {
  executablePath: string;
  /** The built add-on (dist/firefox); null launches Firefox without it. */
  addonDir: string | null;
  headless?: boolean;
  prefs?: Record<string, unknown>;
  launchOptions?: LaunchOptions;
}): Promise<FirefoxWithAddon>;
