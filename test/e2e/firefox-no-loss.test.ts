/**
 * Nothing captured is lost when Firefox unloads the add-on's event page: Firefox's counterpart of
 * panel-no-loss.test.ts's stopped service worker. The panel page is open in a tab while a page streams; the
 * event page is unloaded from chrome scope (test/support/firefox-event-page.ts), once forced mid-stream and
 * once by Firefox's own idle timer during a pause, and Firefox's add-on manager must report that it started
 * again. The panel must then hold every message exactly once, with no sequence gap.
 */
import type { Page } from 'puppeteer-core';
import { afterEach, describe, expect, it, type TestContext } from 'vitest';
import { NO_CHROME_SCOPE } from '../../scripts/firefox-chrome-scope.mjs';
import { pausingStreamPage, streamPage } from '../fixtures/pages';
import { type FirefoxSession, launchFirefox } from '../support/firefox';
import { unloadEventPage, waitForEventPage, watchEventPage } from '../support/firefox-event-page';
import { filteredCount, panelText, waitForPanel } from '../support/panel';
import { type FixtureServer, startFixtureServer } from '../support/servers';

let server: FixtureServer | undefined;
let session: FirefoxSession | undefined;

afterEach(async (ctx) => {
  if (ctx.task.result?.state === 'fail') await session?.saveFailure(ctx.task.name);
  await session?.close();
  session = undefined;
  await server?.close();
  server = undefined;
});

/** Messages in both directions plus the create and open rows. */
const expectedRows = (messages: number) => 2 * messages + 2;

const pageFlag = (page: Page, flag: '__done' | '__firstBurstDone') =>
  page.waitForFunction(
    (name: string) => (window as unknown as Record<string, unknown>)[name] === true,
    { polling: 50, timeout: 30_000 },
    flag,
  );

async function waitForTotal(panel: Page, total: number) {
  await panel.waitForFunction(
    (n: number) => new RegExp(`/ ${n} events`).test(document.querySelector('[aria-label="Filtered count"]')?.textContent ?? ''),
    { polling: 100, timeout: 30_000 },
    total,
  );
}

/** Every message once, and the status bar counts no gap (a gap row would also add to the total). */
async function expectEverything(panel: Page, messages: number) {
  await waitForTotal(panel, expectedRows(messages));
  expect(await filteredCount(panel)).toEqual([expectedRows(messages), expectedRows(messages)]);
  const health = await panelText(panel, '[aria-label="Capture health"]');
  expect(health).toContain('nothing dropped');
  expect(health).not.toContain('missing');
}

/** A Firefox with the panel page open in a tab on a blank page of the fixture server, and the event page watched. */
async function setUp(ctx: TestContext, prefs: Record<string, unknown> = {}) {
  server = await startFixtureServer();
  session = await launchFirefox({ prefs });
  if (!session.chromeScope) ctx.skip(NO_CHROME_SCOPE); // the event page is watched and unloaded from there
  await session.page.goto(server.page('/blank.html', '<!doctype html><title>blank</title>'));
  const panel = await session.openPanel();
  await session.page.bringToFront(); // the streaming page in front: background tabs' timers are throttled
  await watchEventPage(session.browser, session.uuid as string); // counts from here on
  return { server, session, panel, uuid: session.uuid as string };
}

describe('Firefox: the event page is unloaded while a page streams', () => {
  it('loses nothing when the event page is unloaded mid-stream', async (ctx) => {
    const { server, session, panel, uuid } = await setUp(ctx);
    const messages = 600;
    await session.page.goto(server.page('/stream.html', streamPage(server.wsOrigin, messages, 10)));
    await waitForPanel(panel, () => /\/ [1-9]\d* events/.test(document.querySelector('[aria-label="Filtered count"]')?.textContent ?? ''));

    await unloadEventPage(session.browser, uuid);
    // Mid-stream: the page had not had all its echoes back when the event page was gone.
    expect(await session.page.evaluate(() => (window as unknown as { __received: number }).__received)).toBeLessThan(messages);
    // The panel's reconnect wakes it: Firefox reports a new start of the page's scripts.
    const restarted = await waitForEventPage(session.browser, uuid, (w) => w.started >= 1 && w.state === 'running');
    expect(restarted.unloaded).toBeGreaterThanOrEqual(1);

    await pageFlag(session.page, '__done');
    await expectEverything(panel, messages);
  });

  it("loses nothing when Firefox's idle timer unloads the event page during a pause in the stream", async (ctx) => {
    // 30 s by default: 500 ms lets the pause between the bursts outlast it.
    const { server, session, panel, uuid } = await setUp(ctx, { 'extensions.background.idle.timeout': 500 });
    const perBurst = 150;
    await session.page.goto(server.page('/pausing.html', pausingStreamPage(server.wsOrigin, perBurst)));
    await pageFlag(session.page, '__firstBurstDone');
    await waitForTotal(panel, expectedRows(perBurst));

    // Quiet now: the idle timer unloads the event page, and the panel's reconnect starts it again.
    const before = await watchEventPage(session.browser, uuid);
    await waitForEventPage(session.browser, uuid, (w) => w.unloaded > before.unloaded && w.started > before.started);

    await session.page.evaluate(() => (window as unknown as { __resume(): void }).__resume());
    await pageFlag(session.page, '__done');
    await expectEverything(panel, 2 * perBurst);
  });
});
