/**
 * Export and import, the same cases in Chromium's DevTools panel and in firefox-esr's panel page
 * (opened in a tab): the JSON log and the HAR are downloaded through the browser's real downloads,
 * their socket, messages, binary encoding and sizes checked, and each imported back as a read-only
 * session that shows the same rows (the JSON log also the same stats); redaction removes every planted
 * secret from both; a HAR written by Chrome DevTools and a LoggedWebSocket log import too.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveArtifactsOnFailure } from '../support/artifacts';
import { launchChromium } from '../support/chromium';
import { allowDownloads, type ExportedMessage, exportCapture, exportedMessages, importLog, readJson } from '../support/export-files';
import { launchFirefox } from '../support/firefox';
import { clickButton, type PanelTarget, panelText, readTimeline, type TimelineRow, waitForPanel } from '../support/panel';
import { ROOT } from '../support/paths';
import { type FixtureServer, startFixtureServer } from '../support/servers';

const SECRETS = ['s3cr3t-token-123', 'hunter2', 'abcSECRETquery', 'Bearer-xyz-789'];
const AUTH = JSON.stringify({ type: 'auth', token: 's3cr3t-token-123', user: { password: 'hunter2', name: 'ann' } });
const HEADERS = JSON.stringify({ headers: { Authorization: 'Bearer-xyz-789' }, text: 'plain words stay' });
const LONG = 'x'.repeat(5000);
const BYTES = [1, 2, 3, 4, 5];

/** The page's four sends, echoed back in order, as either export format must state them. */
const SENT: ExportedMessage[] = [
  { data: AUTH, binary: false, size: Buffer.byteLength(AUTH), trimmed: false, hash: undefined },
  { data: HEADERS, binary: false, size: Buffer.byteLength(HEADERS), trimmed: false, hash: undefined },
  { data: Buffer.from(BYTES).toString('base64'), binary: true, size: BYTES.length, trimmed: false, hash: undefined },
  { data: LONG, binary: false, size: LONG.length, trimmed: false, hash: undefined },
];

function fixture(wsOrigin: string): string {
  return `<!doctype html><html><head><script>
  const ws = new WebSocket('${wsOrigin}/echo?access_token=abcSECRETquery&room=1');
  ws.onopen = () => {
    ws.send(${JSON.stringify(AUTH)});
    ws.send(${JSON.stringify(HEADERS)});
    ws.send(new Uint8Array(${JSON.stringify(BYTES)}));
    ws.send('x'.repeat(5000));
  };
  let seen = 0;
  ws.onmessage = () => { if (++seen === 4) window.__done = true; };
  </script></head><body>export fixture</body></html>`;
}

/** One browser's side of the suite: the inspected page and its panel, downloads saved to a folder. */
interface Harness {
  page: Page;
  openPanel(): Promise<PanelTarget>;
  saveFailure(name: string): Promise<string>;
  close(): Promise<void>;
}

let harness: Harness | undefined;

saveArtifactsOnFailure(() => harness);

