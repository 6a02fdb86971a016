/**
 * The foundation check: the built extension, loaded into Debian's Chromium (the real DevTools panel) and
 * firefox-esr (the panel page in a tab), shows a WebSocket that the page opened from an inline script at
 * the top of <head>.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { saveArtifactsOnFailure } from '../support/artifacts';
import { BROWSERS, launchHarness, type PanelHarness } from '../support/browser-harness';
import { panelText, waitForPanel } from '../support/panel';
import { type FixtureServer, startFixtureServer } from '../support/servers';

let server: FixtureServer | undefined;
let session: PanelHarness | undefined;

saveArtifactsOnFailure(() => session);

afterEach(async () => {
  await session?.close();
  await server?.close();
  session = undefined;
  server = undefined;
});

describe.each(BROWSERS)('foundation in %s', (browser) => {
  it('shows in the panel a socket opened by an inline <head> script', async () => {
    server = await startFixtureServer();
    session = await launchHarness(browser);
    const url = server.page(
      '/head.html',
      `<!doctype html><html><head><script>
        window.early = new WebSocket('${server.wsOrigin}/echo');
        window.early.onopen = () => window.early.send('hello from head');
      </script></head><body>head socket</body></html>`,
    );
    await session.page.goto(url);
    await session.page.waitForFunction(() => (window as unknown as { early: WebSocket }).early.readyState === 1, { polling: 50 });
    const panel = await session.openPanel();
    await waitForPanel(
      panel,
      () => document.querySelector('[role=listbox][aria-label=Messages]')?.textContent?.includes('hello from head') ?? false,
    );
    const text = await panelText(panel, 'section[aria-label=Connections]');
    expect(text).toContain(`${server.wsOrigin}/echo`);
    expect(text).toContain('open');
    const timeline = await panelText(panel, '[role=listbox][aria-label=Messages]');
    expect(timeline).toMatch(/hello from head[\s\S]*hello from head/); // sent, then echoed back
    expect(server.received.map((m) => m.data.toString())).toEqual(['hello from head']);
  });
});
