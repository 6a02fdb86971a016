/**
 * The live timeline follows new rows while the user is at its bottom, stays where the user scrolled
 * while they are not, and follows again after End: in Chromium's real DevTools panel and in
 * firefox-esr's panel page. (The list draws its bottom rows itself while it follows; see VirtualList.)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveArtifactsOnFailure } from '../support/artifacts';
import { BROWSERS, launchHarness, type PanelHarness } from '../support/browser-harness';
import type { PanelTarget } from '../support/panel';
import { type FixtureServer, startFixtureServer } from '../support/servers';
import { rowInView, waitForTotal } from '../support/timeline';

/** Messages per burst: several of the relay's batches, each echoed. */
const BURST = 400;

/** A page that sends a burst of text messages to the echo server whenever the test asks. */
const PAGE = (wsOrigin: string) => `<!doctype html><title>follow</title><script>
  let sent = 0;
  const ws = new WebSocket(${JSON.stringify(`${wsOrigin}/echo`)});
  ws.onopen = () => { window.__done = true; };
  window.__burst = (n) => { for (let i = 0; i < n; i++) ws.send('message ' + sent++); };
</script>`;

let server: FixtureServer;
let session: PanelHarness | undefined;
let panel: PanelTarget;
/** Rows so far: create and open, then every message sent and echoed. */
let rows = 2;

saveArtifactsOnFailure(() => session);

/** Whether the rendered row at `index` lies wholly inside the list's view (null when it is not rendered). */
const inView = async (index: number) => (await rowInView(panel, index))?.inView ?? null;

/** Sends a burst from the page and waits until the panel has every row of it. */
async function burst(): Promise<void> {
  await session!.page.evaluate((n) => (window as unknown as { __burst(n: number): void }).__burst(n), BURST);
  rows += 2 * BURST;
  await waitForTotal(panel, rows);
}

/** Waits until the row at `index` shows wholly inside the view (the list renders on the next frame). */
async function waitInView(index: number): Promise<void> {
  const deadline = Date.now() + 10_000;
  while ((await inView(index)) !== true) {
    if (Date.now() > deadline) throw new Error(`row ${index} did not come into view (the panel holds ${rows} rows)`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe.each(BROWSERS)('the live timeline in %s', (browser) => {
  beforeAll(async () => {
    rows = 2;
    server = await startFixtureServer();
    session = await launchHarness(browser);
    await session.page.goto(server.page('/follow.html', PAGE(server.wsOrigin)));
    await session.page.waitForFunction(() => (window as unknown as { __done?: boolean }).__done === true, { polling: 50, timeout: 20_000 });
    panel = await session.openPanel();
    await waitForTotal(panel, rows);
  });

  afterAll(async () => {
    await session?.close();
    session = undefined;
    await server?.close();
  });

  it('follows new rows at the bottom, stays where the user scrolled up, and follows again after End', async () => {
    await burst();
    await waitInView(rows - 1);
    await burst();
    await waitInView(rows - 1);

    // The user scrolls to the top: new rows no longer move the view.
    await panel.$eval('[role=listbox][aria-label=Messages]', (el) => {
      el.scrollTop = 0;
    });
    await waitInView(0);
    await burst();
    await new Promise((resolve) => setTimeout(resolve, 300)); // a few frames for a wrong follow to show
    expect(await inView(0)).toBe(true);
    expect(await inView(rows - 1)).not.toBe(true);

    // End goes to the last row; from there the list follows again.
    await (await panel.$('[role=listbox][aria-label=Messages]'))!.focus();
    await session!.keyboard().press('End');
    await waitInView(rows - 1);
    await burst();
    await waitInView(rows - 1);
    expect(await inView(0)).toBe(null);
  });
});
