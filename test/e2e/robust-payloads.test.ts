/**
 * Hostile payloads through the real DevTools panel: HTML, <script>, SVG with onload, javascript: URLs,
 * CSS breakers, bidi and zero-width characters, lone surrogates, huge numbers, JSON nested 100 000
 * deep, in frames, in the socket URL and in the close reason, then through export and import. A guard
 * in the panel frame records anything that runs or gets parsed as markup; the panel must stay
 * responsive (a click updates the detail pane within a second) and show exact sizes. Plus 100 MB
 * text and binary frames: exact size shown, the panel stays responsive.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Frame } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveArtifactsOnFailure } from '../support/artifacts';
import { type ChromiumSession, launchChromium } from '../support/chromium';
import { clickButton, panelText, waitForPanel } from '../support/panel';
import {
  allowDownloads,
  allRowTexts,
  CLEAN_GUARD,
  choosePayloadView,
  exportJsonLog,
  importLog,
  installPanelGuard,
  readJson,
  readPanelGuard,
  selectRowTimed,
  waitForTotal,
} from '../support/robust';
import { type FixtureServer, startFixtureServer } from '../support/servers';

let server: FixtureServer;
let session: ChromiumSession;
let panel: Frame;
let downloads: string;

/**
 * The hostile text frames. Shared verbatim by the page (inlined as source) and by the checks in the
 * panel and in Node, so that strings with lone surrogates never cross a JSON boundary in the test.
 */
const hostilePayloads = (): string[] => [
  '<img src=x onerror="window.__pwned=1;alert(1)">',
  '<script>window.__pwned=2;alert(2)</script>',
  '<svg xmlns="http://www.w3.org/2000/svg" onload="window.__pwned=3;alert(3)"><circle r="1"/></svg>',
  'javascript:window.__pwned=4;alert(4)',
  '</pre></style><style>*{display:none!important}</style>"}*{display:none}</textarea><b>\'; } body { background: url(javascript:alert(5)) }',
  'user\u202Egnp.exe \u200B\u200C\u200D\u2060\uFEFF end',
  JSON.stringify({
    '<img src=x onerror=alert(6)>': '<script>alert(7)</script>',
    href: 'javascript:alert(8)',
    css: '</style><style>*{color:red}',
  }),
  '{"big":123456789012345678901234567890,"tiny":1e-400,"huge":-1e400,"exact":0.1000000000000000055511151231257827}',
  'lone \uD800 high, lone \uDC00 low, swapped \uDC00\uD800 end',
  `${'['.repeat(100_000)}${']'.repeat(100_000)}`,
  `${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)}`,
];
const CLOSE_REASON = '<img src=x onerror="alert(10)">\u202Eevil';
const BINARY_TEXT = '<script>alert(9)</script>';
/** Names each payload for failure messages. */
const NAMES = [
  'img',
  'script',
  'svg',
  'javascript:',
  'css',
  'bidi',
  'json-html',
  'json-numbers',
  'surrogates',
  'deep-array',
  'deep-object',
];

/** An inline script's text, with every "</" written "<\/" so that "</script>" in a string cannot end the element. */
const inline = (js: string) => js.replaceAll('</', '<\\/');

function hostilePage(wsOrigin: string): string {
  return `<!doctype html><html><head><script>${inline(`
  const P = (${hostilePayloads.toString()})();
  const ws = new WebSocket('${wsOrigin}/echo?q=<img src=x onerror=window.__pwned=1>&x="><script>alert(11)</script>&j=javascript:alert(12)');
  window.__url = ws.url;
  ws.binaryType = 'arraybuffer';
  let seen = 0;
  ws.onopen = () => {
    for (const p of P) ws.send(p);
    ws.send(new Uint8Array([...new TextEncoder().encode(${JSON.stringify(BINARY_TEXT)}), 0, 255, 0x2e, 0x80]));
  };
  ws.onmessage = () => { if (++seen === P.length + 1) ws.close(4000, ${JSON.stringify(CLOSE_REASON)}); };
  ws.onclose = () => { window.__done = true; };
  `)}</script></head><body>hostile payloads</body></html>`;
}

/** What a socket sends for a string: lone surrogates become U+FFFD (String.prototype.toWellFormed, ES2024). */
const wellFormed = (s: string): string => (s as unknown as { toWellFormed(): string }).toWellFormed();
const utf8 = (s: string) => Buffer.byteLength(wellFormed(s), 'utf8');
const N = hostilePayloads().length;
/** create, open, N + 1 sends, N + 1 echoes, close() call, close. */
const TOTAL = 2 + 2 * (N + 1) + 2;
const sendRow = (i: number) => 2 + i;
const recvRow = (i: number) => 2 + (N + 1) + i;

