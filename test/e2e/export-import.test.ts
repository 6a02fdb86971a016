/**
 * Export from the real panel (JSON log and HAR), intercepted as browser downloads, validated, and
 * re-imported as a read-only session that shows the same rows and stats; redaction removes every
 * planted secret; and a HAR as Chrome writes it imports.
 */
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Frame } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveArtifactsOnFailure } from '../support/artifacts';
import { type ChromiumSession, launchChromium, sleep } from '../support/chromium';
import { clickButton, filteredCount, panelText, readTimeline, toggleCheckbox, waitForPanel } from '../support/panel';
import { ROOT } from '../support/paths';
import { type FixtureServer, startFixtureServer } from '../support/servers';

const SECRETS = ['s3cr3t-token-123', 'hunter2', 'abcSECRETquery', 'Bearer-xyz-789'];

let server: FixtureServer;
let session: ChromiumSession;
let panel: Frame;
let downloads: string;

function fixture(wsOrigin: string): string {
  return `<!doctype html><html><head><script>
  const ws = new WebSocket('${wsOrigin}/echo?access_token=abcSECRETquery&room=1');
  ws.onopen = () => {
    ws.send(JSON.stringify({ type: 'auth', token: 's3cr3t-token-123', user: { password: 'hunter2', name: 'ann' } }));
    ws.send(JSON.stringify({ headers: { Authorization: 'Bearer-xyz-789' }, text: 'plain words stay' }));
    ws.send(new Uint8Array([1, 2, 3, 4, 5]));
    ws.send('x'.repeat(5000));
  };
  let seen = 0;
  ws.onmessage = () => { if (++seen === 4) window.__done = true; };
  </script></head><body>export fixture</body></html>`;
}

async function exportFile(format: 'JSON log' | 'HAR', redact: boolean): Promise<{ name: string; text: string }> {
  const before = new Set(await readdir(downloads));
  await clickButton(panel, 'Export…');
  await panel.waitForSelector('[role=dialog][aria-label=Export]');
  const radio = await panel.waitForSelector(`::-p-aria(${format}[role="radio"])`);
  await radio!.click();
  const checked = await panel.$eval('::-p-aria(Redact secrets[role="checkbox"])', (el) => (el as HTMLInputElement).checked);
  if (checked !== redact) await toggleCheckbox(panel, 'Redact secrets');
  await clickButton(panel, 'Download');
  await waitForPanel(panel, () => /Saved websocket-logs-/.test(document.querySelector('[aria-label="Export result"]')?.textContent ?? ''));
  const deadline = Date.now() + 15_000;
  for (;;) {
    const added = (await readdir(downloads)).filter((f) => !before.has(f) && !f.endsWith('.crdownload'));
    if (added.length) {
      await sleep(200);
      const text = await readFile(join(downloads, added[0]), 'utf8');
      await clickButton(panel, 'Close');
      return { name: added[0], text };
    }
    if (Date.now() > deadline) throw new Error('no download arrived');
    await sleep(100);
  }
}

async function importFile(path: string) {
  const input = await panel.waitForSelector('input[aria-label="Import log file"]');
  await (input as unknown as { uploadFile(p: string): Promise<void> }).uploadFile(path);
  await panel.waitForSelector('::-p-aria(Back to live capture[role="button"])', { timeout: 20_000 });
}

beforeAll(async () => {
  server = await startFixtureServer();
  downloads = await mkdtemp(join(tmpdir(), 'socketscope-downloads-'));
  session = await launchChromium();
  const cdp = await session.browser.target().createCDPSession();
  await cdp.send('Browser.setDownloadBehavior', { behavior: 'allow', downloadPath: downloads, eventsEnabled: true });
  await session.page.goto(server.page('/export.html', fixture(server.wsOrigin)));
  await session.page.waitForFunction(() => (window as unknown as { __done?: boolean }).__done === true, { polling: 50 });
  panel = await session.openPanel();
  await waitForPanel(panel, () => /\/ 10 events/.test(document.querySelector('[aria-label="Filtered count"]')?.textContent ?? ''));
});

saveArtifactsOnFailure(() => session);

afterAll(async () => {
  await session?.close();
  await server?.close();
  await rm(downloads, { recursive: true, force: true });
});

