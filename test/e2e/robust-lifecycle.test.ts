/**
 * Lifecycle robustness: back and forward through the bfcache and an iframe removed while its socket
 * streams, a tab closed during capture and the panel closed and reopened mid-stream, in Chromium's real
 * DevTools panel and in firefox-esr's panel page; and in Chromium only, the MV3 service worker stopped in
 * the middle of a burst, the panel's and the service worker's heaps after Clear, and the panel's after a
 * navigation to a fresh document. In every case the counts are exact: nothing captured is lost or shown twice.
 */
import type { Frame, Page } from 'puppeteer-core';
import { afterEach, describe, expect, it } from 'vitest';
import { streamPage } from '../fixtures/pages';
import { saveArtifactsOnFailure } from '../support/artifacts';
import { BROWSERS, type BrowserName, launchHarness, type PanelHarness } from '../support/browser-harness';
import { type ChromiumSession, launchChromium, sleep } from '../support/chromium';
import { clickButton, filteredCount, type PanelTarget, panelText, selectRow, setFilterText, toggleCheckbox } from '../support/panel';
import { startRouteServer } from '../support/route-server';
import { type FixtureServer, startFixtureServer } from '../support/servers';
import { panelHeapUsed, selectPanelIn, stopWorkerOnce, workerHeapUsed } from '../support/targets';
import { totalEvents, waitForTotal } from '../support/timeline';

let server: FixtureServer | undefined;
let session: ChromiumSession | PanelHarness | undefined;

saveArtifactsOnFailure(() => session);

afterEach(async () => {
  await session?.close();
  session = undefined;
  await server?.close();
  server = undefined;
});

const done = (page: Page, timeout = 60_000) =>
  page.waitForFunction(() => (window as unknown as { __done?: boolean }).__done === true, { polling: 50, timeout });

/** create + open + every message and its echo. */
const rows = (messages: number) => 2 + 2 * messages;

async function start(devtools = true): Promise<{ s: ChromiumSession; srv: FixtureServer }> {
  server = await startFixtureServer();
  session = await launchChromium({ devtools });
  return { s: session, srv: server };
}

/** A harness for either browser; Firefox's panel page finds its tab by URL, which about:blank does not show. */
async function startIn(browser: BrowserName, devtools = true): Promise<{ s: PanelHarness; srv: FixtureServer }> {
  server = await startFixtureServer();
  const harness = await launchHarness(browser, { devtools });
  session = harness;
  if (browser === 'Firefox') await harness.page.goto(server.page('/blank.html', '<!doctype html><title>blank</title>'));
  return { s: harness, srv: server };
}

/**
 * Back or forward in the page's history. puppeteer's goBack over WebDriver BiDi waits for a load that a
 * page restored from Firefox's bfcache never fires, so there the page's own history call does it (the
 * caller waits for the page's state).
 */
async function traverse(s: PanelHarness, direction: 'back' | 'forward') {
  if (s.browser === 'Chromium') await (direction === 'back' ? s.page.goBack() : s.page.goForward());
  else await s.page.evaluate((d) => (d === 'back' ? history.back() : history.forward()), direction);
}

