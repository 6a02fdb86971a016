/**
 * The foundation check: the built extension, loaded into Debian's Chromium, shows in the real
 * DevTools panel a WebSocket that the page opened from an inline script at the top of <head>.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { saveArtifactsOnFailure } from '../support/artifacts';
import { type ChromiumSession, launchChromium } from '../support/chromium';
import { panelText, waitForPanel } from '../support/panel';
import { type FixtureServer, startFixtureServer } from '../support/servers';

let server: FixtureServer;
let session: ChromiumSession;

beforeEach(async () => {
  server = await startFixtureServer();
  session = await launchChromium();
});

saveArtifactsOnFailure(() => session);

afterEach(async () => {
  await session?.close();
  await server?.close();
});

describe('foundation', () => {
  it('shows in the real DevTools panel a socket opened by an inline <head> script', async () => {
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
