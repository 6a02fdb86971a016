import type { Browser } from 'puppeteer-core';

export function callInChrome(browser: Browser, functionDeclaration: string, ...args: string[]): Promise<string>;