describe.each(BROWSERS)('lifecycle in %s', (browser) => {
  it('keeps each document once across navigation and a bfcache back/forward, and captures the restored page live', async () => {
    const { s } = await startIn(browser);
    // pages served without "no-store", which would keep them out of the bfcache
    const srv = await startRouteServer();
    const echo = srv.echo('/echo');
    const closeRoutes = srv.close;
    srv.page = (path, html) => srv.route(path, (_req, res) => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html));
    const panel = await s.openPanel();
    await toggleCheckbox(panel, 'Preserve log');
    // page 1: three messages (the first longer than its preview: its body stays in the page hook), then the socket
    // closes (an open socket would keep it out of the bfcache)
    const one = srv.page(
      '/one.html',
      `<!doctype html><html><head><script>
      const run = (tag, n) => { const ws = new WebSocket('${srv.wsOrigin}/echo?' + tag); let got = 0;
        ws.onopen = () => { for (let i = 0; i < n; i++) ws.send(tag + ' ' + i + (i === 0 ? ' ' + 'y'.repeat(3000) + 'end' : '')); };
        ws.onmessage = () => { if (++got === n) ws.close(1000, tag); };
        ws.onclose = () => { window.__done = true; }; };
      window.__restored = 0;
      addEventListener('pageshow', (e) => { if (e.persisted) { window.__restored++; window.__done = false; run('again', 2); } });
      run('one', 3);
      </script></head><body>one</body></html>`,
    );
    const two = srv.page('/two.html', streamPage(srv.wsOrigin, 4, 0));
    await s.page.goto(one);
    await done(s.page);
    // create, open, 3 + 3, close-call, close
    await waitForTotal(panel, 10);
    await s.page.goto(two);
    await done(s.page);
    await waitForTotal(panel, 10 + rows(4));
    await traverse(s, 'back');
    await done(s.page);
    expect(await s.page.evaluate(() => (window as unknown as { __restored: number }).__restored)).toBe(1); // from the bfcache
    // the restored document's new socket (create, open, 2 + 2, close-call, close) is shown live, the old rows once
    await waitForTotal(panel, 10 + rows(4) + 8);
    // a long body captured before the document went into the bfcache is still fetched whole from its hook
    await setFilterText(panel, 'one 0 yyy');
    await panel.waitForFunction(() => document.querySelectorAll('[role=listbox][aria-label=Messages] [role=option]').length === 2, {
      polling: 50,
      timeout: 10_000,
    });
    await selectRow(panel, 'one 0 yyy');
    await panel.waitForFunction(
      () => document.querySelector('section[aria-label="Message details"]')?.textContent?.includes('yyyend') === true,
      {
        polling: 100,
        timeout: 20_000,
      },
    );
    expect(await panel.$$eval('.payload-notes .note', (els) => els.map((el) => el.textContent))).toEqual([]);
    await setFilterText(panel, '');
    // forward: page two comes back from the bfcache (where Chromium closed its open socket: + error and close
    // rows) or loads as a new document (+ its own rows); either way nothing already shown is repeated
    await traverse(s, 'forward');
    await done(s.page);
    await sleep(1500);
    const total = await totalEvents(panel);
    console.log(`[robust] after forward: ${total} rows`);
    expect([10 + rows(4) + 8 + 2, 10 + rows(4) + 8 + rows(4)]).toContain(total);
    const health = await panelText(panel, '[aria-label="Capture health"]');
    expect(health).not.toContain('missing');
    expect(health).toContain('nothing dropped');
    const urls = await panel.$$eval('section[aria-label=Connections] td.url button', (b) => b.map((x) => x.textContent));
    expect(urls.filter((u) => u?.endsWith('?one'))).toHaveLength(1);
    expect(urls.filter((u) => u?.endsWith('?again'))).toHaveLength(1);
    await closeRoutes();
    void echo;
  });

  it('keeps what an iframe sent before it was removed mid-stream, each once, and the page goes on', async () => {
    const { s, srv } = await startIn(browser);
    const panel = await s.openPanel();
    // The frame streams 40 messages, then sends 20 in one task and asks its parent to remove it in the
    // next: the hook's batch of those 20 is then posted to the relay, but not yet delivered, when the
    // frame goes (a posted message runs in a later task, which a removed frame never runs).
    srv.page(
      '/stream-frame.html',
      `<!doctype html><html><head><script>
      const ws = new WebSocket('${srv.wsOrigin}/echo?frame');
      let i = 0;
      const burst = () => {
        for (let k = 0; k < 20; k++) ws.send('f ' + i++);
        parent.__frameSent = i;
        const next = new MessageChannel();
        next.port1.onmessage = () => parent.removeFrame();
        next.port2.postMessage(0);
      };
      ws.onopen = () => { const tick = () => { ws.send('f ' + i++); parent.__frameSent = i; if (i < 40) setTimeout(tick, 5); else setTimeout(burst, 5); }; tick(); };
      </script></head><body>frame</body></html>`,
    );
    await s.page.goto(
      srv.page(
        '/parent.html',
        `<!doctype html><html><head></head><body><script>
        const frame = document.createElement('iframe');
        frame.src = '/stream-frame.html';
        document.body.appendChild(frame);
        window.removeFrame = () => { frame.remove(); window.__removed = window.__frameSent;
          const ws = new WebSocket('${srv.wsOrigin}/echo?after'); let got = 0;
          ws.onopen = () => { ws.send('after 1'); ws.send('after 2'); };
          ws.onmessage = () => { if (++got === 2) window.__done = true; }; };
        </script></body></html>`,
      ),
    );
    await done(s.page);
    await sleep(800);
    const fromFrame = srv.received.filter((m) => m.data.toString().startsWith('f ')).length;
    // The panel's connection row for the frame socket: what the page sent, every one of them, once.
    const frameRow = await panel.$$eval('section[aria-label=Connections] tbody tr', (trs) =>
      trs.map((tr) => tr.textContent ?? '').find((t) => t.includes('?frame')),
    );
    expect(frameRow).toBeTruthy();
    const sent = Number(/(\d+) · [\d.]+ [kMG]?B/.exec(frameRow!.slice(frameRow!.indexOf('?frame')))?.[1]);
    const removedAt = await s.page.evaluate(() => (window as unknown as { __removed: number }).__removed);
    console.log(`[robust] iframe removed after ${removedAt} sends; server received ${fromFrame}; panel shows ${sent}`);
    expect(removedAt).toBe(60);
    expect(sent).toBe(60);
    // The server cannot have more than the page sent (a socket torn down with its frame may lose the last sends).
    expect(fromFrame).toBeLessThanOrEqual(60);
    const health = await panelText(panel, '[aria-label="Capture health"]');
    expect(health).not.toContain('missing');
    expect(health).toContain('nothing dropped');
    expect(await panelText(panel, 'section[aria-label=Connections]')).toContain('?after');
  });

  it('survives a tab closed during capture: the browser and the other tab’s panel keep working', async () => {
    const { s, srv } = await startIn(browser, false);
    const doomed = await s.page.browser().newPage();
    await doomed.goto(srv.page('/doomed.html', streamPage(srv.wsOrigin, 100_000, 2)));
    const survivor = s.page;
    await survivor.goto(srv.page('/survivor.html', streamPage(srv.wsOrigin, 400, 5)));
    const doomedPanel = await s.panelTab(doomed);
    // panels in background tabs: puppeteer's selector waits poll on animation frames, which stall there
    const survivorPanel = await s.panelTab(survivor);
    const pv: Frame = survivorPanel.mainFrame();
    await doomedPanel
      .mainFrame()
      .waitForFunction(() => /\/ [1-9]\d{2,} events/.test(document.querySelector('[aria-label="Filtered count"]')?.textContent ?? ''), {
        polling: 100,
        timeout: 20_000,
      });
    await doomed.close();
    await done(survivor);
    await waitForTotal(pv, rows(400));
    expect(await panelText(pv, '[aria-label="Capture health"]')).toContain('nothing dropped');
    // the closed tab's panel keeps what it had and stays usable
    await doomedPanel.bringToFront();
    const kept = await totalEvents(doomedPanel.mainFrame());
    expect(kept).toBeGreaterThan(100);
    await clickButton(doomedPanel.mainFrame(), 'Clear');
    await waitForTotal(doomedPanel.mainFrame(), 0);
    // and a new tab still gets captured
    const late = await s.page.browser().newPage();
    await late.goto(srv.page('/late.html', streamPage(srv.wsOrigin, 5, 0)));
    await done(late);
    const latePanel = await s.panelTab(late);
    await waitForTotal(latePanel.mainFrame(), rows(5));
  });

  // Firefox's panel here is the panel page in a tab (see browser-harness.ts): closing that tab is what ends the
  // panel's connection there; firefox-devtools.test.ts drives the real toolbox.
  it('loses and doubles nothing when the panel is closed and reopened mid-stream (Chromium: DevTools; Firefox: the panel page)', async () => {
    const { s, srv } = await startIn(browser);
    const panel = await s.openPanel();
    await s.page.goto(srv.page('/stream.html', streamPage(srv.wsOrigin, 600, 5)));
    await panel.waitForFunction(
      () => /\/ [1-9]\d{2,} events/.test(document.querySelector('[aria-label="Filtered count"]')?.textContent ?? ''),
      { polling: 100, timeout: 20_000 },
    );
    let reopened: PanelTarget;
    if (s.chromium) {
      await s.chromium.devtools!.close();
      await sleep(300);
      reopened = await selectPanelIn(await s.page.openDevTools(), s.chromium.extensionId);
    } else {
      reopened = await s.openPanel(); // closes the panel tab, then opens a new one
    }
    await done(s.page);
    await waitForTotal(reopened, rows(600));
    await sleep(500);
    expect(await filteredCount(reopened)).toEqual([rows(600), rows(600)]);
    expect(await panelText(reopened, '[aria-label="Capture health"]')).toContain('nothing dropped');
  });
});

