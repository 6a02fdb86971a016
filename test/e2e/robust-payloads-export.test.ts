/**
 * The hostile set of robust-payloads.test.ts through export and import, in both formats, in Chromium's real
 * DevTools panel and in firefox-esr's panel page: the panel's Export dialog downloads a JSON log and a HAR, each must hold every payload, the socket URL
 * and the close reason exactly, and each, imported back, must show the same rows as inert text with
 * the same sizes while the guard in the panel frame stays empty. Plus 100 MB text and binary frames:
 * each format holds the part the page hook kept, marked trimmed, with the exact size and the hash of
 * the whole, and the import shows that size and hash.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveArtifactsOnFailure } from '../support/artifacts';
import { BROWSERS, type PanelHarness } from '../support/browser-harness';
import { allowDownloads, exportCapture, exportedMessages, importLog, readJson } from '../support/export-files';
import { captureHostileTraffic, detailsMatchPayloads, startHostileSession, timelineMatchesPayloads } from '../support/hostile-panel';
import {
  BINARY_TEXT,
  binaryPayload,
  CLOSE_REASON,
  hostilePayloads,
  N,
  NAMES,
  recvRow,
  sendRow,
  TOTAL,
  utf8,
  wellFormed,
} from '../support/hostile-payloads';
import { clickButton, type PanelTarget, panelText, waitForPanel } from '../support/panel';
import { CLEAN_GUARD, readPanelGuard } from '../support/panel-guard';
import type { FixtureServer } from '../support/servers';
import { allRowSizes, allRowTexts, choosePayloadView, selectRowTimed, waitForTotal } from '../support/timeline';

let server: FixtureServer;
let session: PanelHarness | undefined;
let panel: PanelTarget;
let downloads: string;
/** The hostile socket's URL, as the page's own `ws.url` reads. */
let url: string;

saveArtifactsOnFailure(() => session);

async function backToLive(): Promise<void> {
  await clickButton(panel, 'Back to live capture');
  await waitForPanel(panel, () => !document.body.textContent?.includes('read-only'));
}

/** A retried test starts where its failed attempt stopped, maybe inside an imported session. */
async function startFromLiveCapture(): Promise<void> {
  if (await panel.$('::-p-aria(Back to live capture[role="button"])')) await backToLive();
}