beforeAll(async () => {
  server = await startFixtureServer();
  downloads = await mkdtemp(join(tmpdir(), 'socketscope-robust-'));
  session = await launchChromium();
  await allowDownloads(session.browser, downloads);
  panel = await session.openPanel();
  await installPanelGuard(panel);
  // The payload list, rebuilt inside the panel from the same source (never through JSON).
  await panel.evaluate(`window.__P = (${hostilePayloads.toString()})()`);
});

saveArtifactsOnFailure(() => session);

afterAll(async () => {
  await session?.close();
  await server?.close();
  await rm(downloads, { recursive: true, force: true });
});

/** Inside the panel: each send and echo row's preview is the payload's one-line form, exactly. */
async function timelineMatchesPayloads(p: Frame, saved: string): Promise<string[]> {
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
async function detailsMatchPayloads(p: Frame): Promise<void> {
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

describe('hostile payloads in the panel', () => {
  it('shows every hostile frame, URL and close reason as inert text, with exact sizes', async () => {
    await session.page.goto(server.page('/hostile.html', hostilePage(server.wsOrigin)));
    await session.page.waitForFunction(() => (window as unknown as { __done?: boolean }).__done === true, { polling: 50, timeout: 30_000 });
    const url = await session.page.evaluate(() => (window as unknown as { __url: string }).__url);
    await waitForTotal(panel, TOTAL);

    // Timeline: every preview is the payload, character for character (lone surrogates echo as U+FFFD).
    const texts = await allRowTexts(panel);
    expect(texts).toHaveLength(TOTAL);
    expect(await timelineMatchesPayloads(panel, '__rowTexts')).toEqual([]);
    expect(texts[0]).toBe(`new WebSocket(${url})`);
    expect(texts[TOTAL - 2]).toBe(`close() called with 4000 "${CLOSE_REASON}"`);
    expect(texts[TOTAL - 1]).toMatch(/^close 4000/);
    expect(texts[TOTAL - 1].endsWith(` · ${CLOSE_REASON}`)).toBe(true);
    // The bidi override stays inside its own cell: the time cell still reads left to right, left of the preview.
    const layout = await panel.evaluate(async (index: number) => {
      const box = document.querySelector<HTMLElement>('[role=listbox][aria-label=Messages]')!;
      box.scrollTop = 0;
      box.dispatchEvent(new Event('scroll'));
      await new Promise((r) => setTimeout(r, 80));
      const row = document.querySelector(`[role=listbox][aria-label=Messages] [data-index="${index}"]`);
      const time = row?.querySelector('.c-time') as HTMLElement;
      const preview = row?.querySelector('.c-preview') as HTMLElement;
      return { time: time?.textContent, timeLeft: time?.getBoundingClientRect().left, previewLeft: preview?.getBoundingClientRect().left };
    }, sendRow(5));
    expect(layout.time).toMatch(/^\d\d:\d\d:\d\d\.\d{3}$/);
    expect(layout.timeLeft).toBeLessThan(layout.previewLeft!);

    // Details, Text view: the whole payload, as text, each selection answered within a second.
    await detailsMatchPayloads(panel);

    // JSON tree: markup in keys and values is text; numbers keep their source digits.
    await selectRowTimed(panel, sendRow(6), 'bytes, text)');
    await choosePayloadView(panel, 'JSON');
    const tree = await panelText(panel, '[role=tree][aria-label="JSON tree"]');
    expect(tree).toContain('<img src=x onerror=alert(6)>');
    expect(tree).toContain('<script>alert(7)</script>');
    expect(tree).toContain('javascript:alert(8)');
    await selectRowTimed(panel, sendRow(7), 'bytes, text)');
    await choosePayloadView(panel, 'JSON');
    const numbers = await panelText(panel, '[role=tree][aria-label="JSON tree"]');
    for (const token of ['123456789012345678901234567890', '1e-400', '-1e400', '0.1000000000000000055511151231257827']) {
      expect(numbers).toContain(token);
    }
    // 100 000 levels: the tree opens (built only as far as it is expanded) and the next click is still fast.
    for (const i of [9, 10]) {
      await selectRowTimed(panel, sendRow(i), `(${utf8(hostilePayloads()[i])} bytes, text)`);
      await choosePayloadView(panel, 'JSON');
      await panel.waitForSelector('[role=tree][aria-label="JSON tree"] [role=treeitem]');
      await selectRowTimed(panel, recvRow(i), `(${utf8(hostilePayloads()[i])} bytes, text)`);
    }

    // Hex: the markup's bytes and its ASCII column, as text.
    await selectRowTimed(panel, sendRow(0), 'bytes, text)');
    await choosePayloadView(panel, 'Hex');
    expect(await panelText(panel, '.detail pre.hexdump')).toContain('3c 69 6d 67 20 73 72 63');
    await selectRowTimed(panel, sendRow(N), `(${BINARY_TEXT.length + 4} bytes, binary)`);
    await choosePayloadView(panel, 'Hex');
    const hex = await panelText(panel, '.detail pre.hexdump');
    expect(hex).toContain('3c 73 63 72 69 70 74 3e');
    expect(hex).toContain('<script>alert(');

    // The URL (as the page's own ws.url) in the create row, the connections table and the details.
    await selectRowTimed(panel, 0, url);
    expect(await panelText(panel, 'section[aria-label=Connections] td.url button')).toBe(url);
    // The close reason in the close row's details and the connections table.
    await selectRowTimed(panel, TOTAL - 1, CLOSE_REASON);
    expect(await panelText(panel, 'section[aria-label=Connections]')).toContain(`"${CLOSE_REASON}"`);

    expect(await readPanelGuard(panel)).toEqual(CLEAN_GUARD);
    expect(await panelText(panel, '[aria-label="Capture health"]')).toContain('nothing dropped');
  });

  it('exports them exactly and re-imports them as inert text', async () => {
    const live = await allRowTexts(panel, '__liveTexts');
    const file = await exportJsonLog(panel, downloads);
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
    await clickButton(panel, 'Back to live capture');
    await waitForPanel(panel, () => !document.body.textContent?.includes('read-only'));
    expect(await readPanelGuard(panel)).toEqual(CLEAN_GUARD);
  });

  it('shows 100 MB text and binary frames with their exact size and stays responsive', { timeout: 240_000 }, async () => {
    const size = 100 * 2 ** 20;
    await session.page.goto(
      server.page(
        '/huge.html',
        `<!doctype html><html><head><script>
        const ws = new WebSocket('${server.wsOrigin}/echo');
        ws.binaryType = 'arraybuffer';
        let got = 0;
        ws.onopen = () => { ws.send('é'.repeat(${size / 2})); ws.send(new Uint8Array(${size})); ws.send('small'); };
        ws.onmessage = () => { if (++got === 3) window.__done = true; };
        </script></head><body>huge</body></html>`,
      ),
    );
    await session.page.waitForFunction(() => (window as unknown as { __done?: boolean }).__done === true, {
      polling: 100,
      timeout: 120_000,
    });
    await waitForTotal(panel, 8, 60_000);
    const sizes = await panel.$$eval('[role=listbox][aria-label=Messages] .c-size', (cells) => cells.map((c) => c.textContent));
    expect(sizes.filter((s) => s === '100.0 MB')).toHaveLength(4);
    // each click answers within a second, with the exact byte count
    for (const [row, text] of [
      [2, `(${size} bytes, text)`],
      [3, `(${size} bytes, binary)`],
      [4, '(5 bytes, text)'],
      [5, `(${size} bytes, text)`],
      [6, `(${size} bytes, binary)`],
    ] as const) {
      await selectRowTimed(panel, row, text);
    }
    await panel.waitForFunction(() => /Hash/.test(document.querySelector('.detail')?.textContent ?? ''), { polling: 50, timeout: 5000 });
    expect(await readPanelGuard(panel)).toEqual(CLEAN_GUARD);
  });

  it('has a guard that does see markup parsed in the panel (self-check of the instruments above)', async () => {
    await panel.evaluate(() => {
      const box = document.createElement('div');
      box.innerHTML = '<img src="x" onerror="window.__pwned = 1">';
      document.body.append(box);
      setTimeout(() => box.remove(), 1000);
    });
    await panel.waitForFunction(() => ((window as unknown as { __guard?: { csp: string[] } }).__guard?.csp.length ?? 0) > 0, {
      polling: 50,
      timeout: 5000,
    });
    const report = await readPanelGuard(panel);
    expect(report.suspicious.some((s) => s.startsWith('<IMG>'))).toBe(true);
    expect(report.suspicious.some((s) => s.includes('onerror'))).toBe(true);
    expect(report.csp.join()).toContain('script-src');
    expect(report.pwned).toBeNull(); // the extension page's CSP blocks inline handlers: a second line of defence
  });
});
