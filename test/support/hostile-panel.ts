/**
 * The hostile set in the panel (Chromium's real DevTools panel, or firefox-esr's panel page in a tab): a
 * browser whose panel carries the guard and the payload
 * list (rebuilt inside the panel, never passed through JSON), the hostile page captured, and the
 * comparisons of what the timeline and the detail pane show against the payloads themselves.
 */
import { expect } from 'vitest';
import { type BrowserName, type HarnessOptions, launchHarness, type PanelHarness } from './browser-harness';
import { hostilePage, hostilePayloads, N, NAMES, sendRow, TOTAL, utf8 } from './hostile-payloads';
import type { PanelTarget } from './panel';
import { installPanelGuard } from './panel-guard';
import { type FixtureServer, startFixtureServer } from './servers';
import { choosePayloadView, selectRowTimed, waitForTotal } from './timeline';

export interface HostileSession {
  server: FixtureServer;
  session: PanelHarness;
  panel: PanelTarget;
}

/** A fixture server and a browser with the panel open, guarded, and holding the payloads as `window.__P`. */
export async function startHostileSession(browser: BrowserName = 'Chromium', options: HarnessOptions = {}): Promise<HostileSession> {
  const server = await startFixtureServer();
  const session = await launchHarness(browser, options);
  // Firefox's panel page finds its tab by URL (an extension without the tabs permission sees no
  // about:blank), then follows it by id: a plain page first, the hostile one later, as with DevTools open.
  if (browser === 'Firefox') await session.page.goto(server.page('/blank.html', '<!doctype html><title>blank</title>'));
  const panel = await session.openPanel();
  await installPanelGuard(panel);
  await panel.evaluate(`window.__P = (${hostilePayloads.toString()})()`);
  return { server, session, panel };
}

/** Runs the hostile page until its socket closed and the panel holds every event; returns the socket's URL as the page saw it. */
export async function captureHostileTraffic({ server, session, panel }: HostileSession): Promise<string> {
  await session.page.goto(server.page('/hostile.html', hostilePage(server.wsOrigin)));
  await session.page.waitForFunction(() => (window as unknown as { __done?: boolean }).__done === true, { polling: 50, timeout: 30_000 });
  const url = await session.page.evaluate(() => (window as unknown as { __url: string }).__url);
  await waitForTotal(panel, TOTAL);
  return url;
}

/** Inside the panel: each send and echo row's preview is the payload's one-line form, exactly. */
export async function timelineMatchesPayloads(p: PanelTarget, saved: string): Promise<string[]> {
  return p.evaluate(
    (saved: string, n: number) => {
      const P = (window as unknown as { __P: string[] }).__P;
      const texts = (window as unknown as Record<string, string[]>)[saved];
      // the panel's oneLine(): control characters made visible, cut at 300
      const oneLine = (t: string) =>
        // biome-ignore lint/suspicious/noControlCharactersInRegex: mirrors the panel
        (t.length > 300 ? `${t.slice(0, 300)}…` : t).replace(/[\u0000-\u001f\u007f]/g, (c) => (c === '\n' ? '↵' : c === '\t' ? '⇥' : '·'));
      const bad: string[] = [];
      for (let i = 0; i < n; i++) {
        if (texts[2 + i] !== oneLine(P[i].slice(0, 1024))) bad.push(`send ${i}: ${texts[2 + i].slice(0, 60)}`);
        if (texts[3 + n + i] !== oneLine((P[i] as unknown as { toWellFormed(): string }).toWellFormed().slice(0, 1024)))
          bad.push(`recv ${i}: ${texts[3 + n + i].slice(0, 60)}`);
      }
      return bad;
    },
    saved,
    N,
  );
}

/** Selects each payload row and checks the Text view holds the exact payload (its first 256 Ki chars). */
export async function detailsMatchPayloads(p: PanelTarget): Promise<void> {
  for (let i = 0; i < N; i++) {
    const payload = hostilePayloads()[i];
    await selectRowTimed(p, sendRow(i), `(${utf8(payload)} bytes, text)`);
    await p.waitForSelector('[role=tablist][aria-label="Payload views"]');
    await choosePayloadView(p, 'Text');
    const same = await p.waitForFunction(
      (i: number) => {
        const P = (window as unknown as { __P: string[] }).__P;
        const shown = document.querySelector('.detail pre.payload-text')?.textContent ?? '';
        return shown === P[i].slice(0, 256 * 1024);
      },
      { polling: 50, timeout: 5000 },
      i,
    );
    expect(await same.jsonValue(), NAMES[i]).toBe(true);
  }
}
