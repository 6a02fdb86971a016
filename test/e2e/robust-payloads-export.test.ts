/**
 * The hostile set of robust-payloads.test.ts through export and import: the real panel's Export
 * dialog downloads a JSON log that must hold every payload, the socket URL and the close reason
 * exactly, and that, imported back, must show the same rows as inert text while the guard in the
 * panel frame stays empty.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Frame } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveArtifactsOnFailure } from '../support/artifacts';
import type { ChromiumSession } from '../support/chromium';
import { allowDownloads, exportCapture, importLog, readJson } from '../support/export-files';
import { captureHostileTraffic, detailsMatchPayloads, startHostileSession, timelineMatchesPayloads } from '../support/hostile-panel';
import { BINARY_TEXT, CLOSE_REASON, hostilePayloads, N, NAMES, sendRow, TOTAL, utf8, wellFormed } from '../support/hostile-payloads';
import { clickButton, panelText, waitForPanel } from '../support/panel';
import { CLEAN_GUARD, readPanelGuard } from '../support/panel-guard';
import type { FixtureServer } from '../support/servers';
import { allRowTexts, choosePayloadView, selectRowTimed, waitForTotal } from '../support/timeline';

let server: FixtureServer;
let session: ChromiumSession;
let panel: Frame;
let downloads: string;

beforeAll(async () => {
  const hostile = await startHostileSession();
  ({ server, session, panel } = hostile);
  downloads = await mkdtemp(join(tmpdir(), 'socketscope-robust-'));
  await allowDownloads(session.browser, downloads);
  await captureHostileTraffic(hostile);
});

saveArtifactsOnFailure(() => session);

afterAll(async () => {
  await session?.close();
  await server?.close();
  await rm(downloads, { recursive: true, force: true });
});

async function backToLive(): Promise<void> {
  await clickButton(panel, 'Back to live capture');
  await waitForPanel(panel, () => !document.body.textContent?.includes('read-only'));
}

describe('hostile payloads through export and import', () => {
  it('exports them exactly and re-imports them as inert text', async () => {
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
});