/** The cases, run against the panel that `launch` gives, downloading into `downloads`. */
function exportImportCases(launch: (downloads: string) => Promise<Harness>) {
  let server: FixtureServer;
  let panel: PanelTarget;
  let downloads: string;
  /** The live capture's rows, and its Connections table without the Duration column (it grows while the socket is open). */
  let live: TimelineRow[];
  let liveStats: string[];

  /** The connections table without its Duration column (a live open socket's grows; an imported one's ends at its last event). */
  const connectionStats = async () => {
    const lines = (await panelText(panel, 'section[aria-label=Connections]')).split('\n').map((line) => line.split('\t'));
    const duration = lines[0].indexOf('Duration');
    return lines.map((cells) => cells.toSpliced(duration, 1).join('\t'));
  };
  const banner = () => panelText(panel, '[aria-label="Import tools"] .io-note');

  /** Back to live capture: the banner goes and the live rows return. */
  async function backToLive() {
    await clickButton(panel, 'Back to live capture');
    await waitForPanel(panel, () => !document.querySelector('[aria-label="Import tools"]')?.textContent?.includes('read-only'));
    expect(await readTimeline(panel)).toEqual(live);
  }

  /** A retried case starts where its failed attempt stopped, maybe inside an imported session. */
  async function fromLiveCapture() {
    if (await panel.$('::-p-aria(Back to live capture[role="button"])')) await backToLive();
  }

  beforeAll(async () => {
    server = await startFixtureServer();
    downloads = await mkdtemp(join(tmpdir(), 'socketscope-downloads-'));
    harness = await launch(downloads);
    await harness.page.goto(server.page('/export.html', fixture(server.wsOrigin)));
    await harness.page.waitForFunction(() => (window as unknown as { __done?: boolean }).__done === true, { polling: 50 });
    panel = await harness.openPanel();
    await waitForPanel(panel, () => /\/ 10 events/.test(document.querySelector('[aria-label="Filtered count"]')?.textContent ?? ''));
    live = await readTimeline(panel);
    liveStats = await connectionStats();
  });

  afterAll(async () => {
    await harness?.close();
    harness = undefined;
    await server?.close();
    await rm(downloads, { recursive: true, force: true });
  });

  it('exports a JSON log with the socket and every message, which re-imports to the same rows and stats', async () => {
    await fromLiveCapture();
    const file = await exportCapture(panel, downloads, 'JSON log');
    expect(basename(file)).toMatch(/^websocket-logs-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d\.\d{3}Z\.json$/);
    const log = await readJson(file);
    expect(log.format).toBe('socketscope-log');
    expect(log.version).toBe(1);
    expect(log.connections).toHaveLength(1);
    expect(log.connections[0].url).toBe(`${server.wsOrigin}/echo?access_token=abcSECRETquery&room=1`);
    expect(log.events.length).toBe(10);
    for (const event of log.events) {
      expect(['OPEN', 'SEND', 'RECEIVE', 'CLOSE', 'ERROR']).toContain(event.type);
      expect(Number.isNaN(Date.parse(event.timestamp))).toBe(false);
      expect(typeof event.time).toBe('number');
    }
    // Whole (the 5000 characters beyond the preview were fetched), binary as base64, exact sizes.
    expect(exportedMessages(log)).toEqual([...SENT, ...SENT]);

    await importLog(panel, file);
    expect(await banner()).toBe(`Viewing ${basename(file)} (SocketScope log, read-only)`);
    expect(await readTimeline(panel)).toEqual(live);
    expect(await connectionStats()).toEqual(liveStats);
    await backToLive();
  });

  it('exports a HAR in Chrome’s shape, which re-imports to the same messages', async () => {
    await fromLiveCapture();
    const file = await exportCapture(panel, downloads, 'HAR');
    expect(basename(file)).toMatch(/^websocket-logs-.*\.har$/);
    const har = await readJson(file);
    expect(har.log.version).toBe('1.2');
    expect(har.log.creator.name).toBeTruthy();
    expect(har.log.entries).toHaveLength(1);
    const entry = har.log.entries[0];
    for (const key of ['startedDateTime', 'time', 'request', 'response', 'cache', 'timings']) expect(entry).toHaveProperty(key);
    expect(entry._resourceType).toBe('websocket');
    expect(entry.request.url).toBe(`${server.wsOrigin}/echo?access_token=abcSECRETquery&room=1`);
    expect(entry.response.status).toBe(101);
    const messages = entry._webSocketMessages;
    expect(messages.map((m: { type: string }) => m.type)).toEqual([...Array(4).fill('send'), ...Array(4).fill('receive')]);
    expect(messages.map((m: { opcode: number }) => m.opcode)).toEqual([1, 1, 2, 1, 1, 1, 2, 1]);
    for (const m of messages) expect(m.time).toBeGreaterThan(1e9); // seconds since the epoch
    expect(exportedMessages(har)).toEqual([...SENT, ...SENT]);

    await importLog(panel, file);
    expect(await banner()).toBe(`Viewing ${basename(file)} (HAR, read-only)`);
    const messageRows = (rows: TimelineRow[]) => rows.filter((r) => r.kind === 'send' || r.kind === 'recv');
    expect(messageRows(await readTimeline(panel))).toEqual(messageRows(live));
    await backToLive();
  });

  it('redaction removes every planted secret from both formats', async () => {
    await fromLiveCapture();
    for (const format of ['JSON log', 'HAR'] as const) {
      const file = await exportCapture(panel, downloads, format, true);
      const text = await readFile(file, 'utf8');
      const doc = JSON.parse(text);
      for (const secret of SECRETS) expect(text, format).not.toContain(secret);
      expect(text).toContain('plain words stay');
      expect(text).toContain('ann');
      // Binary and long payloads hold no secret: they pass as they are.
      expect(exportedMessages(doc).slice(2, 4), format).toEqual(SENT.slice(2, 4));
    }
  });

  it('imports a HAR written by Chrome DevTools', async () => {
    await fromLiveCapture();
    await importLog(panel, join(ROOT, 'test/fixtures/har/chrome-websocket.har'));
    expect(await banner()).toBe('Viewing chrome-websocket.har (HAR, read-only) · 3 non-WebSocket entries ignored');
    const rows = await readTimeline(panel);
    expect(rows.map((r) => [r.kind, r.conn, r.size, r.text])).toEqual([
      ['create', '#1', '', 'new WebSocket(ws://localhost:8080/socket?room=lobby)'],
      ['open', '#1', '', 'open · protocol chat · permessage-deflate'],
      ['send', '#1', '43 B', '{"type":"join","room":"lobby","name":"ana"}'],
      ['recv', '#1', '39 B', '{"type":"welcome","users":["ana","bo"]}'],
      ['recv', '#1', '4 B', '00 01 02 ff'], // base64 in the HAR, shown as bytes
      ['send', '#1', '4 B', 'de ad be ef'],
      ['recv', '#1', '10 B', 'héllo ✓'],
      ['send', '#1', '0 B', ''],
      ['create', '#2', '', 'new WebSocket(ws://localhost:9/refused)'], // an entry without messages
    ]);
    await backToLive();
  });

  it('imports a LoggedWebSocket log, one connection per OPEN', async () => {
    await fromLiveCapture();
    await importLog(panel, join(ROOT, 'test/fixtures/seed/logged-websocket.json'));
    expect(await banner()).toBe('Viewing logged-websocket.json (LoggedWebSocket log, read-only)');
    const rows = await readTimeline(panel);
    const created = 'new WebSocket((unknown: LoggedWebSocket logs do not record it))';
    expect(rows.map((r) => [r.kind, r.conn, r.text])).toEqual([
      ['create', '#1', created],
      ['open', '#1', 'open'],
      ['send', '#1', '{"type":"subscribe","channel":"prix"}'], // the seed logged the object it was given
      ['recv', '#1', '{"channel":"prix","value":42.5}'],
      ['recv', '#1', 'héllo ✓'],
      ['error', '#1', 'error'],
      ['close', '#1', 'close 1006 Abnormal Closure · not clean'],
      ['create', '#2', created],
      ['open', '#2', 'open'],
      ['send', '#2', 'ping'],
      ['close', '#2', 'close 1000 Normal Closure · au revoir'],
    ]);
    expect(rows.find((r) => r.text === 'héllo ✓')?.size).toBe('10 B');
    await backToLive();
  });
}

describe('export and import in Chromium’s DevTools panel', () => {
  exportImportCases(async (downloads) => {
    const session = await launchChromium();
    await allowDownloads(session.browser, downloads);
    return { page: session.page, openPanel: () => session.openPanel(), saveFailure: session.saveFailure, close: session.close };
  });
});

describe('export and import in firefox-esr’s panel page (opened in a tab)', () => {
  exportImportCases(async (downloads) => {
    const session = await launchFirefox({ downloads });
    return { page: session.page, openPanel: () => session.openPanel(), saveFailure: session.saveFailure, close: session.close };
  });
});
