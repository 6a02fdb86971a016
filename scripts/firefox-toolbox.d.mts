import type { Browser } from 'puppeteer-core';

export interface ToolboxPanel {
  /** The toolbox's id for the extension's panel (e.g. "webext-devtools-panel-socketscope_…-0"). */
  toolId: string;
  /** Where the toolbox is docked ("bottom" in a fresh profile). */
  hostType: string;
}

export function openToolboxPanel(browser: Browser, pageUrl: string, title: string, timeoutMs?: number): Promise<ToolboxPanel>;
/** `frameScript` is JavaScript source of a synchronous `(arg) => value`, run where `content` is the panel's window. */
export function inToolboxPanel(
  browser: Browser,
  pageUrl: string,
  toolId: string,
  frameScript: string,
  arg?: unknown,
  replyTimeoutMs?: number,
): Promise<unknown>;
export function closeToolbox(browser: Browser, pageUrl: string, timeoutMs?: number): Promise<void>;
