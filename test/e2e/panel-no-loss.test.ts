/**
 * Nothing captured is lost: traffic from before the panel was opened, and (with "Preserve log") traffic
 * from before a reload, in Chromium's real DevTools panel and in firefox-esr's panel page; and traffic
 * while Chromium's MV3 service worker is stopped mid-stream (Firefox's counterpart, its event page
 * unloaded mid-stream, is firefox-no-loss.test.ts).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { streamPage } from '../fixtures/pages';
import { saveArtifactsOnFailure } from '../support/artifacts';
import { BROWSERS, launchHarness, type PanelHarness } from '../support/browser-harness';
import { type ChromiumSession, launchChromium, sleep } from '../support/chromium';
import { filteredCount, type PanelTarget, panelText, toggleCheckbox, waitForPanel } from '../support/panel';
import { type FixtureServer, startFixtureServer } from '../support/servers';

let server: FixtureServer;
let session: PanelHarness | ChromiumSession | undefined;

beforeEach(async () => {
  server = await startFixtureServer();
});

saveArtifactsOnFailure(() => session);

afterEach(async () => {
  await session?.close();
  session = undefined;
  await server.close();
});

const done = (s: { page: PanelHarness['page'] }) =>
  s.page.waitForFunction(() => (window as unknown as { __done?: boolean }).__done === true, { polling: 50, timeout: 30_000 });

/** Messages in both directions plus the create and open rows. */
const expectedRows = (messages: number) => 2 * messages + 2;

async function waitForTotal(panel: PanelTarget, total: number) {
  await panel.waitForFunction(
    (n: number) => new RegExp(`/ ${n} events`).test(document.querySelector('[aria-label="Filtered count"]')?.textContent ?? ''),
    { polling: 100, timeout: 30_000 },
    total,
  );
}

describe.each(BROWSERS)('no loss in %s', (browser) => {
  it('keeps all traffic sent before the panel was opened', async () => {
    const harness = await launchHarness(browser, { devtools: false });
    session = harness;
    await harness.page.goto(server.page('/stream.html', streamPage(server.wsOrigin, 300, 0)));
    await done(harness);
    const panel = await harness.openPanel();
    await waitForTotal(panel, expectedRows(300));
    expect(await filteredCount(panel)).toEqual([expectedRows(300), expectedRows(300)]);
    expect(await panelText(panel, '[aria-label="Capture health"]')).toContain('nothing dropped');
  });

  it('keeps the old rows across a reload only with "Preserve log"', async () => {
    const harness = await launchHarness(browser);
    session = harness;
    const url = server.page('/stream.html', streamPage(server.wsOrigin, 5, 0));
    await harness.page.goto(url);
    await done(harness);
    const panel = await harness.openPanel();
    await waitForTotal(panel, expectedRows(5));

    await harness.page.reload();
    await done(harness);
    await waitForTotal(panel, expectedRows(5)); // a fresh log: only the new document's rows
    await sleep(300);
    expect((await filteredCount(panel))[1]).toBe(expectedRows(5));

    await toggleCheckbox(panel, 'Preserve log');
    await harness.page.reload();
    await done(harness);
    // Firefox closes the unloading document's socket as a page sees it, "1001 Going Away", and the hook
    // records that close; Chromium tears the socket down without a close event the page could see.
    const closedOnUnload = browser === 'Firefox' ? 1 : 0;
    await waitForTotal(panel, 2 * expectedRows(5) + closedOnUnload);
    if (closedOnUnload) expect(await panelText(panel, 'section[aria-label=Connections]')).toContain('1001 Going Away clean');
  });
});

describe('no loss in Chromium only: Firefox has no MV3 service worker (its event page unloaded mid-stream is firefox-no-loss.test.ts)', () => {
  it('loses nothing when the service worker is stopped mid-stream', async () => {
    const chromium = await launchChromium();
    session = chromium;
    const panel = await chromium.openPanel();
    await chromium.page.goto(server.page('/stream.html', streamPage(server.wsOrigin, 400, 5)));
    await waitForPanel(panel, () => /\/ [1-9]\d* events/.test(document.querySelector('[aria-label="Filtered count"]')?.textContent ?? ''));
    await chromium.stopServiceWorker();
    await sleep(300);
    await chromium.stopServiceWorker(); // the panel reconnected and woke it: stop it again
    await done(chromium);
    const fresh = await chromium.panel();
    await waitForTotal(fresh, expectedRows(400));
    const health = await panelText(fresh, '[aria-label="Capture health"]');
    expect(health).toContain('nothing dropped');
    expect(health).not.toContain('missing');
    // Each message once: the 400 sends and 400 echoes, no duplicates after the re-sync.
    expect(await filteredCount(fresh)).toEqual([expectedRows(400), expectedRows(400)]);
  });
});
