/**
 * Export and import through the real panel: the Export dialog's download, caught by the browser in a
 * folder of the test's, and the Import file input. The panel is Chromium's DevTools panel frame or
 * Firefox's panel page in a tab; Firefox is told where to download by launchFirefox({ downloads }).
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser } from 'puppeteer-core';
import type { Har } from '../../src/panel/log-format/har-schema';
import type { SocketScopeLog } from '../../src/panel/log-format/log-schema';
import { sleep } from './chromium';
import { clickButton, type PanelTarget, toggleCheckbox, waitForPanel } from './panel';

export type ExportFormat = 'JSON log' | 'HAR';

/** Files a browser writes while a download runs: Chromium's `.crdownload`, Firefox's `.part`. */
const inProgress = (name: string) => name.endsWith('.crdownload') || name.endsWith('.part');

/** The name the panel gives every export (src/panel/export/download.ts). */
const exportName = /^websocket-logs-.+\.(json|har)$/;

/**
 * The export that a download added to `dir` since `before`, once it is complete, else null. Chromium
 * renames its `.crdownload` to the final name when done. Firefox may first save the body to a
 * randomly named temporary file (`cefAY6x8.json`) in the same folder, writes a `.part` file, creates
 * the final name empty, then moves the `.part` over it. So: our export's name only, no partial file
 * left, and the file not empty (an export never is). A file that vanished between the listing and
 * the stat was one of Firefox's temporary files: not yet.
 */
async function completedDownload(dir: string, before: Set<string>): Promise<string | null> {
  const added = (await readdir(dir)).filter((f) => !before.has(f));
  if (added.some(inProgress)) return null;
  const done = added.filter((f) => exportName.test(f));
  if (done.length === 0) return null;
  const path = join(dir, done[0]);
  const size = await stat(path).then(
    (s) => s.size,
    (error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return 0;
      throw error;
    },
  );
  return size > 0 ? path : null;
}

/** Exports the panel's capture in `format` through the dialog; returns the downloaded file's path. */
export async function exportCapture(panel: PanelTarget, downloads: string, format: ExportFormat, redact = false): Promise<string> {
  const before = new Set(await readdir(downloads));
  await clickButton(panel, 'Export…');
  try {
    await panel.waitForSelector('[role=dialog][aria-label=Export]');
    await chooseAndDownload(panel, format, redact);
    const file = await waitForExport(downloads, before);
    await clickButton(panel, 'Close');
    return file;
  } catch (error) {
    // Leave the panel as the next attempt (vitest's retry) expects it: the dialog closed.
    await panel
      .$('[role=dialog][aria-label=Export] ::-p-aria(Close[role="button"])')
      .then((b) => b?.click())
      .catch(() => {});
    throw error;
  }
}

async function chooseAndDownload(panel: PanelTarget, format: ExportFormat, redact: boolean): Promise<void> {
  // Every control of the dialog within reach: it must open inside the panel, however the toolbar wrapped.
  const box = await panel.$eval('[role=dialog][aria-label=Export]', (el) => {
    const { left, right } = el.getBoundingClientRect();
    return { left, right, panelWidth: document.documentElement.clientWidth };
  });
  if (box.left < 0 || box.right > box.panelWidth) throw new Error(`the Export dialog opened outside the panel: ${JSON.stringify(box)}`);
  const radio = await panel.waitForSelector(`::-p-aria(${format}[role="radio"])`);
  await radio!.click();
  const checked = await panel.$eval('::-p-aria(Redact secrets[role="checkbox"])', (el) => (el as HTMLInputElement).checked);
  if (checked !== redact) await toggleCheckbox(panel, 'Redact secrets');
  await clickButton(panel, 'Download');
  await waitForPanel(
    panel,
    () => /Saved websocket-logs-/.test(document.querySelector('[aria-label="Export result"]')?.textContent ?? ''),
    60_000,
  );
}

async function waitForExport(downloads: string, before: Set<string>): Promise<string> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const file = await completedDownload(downloads, before);
    if (file) return file;
    if (Date.now() > deadline) throw new Error(`no complete download arrived (the folder holds ${(await readdir(downloads)).join(', ')})`);
    await sleep(100);
  }
}

/** Lets downloads of the whole browser land in `dir`. */
export async function allowDownloads(browser: Browser, dir: string): Promise<void> {
  const cdp = await browser.target().createCDPSession();
  await cdp.send('Browser.setDownloadBehavior', { behavior: 'allow', downloadPath: dir, eventsEnabled: true });
}

/** Opens `path` with the toolbar's Import input and waits for the read-only session. */
export async function importLog(panel: PanelTarget, path: string): Promise<void> {
  const input = await panel.waitForSelector('input[aria-label="Import log file"]');
  await (input as unknown as { uploadFile(p: string): Promise<void> }).uploadFile(path);
  await panel.waitForSelector('::-p-aria(Back to live capture[role="button"])', { timeout: 30_000 });
}

/**
 * Parses a downloaded file as JSON. The bytes must be valid UTF-8, as the panel's import demands: a
 * lenient read would hide a lone surrogate written as raw (invalid) bytes instead of a JSON escape.
 */
export async function readJson(path: string) {
  return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(await readFile(path)));
}

/** A message as an exported file states it, whichever the format. */
export interface ExportedMessage {
  data: string;
  binary: boolean;
  /** The whole message's size in bytes, as a reader of the file takes it (a HAR states it only for trimmed messages). */
  size: number;
  trimmed: boolean;
  hash: string | undefined;
}

/** The sent and received messages of a JSON log or a HAR, in file order, in one shape. */
export function exportedMessages(doc: SocketScopeLog | Har): ExportedMessage[] {
  if ('format' in doc) {
    return doc.events
      .filter((e) => e.kind === 'send' || e.kind === 'receive')
      .map((e) => ({ data: e.data, binary: e.encoding === 'base64', size: e.size!, trimmed: e.trimmed!, hash: e.hash }));
  }
  return doc.log.entries.flatMap((entry) =>
    entry._webSocketMessages.map((m) => ({
      data: m.data,
      binary: m.opcode === 2,
      size: m._size ?? (m.opcode === 2 ? Buffer.from(m.data, 'base64').length : Buffer.byteLength(m.data)),
      trimmed: m._trimmed === true,
      hash: m._hash,
    })),
  );
}
