import type { Browser, Page } from 'puppeteer-core';

export const PANEL_TITLE: string;
export function extensionIdFromKey(base64Key: string): string;
export function selectedTabIds(devtools: Page): Promise<string[]>;
export function selectPanelTab(devtools: Page, extensionId: string, options?: { timeout?: number; keyboard?: boolean }): Promise<void>;
export function showPanel(browser: Browser, extensionId: string, timeout?: number): Promise<Page>;
