/**
 * The extension's pages ship a strict CSP: no eval, no inline or remote script, no plugins. Checked in
 * the built manifests (Chrome and the Firefox one derived from it) and where it matters, in the panel
 * (Chromium's real DevTools panel, firefox-esr's panel page): eval (a string timer), an inline script and a
 * remote script are all refused there.
 */
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveArtifactsOnFailure } from '../support/artifacts';
import { BROWSERS, launchHarness, type PanelHarness } from '../support/browser-harness';
import { CHROME_DIST, FIREFOX_DIST } from '../support/paths';
import { type RouteServer, startRouteServer } from '../support/route-server';

let server: RouteServer;
let session: PanelHarness | undefined;

beforeAll(async () => {
  server = await startRouteServer();
});

saveArtifactsOnFailure(() => session);

afterAll(async () => {
  await session?.close();
  await server?.close();
});

const policyOf = async (dist: string): Promise<string> =>
  JSON.parse(await readFile(`${dist}/manifest.json`, 'utf8')).content_security_policy?.extension_pages ?? '';

describe('content security policy of the extension pages', () => {
  it('is strict in both built manifests', async () => {
    for (const dist of [CHROME_DIST, FIREFOX_DIST]) {
      const policy = await policyOf(dist);
      expect(policy).toMatch(/(^|; )script-src 'self'(;|$)/);
      expect(policy).toContain("object-src 'none'");
      expect(policy).toContain("base-uri 'none'");
      expect(policy).not.toMatch(/unsafe|https?:|\*/);
    }
  });
});

describe.each(BROWSERS)('content security policy of the panel in %s', (browser) => {
  afterAll(async () => {
    await session?.close();
    session = undefined;
  });

  it('refuses eval, inline and remote script in the panel', async () => {
    session = await launchHarness(browser);
    await session.page.goto(server.page('/csp.html', '<!doctype html><html><body>csp</body></html>'));
    const panel = await session.openPanel();
    const remote = `${server.origin}/remote.js`;
    server.route('/remote.js', (_req, res) => res.writeHead(200, { 'content-type': 'text/javascript' }).end('window.__remoteRan = true;'));
    // Code run through CDP may eval (DevTools allows it while it evaluates), so the strings are compiled
    // later by the panel itself: a string timer is eval by another name, and CSP governs it.
    const outcome = await panel.evaluate(async (remoteUrl: string) => {
      const w = window as unknown as Record<string, unknown>;
      const violations: string[] = [];
      document.addEventListener('securitypolicyviolation', (e) => violations.push(`${e.effectiveDirective} ${e.blockedURI}`));
      const stringTimer = w.setTimeout as (code: string, ms: number) => number;
      stringTimer('window.__evalRan = true', 0);
      const inline = document.createElement('script');
      inline.textContent = 'window.__inlineRan = true;';
      document.head.append(inline);
      const remote = await new Promise<string>((resolve) => {
        const script = document.createElement('script');
        script.src = remoteUrl;
        script.onload = () => resolve('loaded');
        script.onerror = () => resolve('refused');
        document.head.append(script);
      });
      await new Promise((resolve) => setTimeout(resolve, 300));
      return { evalRan: w.__evalRan === true, inlineRan: w.__inlineRan === true, remote, remoteRan: w.__remoteRan === true, violations };
    }, remote);
    expect(outcome).toMatchObject({ evalRan: false, inlineRan: false, remote: 'refused', remoteRan: false });
    expect(outcome.violations).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^script-src eval$/),
        expect.stringMatching(/^script-src-elem inline$/),
        `script-src-elem ${remote}`,
      ]),
    );
  });
});