describe.each(BROWSERS)('hostile payloads through export and import in %s', (browser) => {
  beforeAll(async () => {
    downloads = await mkdtemp(join(tmpdir(), 'socketscope-robust-'));
    const hostile = await startHostileSession(browser, { downloads });
    ({ server, session, panel } = hostile);
    if (session.chromium) await allowDownloads(session.chromium.browser, downloads);
    url = await captureHostileTraffic(hostile);
  });

  afterAll(async () => {
    await session?.close();
    session = undefined;
    await server?.close();
    await rm(downloads, { recursive: true, force: true });
  });

  it('exports them exactly and re-imports them as inert text', async () => {
    await startFromLiveCapture();
    const live = await allRowTexts(panel, '__liveTexts');
    const file = await exportCapture(panel, downloads, 'JSON log');
    const log = await readJson(file);
    const payloads = hostilePayloads();
    const sends = log.events.filter((e: { type: string }) => e.type === 'SEND');
    const receives = log.events.filter((e: { type: string }) => e.type === 'RECEIVE');
    expect(sends).toHaveLength(N + 1);
    expect(receives).toHaveLength(N + 1);
    for (let i = 0; i < N; i++) {
      expect(sends[i].data === payloads[i], `export of ${NAMES[i]}`).toBe(true);
      expect(receives[i].data === wellFormed(payloads[i]), `export of the ${NAMES[i]} echo`).toBe(true);
      expect(sends[i].size).toBe(utf8(payloads[i]));
    }
    expect(Buffer.from(sends[N].data, 'base64').subarray(0, BINARY_TEXT.length).toString()).toBe(BINARY_TEXT);
    expect(JSON.stringify(log.connections)).toContain('onerror=window.__pwned=1');
    expect(log.events.find((e: { type: string }) => e.type === 'CLOSE')?.reason).toBe(CLOSE_REASON);

    await importLog(panel, file);
    expect(await panelText(panel, '.app')).toContain('read-only');
    await waitForTotal(panel, TOTAL);
    const imported = await allRowTexts(panel, '__importedTexts');
    expect(imported).toEqual(live);
    expect(
      await panel.evaluate(() => {
        const w = window as unknown as Record<string, string[]>;
        return w.__importedTexts.length === w.__liveTexts.length && w.__importedTexts.every((t, i) => t === w.__liveTexts[i]);
      }),
    ).toBe(true);
    expect(await timelineMatchesPayloads(panel, '__importedTexts')).toEqual([]);
    await detailsMatchPayloads(panel);
    await selectRowTimed(panel, sendRow(7), 'bytes, text)');
    await choosePayloadView(panel, 'JSON');
    expect(await panelText(panel, '[role=tree][aria-label="JSON tree"]')).toContain('123456789012345678901234567890');
    await backToLive();
    expect(await readPanelGuard(panel)).toEqual(CLEAN_GUARD);
  });

  it('exports them exactly as HAR and re-imports them as inert text, with the same sizes', async () => {
    await startFromLiveCapture();
    const live = await allRowTexts(panel, '__liveTexts');
    const liveSizes = await allRowSizes(panel);
    // HAR has no place for the page's close() call: the import shows every other row.
    const CLOSE_CALL = TOTAL - 2;
    expect(live[CLOSE_CALL]).toMatch(/^close\(\) called/);
    const file = await exportCapture(panel, downloads, 'HAR');
    expect(file).toMatch(/\.har$/);
    const har = await readJson(file);
    expect(har.log.entries).toHaveLength(1);
    const [entry] = har.log.entries;
    expect(entry._resourceType).toBe('websocket');
    expect(entry.request.url).toBe(url);
    expect(entry.request.queryString).toEqual([
      { name: 'q', value: '<img src=x onerror=window.__pwned=1>' },
      { name: 'x', value: '"><script>alert(11)</script>' },
      { name: 'j', value: 'javascript:alert(12)' },
    ]);
    expect(entry._webSocketClose).toMatchObject({ code: 4000, reason: CLOSE_REASON });

    type Message = { type: string; opcode: number; data: string; _trimmed?: boolean; _size?: number };
    const messages: Message[] = entry._webSocketMessages;
    const sends = messages.filter((m) => m.type === 'send');
    const receives = messages.filter((m) => m.type === 'receive');
    expect(sends).toHaveLength(N + 1);
    expect(receives).toHaveLength(N + 1);
    // Every message whole: no `_trimmed`/`_size`, so a reader takes the size from `data` itself.
    for (const m of messages) expect([m._trimmed, m._size]).toEqual([undefined, undefined]);
    const payloads = hostilePayloads();
    for (let i = 0; i < N; i++) {
      expect([sends[i].opcode, receives[i].opcode], NAMES[i]).toEqual([1, 1]);
      expect(sends[i].data === payloads[i], `HAR of ${NAMES[i]}`).toBe(true);
      expect(receives[i].data === wellFormed(payloads[i]), `HAR of the ${NAMES[i]} echo`).toBe(true);
    }
    // HAR is JSON: lone surrogates are written as JSON escapes (the file stays valid UTF-8, which readJson demands).
    expect(await readFile(file, 'utf8')).toContain('"lone \\ud800 high, lone \\udc00 low, swapped \\udc00\\ud800 end"');
    for (const binary of [sends[N], receives[N]]) {
      expect(binary.opcode).toBe(2);
      expect(Buffer.from(binary.data, 'base64').equals(binaryPayload())).toBe(true);
    }

    await importLog(panel, file);
    expect(await panelText(panel, '.app')).toContain('read-only');
    await waitForTotal(panel, TOTAL - 1);
    expect(await allRowTexts(panel, '__harTexts')).toEqual(live.toSpliced(CLOSE_CALL, 1));
    expect(await allRowSizes(panel)).toEqual(liveSizes.toSpliced(CLOSE_CALL, 1));
    expect(
      await panel.evaluate((skip: number) => {
        const w = window as unknown as Record<string, string[]>;
        const expected = w.__liveTexts.toSpliced(skip, 1);
        return w.__harTexts.length === expected.length && w.__harTexts.every((t, i) => t === expected[i]);
      }, CLOSE_CALL),
    ).toBe(true);
    expect(await timelineMatchesPayloads(panel, '__harTexts')).toEqual([]);

    // Details: the exact payload and byte count of every send, the exact byte count of every echo.
    await detailsMatchPayloads(panel);
    for (let i = 0; i < N; i++) await selectRowTimed(panel, recvRow(i), `(${utf8(payloads[i])} bytes, text)`);
    await selectRowTimed(panel, sendRow(7), 'bytes, text)');
    await choosePayloadView(panel, 'JSON');
    expect(await panelText(panel, '[role=tree][aria-label="JSON tree"]')).toContain('123456789012345678901234567890');
    for (const i of [9, 10]) {
      await selectRowTimed(panel, sendRow(i), `(${utf8(payloads[i])} bytes, text)`);
      await choosePayloadView(panel, 'JSON');
      await panel.waitForSelector('[role=tree][aria-label="JSON tree"] [role=treeitem]');
    }
    for (const row of [sendRow(N), recvRow(N)]) {
      await selectRowTimed(panel, row, `(${binaryPayload().length} bytes, binary)`);
      await choosePayloadView(panel, 'Hex');
      const hex = await panelText(panel, '.detail pre.hexdump');
      expect(hex).toContain('3c 73 63 72 69 70 74 3e');
      expect(hex).toContain('00 ff 2e 80');
    }
    await selectRowTimed(panel, 0, url);
    expect(await panelText(panel, 'section[aria-label=Connections] td.url button')).toBe(url);
    await selectRowTimed(panel, TOTAL - 2, CLOSE_REASON);
    // textContent: Gecko's innerText leaves out the reason's bidi override (U+202E), which the table does hold.
    const connections = await panel.$eval('section[aria-label=Connections]', (el) => el.textContent ?? '');
    expect(connections).toContain(`"${CLOSE_REASON}"`);
    await backToLive();
    expect(await readPanelGuard(panel)).toEqual(CLEAN_GUARD);
  });

  it('exports 100 MB frames as their kept part with exact size and hash, in both formats, and re-imports them', {
    timeout: 240_000,
  }, async () => {
    await startFromLiveCapture();
    const size = 100 * 2 ** 20;
    const cap = 2 ** 20; // what the page hook keeps: UTF-16 units of text, bytes of binary
    const received = server.received.length;
    // A sink, not the echo: the panel test covers 100 MB echoes; here only the export path matters.
    await session!.page.goto(
      server.page(
        '/huge-export.html',
        `<!doctype html><html><head><script>
        const ws = new WebSocket('${server.wsOrigin}/sink');
        ws.onopen = () => { ws.send('é'.repeat(${size / 2})); ws.send(new Uint8Array(${size})); ws.send('small'); };
        </script></head><body>huge export</body></html>`,
      ),
    );
    // Wait in Node until the server has it all: while 200 MB are in flight the browser answers CDP too
    // slowly for a long in-page wait (one call, bounded by puppeteer's protocol timeout).
    await expect.poll(() => server.received.length - received, { interval: 200, timeout: 150_000 }).toBe(3);
    await waitForTotal(panel, 5, 50_000);
    const liveSizes = await allRowSizes(panel);
    expect(liveSizes.slice(2)).toEqual(['100.0 MB', '100.0 MB', '5 B']);
    const hashes: string[][] = [];
    for (const format of ['JSON log', 'HAR'] as const) {
      const file = await exportCapture(panel, downloads, format);
      const [text, binary, small] = exportedMessages(await readJson(file));
      expect([text.size, text.trimmed, binary.size, binary.trimmed], format).toEqual([size, true, size, true]);
      expect(text.data === 'é'.repeat(cap), `${format}: the kept text`).toBe(true);
      const bytes = Buffer.from(binary.data, 'base64');
      expect([bytes.length, bytes.every((b) => b === 0)], format).toEqual([cap, true]);
      expect(small, format).toEqual({ data: 'small', binary: false, size: 5, trimmed: false, hash: undefined });
      hashes.push([text.hash!, binary.hash!]);

      await importLog(panel, file);
      await waitForTotal(panel, 5);
      expect(await allRowSizes(panel), format).toEqual(liveSizes);
      await selectRowTimed(panel, 2, `(${size} bytes, text)`);
      expect(await panelText(panel, '.detail')).toContain(`${text.hash} (FNV-1a`);
      await selectRowTimed(panel, 3, `(${size} bytes, binary)`);
      expect(await panelText(panel, '.detail')).toContain(`${binary.hash} (FNV-1a`);
      await selectRowTimed(panel, 4, '(5 bytes, text)');
      await backToLive();
    }
    expect(hashes[0][0]).toMatch(/^[0-9a-f]{8}$/);
    expect(hashes[1]).toEqual(hashes[0]);
    expect(await readPanelGuard(panel)).toEqual(CLEAN_GUARD);
  });
});
