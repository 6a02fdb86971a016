import type { Browser } from 'puppeteer-core';

export function callInChrome(browser: Browser, functionDeclaration: string, ...args: string[]): Promise<string>;
export function hasChromeScope(browser: Browser): Promise<boolean>;
export const NO_CHROME_SCOPE: string;