describe('export and import', () => {
  it('exports a JSON log that re-imports to the same rows and stats', async () => {
    const live = await readTimeline(panel);
    // Every column but Duration, which keeps growing for the live (still open) socket.
    const withoutDuration = (text: string) => text.split('\n').map((line) => line.split('\t').toSpliced(5, 1).join('\t'));
    const liveStats = withoutDuration(await panelText(panel, 'section[aria-label=Connections]'));
    const { name, text } = await exportFile('JSON log', false);
    expect(name).toMatch(/^websocket-logs-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d\.\d{3}Z\.json$/);
    const log = JSON.parse(text);
    expect(log.format).toBe('socketscope-log');
    expect(log.version).toBe(1);
    expect(log.connections).toHaveLength(1);
    expect(log.events.length).toBe(10);
    for (const event of log.events) {
      expect(typeof event.timestamp).toBe('string');
      expect(['OPEN', 'SEND', 'RECEIVE', 'CLOSE', 'ERROR']).toContain(event.type);
      expect(Number.isNaN(Date.parse(event.timestamp))).toBe(false);
      expect(typeof event.time).toBe('number');
    }
    const long = log.events.find((e: { size?: number }) => e.size === 5000);
    expect(long.data).toBe('x'.repeat(5000)); // fetched whole, beyond the 1 KiB preview
    expect(long.trimmed).toBe(false);
    const binary = log.events.find((e: { encoding?: string }) => e.encoding === 'base64');
    expect(Buffer.from(binary.data, 'base64')).toEqual(Buffer.from([1, 2, 3, 4, 5]));

    await importFile(join(downloads, name));
    expect(await panelText(panel, '.app')).toContain('read-only');
    expect(await readTimeline(panel)).toEqual(live);
    expect(withoutDuration(await panelText(panel, 'section[aria-label=Connections]'))).toEqual(liveStats);
    await clickButton(panel, 'Back to live capture');
    await waitForPanel(panel, () => !document.body.textContent?.includes('read-only'));
  });

  it('exports a HAR in Chrome’s shape', async () => {
    const { name, text } = await exportFile('HAR', false);
    expect(name).toMatch(/\.har$/);
    const har = JSON.parse(text);
    expect(har.log.version).toBe('1.2');
    expect(har.log.creator.name).toBeTruthy();
    expect(har.log.entries).toHaveLength(1);
    const entry = har.log.entries[0];
    expect(entry._resourceType).toBe('websocket');
    expect(entry.request.url).toContain('/echo?access_token=');
    expect(entry.response.status).toBe(101);
    const messages = entry._webSocketMessages;
    expect(messages.map((m: { type: string }) => m.type)).toEqual([
      'send',
      'send',
      'send',
      'send',
      'receive',
      'receive',
      'receive',
      'receive',
    ]);
    expect(messages.map((m: { opcode: number }) => m.opcode)).toEqual([1, 1, 2, 1, 1, 1, 2, 1]);
    for (const m of messages) expect(m.time).toBeGreaterThan(1e9); // seconds since the epoch
    expect(Buffer.from(messages[2].data, 'base64')).toEqual(Buffer.from([1, 2, 3, 4, 5]));
    for (const key of ['startedDateTime', 'time', 'request', 'response', 'cache', 'timings']) expect(entry).toHaveProperty(key);
  });

  it('redaction removes every planted secret from both formats', async () => {
    for (const format of ['JSON log', 'HAR'] as const) {
      const { text } = await exportFile(format, true);
      for (const secret of SECRETS) expect(text).not.toContain(secret);
      expect(text).toContain('plain words stay');
      expect(text).toContain('ann');
    }
  });

  it('imports a HAR written by Chrome DevTools', async () => {
    await importFile(join(ROOT, 'test/fixtures/har/chrome-websocket.har'));
    const [visible, total] = await filteredCount(panel);
    expect(total).toBeGreaterThan(0);
    expect(visible).toBe(total);
    const rows = await readTimeline(panel);
    expect(rows.some((r) => r.kind === 'send')).toBe(true);
    expect(rows.some((r) => r.kind === 'recv')).toBe(true);
    await clickButton(panel, 'Back to live capture');
  });
});