describe('lifecycle in Chromium only: Firefox has no MV3 service worker (firefox-no-loss.test.ts unloads its event page) and no CDP heap sizes', () => {
  it('loses and doubles nothing when the service worker is stopped three times during a 3,000-message burst', async () => {
    const { s, srv } = await start();
    const panel = await s.openPanel();
    // bursts of 100 messages in one task, every 20 ms
    await s.page.goto(
      srv.page(
        '/burst.html',
        `<!doctype html><html><head><script>
        const ws = new WebSocket('${srv.wsOrigin}/echo');
        let sent = 0, got = 0;
        ws.onmessage = () => { if (++got === 3000) window.__done = true; };
        ws.onopen = () => { const burst = () => { for (let i = 0; i < 100; i++) ws.send('m' + sent++); if (sent < 3000) setTimeout(burst, 20); }; burst(); };
        </script></head><body>burst</body></html>`,
      ),
    );
    for (let i = 0; i < 3; i++) {
      await sleep(150);
      await stopWorkerOnce(s.browser, s.extensionId);
    }
    await done(s.page);
    const fresh = await s.panel();
    await waitForTotal(fresh, rows(3000), 60_000);
    await sleep(500);
    expect(await filteredCount(fresh)).toEqual([rows(3000), rows(3000)]);
    const health = await panelText(fresh, '[aria-label="Capture health"]');
    expect(health).toContain('nothing dropped');
    expect(srv.received).toHaveLength(3000);
    void panel;
  });

  // Issue #10: the panel's heap used to stay where the capture had brought it (baseline 1.7 MB, 19.2 MB
  // loaded, 19.3 MB after Clear): stale Preact callbacks (a kept effect, a ref's initial value, the
  // parent's last element tree) closed over the rows array that Clear replaced. The service worker is a
  // router and must not grow with what it routed either.
  // A navigation drops the old document's rows in place, without Clear: a message left selected there kept
  // the Details pane's last render, and its Decoded tab the whole dropped rows array (the bench's empty
  // capture after a million rows: 160 MB), and the decoded-rows cache kept the rows shown.
  it("returns the panel's and the service worker's heaps near their baselines after Clear and after a navigation", async () => {
    const { s, srv } = await start();
    const panel = await s.openPanel();
    await s.page.goto('about:blank');
    await sleep(500);
    const baseline = await panelHeapUsed(s.browser, s.extensionId);
    const workerBaseline = await workerHeapUsed(s.browser, s.extensionId);
    // 8,000 JSON messages of 1 KiB (previews are whole, and decoded when shown): about 16,000 rows holding 16 MB of text
    const heapPage = srv.page(
      '/heap.html',
      `<!doctype html><html><head><script>
      const ws = new WebSocket('${srv.wsOrigin}/echo');
      let got = 0;
      ws.onopen = () => { for (let i = 0; i < 8000; i++) ws.send('{"n":"' + String(i).padStart(6, '0') + '","pad":"' + 'x'.repeat(1000) + '"}'); };
      ws.onmessage = () => { if (++got === 8000) ws.close(); };
      ws.onclose = () => { window.__done = true; };
      </script></head><body>heap</body></html>`,
    );
    await s.page.goto(heapPage);
    await done(s.page);
    await waitForTotal(panel, rows(8000) + 2, 60_000);
    const loaded = await panelHeapUsed(s.browser, s.extensionId);
    await clickButton(panel, 'Clear');
    await waitForTotal(panel, 0);
    await sleep(500);
    const cleared = await panelHeapUsed(s.browser, s.extensionId);
    const workerCleared = await workerHeapUsed(s.browser, s.extensionId);
    // the same capture again, a message open in Details, then a fresh document with one socket (create + open)
    await s.page.goto(heapPage);
    await done(s.page);
    await waitForTotal(panel, rows(8000) + 2, 60_000);
    // (element handles are disposed: each one would keep its node, and what the node's listeners reach, alive)
    const message = await panel.waitForSelector('[role=listbox][aria-label=Messages] [role=option].kind-recv');
    await message!.click();
    await message!.dispose();
    await (await panel.waitForSelector('section[aria-label="Message details"] section[aria-label="Payload"]', {
      timeout: 20_000,
    }))!.dispose();
    await s.page.goto(
      srv.page(
        '/fresh.html',
        `<!doctype html><html><head><script>new WebSocket('${srv.wsOrigin}/echo').onopen = () => { window.__done = true; };</script></head><body>fresh</body></html>`,
      ),
    );
    await done(s.page);
    await waitForTotal(panel, 2);
    await sleep(500);
    const navigated = await panelHeapUsed(s.browser, s.extensionId);
    const mb = (n: number) => `${(n / 2 ** 20).toFixed(1)} MB`;
    console.log(
      `[robust] panel heap: baseline ${mb(baseline)}, loaded ${mb(loaded)}, after Clear ${mb(cleared)}, after a navigation ${mb(navigated)}`,
    );
    console.log(`[robust] service worker heap: baseline ${mb(workerBaseline.used)}, after Clear ${mb(workerCleared.used)}`);
    expect(loaded - baseline).toBeGreaterThan(8 * 2 ** 20); // the measurement sees the capture
    const near = Math.max(4 * 2 ** 20, 0.2 * (loaded - baseline));
    expect(cleared - baseline).toBeLessThan(near);
    expect(navigated - baseline, 'the panel still holds the previous document’s rows').toBeLessThan(near);
    // the 16 MB of the capture went through this worker, which must still be the one measured at first
    expect(workerCleared.worker, 'the service worker was restarted during the capture').toBe(workerBaseline.worker);
    expect(workerCleared.used - workerBaseline.used).toBeLessThan(2 ** 20);
  });
});
