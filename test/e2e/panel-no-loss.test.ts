/**
 * Nothing captured is lost: traffic from before DevTools was opened, traffic while the MV3 service
 * worker is stopped mid-stream, and (with "Preserve log") traffic from before a reload.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { streamPage } from '../fixtures/pages';
import { saveArtifactsOnFailure } from '../support/artifacts';
import { type ChromiumSession, launchChromium, sleep } from '../support/chromium';
import { filteredCount, panelText, toggleCheckbox, waitForPanel } from '../support/panel';
import { type FixtureServer, startFixtureServer } from '../support/servers';

let server: FixtureServer;
let session: ChromiumSession | undefined;

beforeEach(async () => {
  server = await startFixtureServer();
});

saveArtifactsOnFailure(() => session);

afterEach(async () => {
  await session?.close();
  session = undefined;
  await server.close();
});

const done = (s: ChromiumSession) =>
  s.page.waitForFunction(() => (window as unknown as { __done?: boolean }).__done === true, { polling: 50, timeout: 30_000 });

/** Messages in both directions plus the create and open rows. */
const expectedRows = (messages: number) => 2 * messages + 2;

async function waitForTotal(panel: Awaited<ReturnType<ChromiumSession['openPanel']>>, total: number) {
  await panel.waitForFunction(
    (n: number) => new RegExp(`/ ${n} events`).test(document.querySelector('[aria-label="Filtered count"]')?.textContent ?? ''),
    { polling: 100, timeout: 30_000 },
    total,
  );
}

describe('no loss', () => {
  it('keeps all traffic sent before DevTools was opened', async () => {
    session = await launchChromium({ devtools: false });
    await session.page.goto(server.page('/stream.html', streamPage(server.wsOrigin, 300, 0)));
    await done(session);
    await session.openDevtools();
    const panel = await session.openPanel();
    await waitForTotal(panel, expectedRows(300));
    expect(await filteredCount(panel)).toEqual([expectedRows(300), expectedRows(300)]);
    expect(await panelText(panel, '[aria-label="Capture health"]')).toContain('nothing dropped');
  });

  it('loses nothing when the service worker is stopped mid-stream', async () => {
    session = await launchChromium();
    const panel = await session.openPanel();
    await session.page.goto(server.page('/stream.html', streamPage(server.wsOrigin, 400, 5)));
    await waitForPanel(panel, () => /\/ [1-9]\d* events/.test(document.querySelector('[aria-label="Filtered count"]')?.textContent ?? ''));
    await session.stopServiceWorker();
    await sleep(300);
    await session.stopServiceWorker(); // the panel reconnected and woke it: stop it again
    await done(session);
    const fresh = await session.panel();
    await waitForTotal(fresh, expectedRows(400));
    const health = await panelText(fresh, '[aria-label="Capture health"]');
    expect(health).toContain('nothing dropped');
    expect(health).not.toContain('missing');
    // Each message once: the 400 sends and 400 echoes, no duplicates after the re-sync.
    expect(await filteredCount(fresh)).toEqual([expectedRows(400), expectedRows(400)]);
  });

  it('keeps the old rows across a reload only with "Preserve log"', async () => {
    session = await launchChromium();
    const url = server.page('/stream.html', streamPage(server.wsOrigin, 5, 0));
    await session.page.goto(url);
    await done(session);
    const panel = await session.openPanel();
    await waitForTotal(panel, expectedRows(5));

    await session.page.reload();
    await done(session);
    await waitForTotal(panel, expectedRows(5)); // a fresh log: only the new document's rows
    await sleep(300);
    expect((await filteredCount(panel))[1]).toBe(expectedRows(5));

    await toggleCheckbox(panel, 'Preserve log');
    await session.page.reload();
    await done(session);
    await waitForTotal(panel, 2 * expectedRows(5));
  });
});
