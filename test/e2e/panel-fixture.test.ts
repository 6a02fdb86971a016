/**
 * The panel shows a scripted fixture exactly: rows, order, sizes, details and per-connection stats,
 * the stats table and the chart; and the filters narrow it as expected. The same cases in Chromium's real
 * DevTools panel and in firefox-esr's panel page.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { panelFixtureFrame, panelFixturePage } from '../fixtures/pages';
import { saveArtifactsOnFailure } from '../support/artifacts';
import { BROWSERS, launchHarness, type PanelHarness } from '../support/browser-harness';
import {
  clickButton,
  filterConnection,
  filteredCount,
  type PanelTarget,
  panelText,
  readTimeline,
  selectOption,
  selectRow,
  setFilterText,
  toggleCheckbox,
  waitForPanel,
  waitForRowCount,
} from '../support/panel';
import { type FixtureServer, startFixtureServer } from '../support/servers';

const JSON_TEXT = JSON.stringify({ type: 'chat', text: 'héllo <b>bold</b>', n: 12 });
const JSON_BYTES = Buffer.byteLength(JSON_TEXT);

let server: FixtureServer;
let session: PanelHarness | undefined;
let panel: PanelTarget;

saveArtifactsOnFailure(() => session);

describe.each(BROWSERS)('the panel on the scripted fixture in %s', (browser) => {
  beforeAll(async () => {
    server = await startFixtureServer();
    server.page('/frame.html', panelFixtureFrame(server.wsOrigin));
    const url = server.page('/fixture.html', panelFixturePage(server.wsOrigin));
    session = await launchHarness(browser);
    await session.page.goto(url);
    await session.page.waitForFunction(() => (window as unknown as { __done?: boolean }).__done === true, {
      polling: 50,
      timeout: 20_000,
    });
    panel = await session.openPanel();
    await waitForRowCount(panel, 17);
  });

  afterAll(async () => {
    await session?.close();
    session = undefined;
    await server?.close();
  });

  it('shows every event of each connection in order, with exact sizes', async () => {
    await filterConnection(panel, 1);
    await waitForRowCount(panel, 10);
    const a = await readTimeline(panel);
    expect(a.map((r) => [r.kind, r.size])).toEqual([
      ['create', ''],
      ['open', ''],
      ['send', '5 B'],
      ['send', `${JSON_BYTES} B`],
      ['send', '4 B'],
      ['recv', '5 B'],
      ['recv', `${JSON_BYTES} B`],
      ['recv', '4 B'],
      ['close-call', ''],
      ['close', ''],
    ]);
    expect(a[0].text).toContain(`${server.wsOrigin}/echo`);
    expect(a[2].text).toBe('hello');
    expect(a[3].text).toBe(JSON_TEXT);
    expect(a[4].text).toBe('00 01 02 ff');
    expect(a[8].text).toContain('close() called with 4001 "done"');
    expect(a[9].text).toContain('close 4001');
    expect(a[9].text).toContain('done');
    expect(a[9].text).not.toContain('not clean');

    await filterConnection(panel, 2);
    await waitForRowCount(panel, 3);
    expect((await readTimeline(panel)).map((r) => r.kind)).toEqual(['create', 'error', 'close']);
    expect((await readTimeline(panel))[2].text).toContain('1006');

    await filterConnection(panel, 3);
    await waitForRowCount(panel, 4);
    const b = await readTimeline(panel);
    expect(b.map((r) => [r.kind, r.size, r.text])).toEqual([
      ['create', '', `new WebSocket(${server.wsOrigin}/echo)`],
      ['open', '', 'open'],
      ['send', '10 B', 'from frame'],
      ['recv', '10 B', 'from frame'],
    ]);
    await filterConnection(panel, 'all');
    await waitForRowCount(panel, 17);
    const all = await readTimeline(panel);
    const times = all.map((r) => r.time);
    expect([...times].sort()).toEqual(times); // one timeline, in time order across frames
  });

  it('shows per-connection stats, states, close details and the frame', async () => {
    const text = await panelText(panel, 'section[aria-label=Connections]');
    const lines = text.split('\n').filter((l) => l.includes('ws://'));
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/closed/);
    expect(lines[0]).toContain(`3 · ${9 + JSON_BYTES} B`);
    expect(lines[0]).toContain('4001');
    expect(lines[0]).toContain('"done" clean');
    expect(lines[1]).toContain('127.0.0.1:1');
    expect(lines[1]).toContain('1006 Abnormal Closure');
    expect(lines[1]).toContain('not clean');
    expect(lines[2]).toMatch(/open/);
    expect(lines[2]).toContain('frame http://127.0.0.1');
    expect(lines[2]).toContain('1 · 10 B');
  });

  it('shows the details of a selected message', async () => {
    await selectRow(panel, JSON_TEXT);
    await waitForPanel(panel, () => document.querySelector('section[aria-label="Message details"]') !== null);
    const details = await panelText(panel, 'section[aria-label="Message details"]');
    expect(details).toContain(`${JSON_BYTES} bytes, text`);
    expect(details).toContain('sent');
    expect(details).toContain('héllo <b>bold</b>');
    expect(await panel.$('[role=tree][aria-label="JSON tree"]')).not.toBeNull();

    await selectRow(panel, '00 01 02 ff');
    await waitForPanel(panel, () =>
      (document.querySelector('section[aria-label="Message details"]')?.textContent ?? '').includes('4 bytes, binary'),
    );
    await (await panel.waitForSelector('::-p-aria(Hex[role="tab"])'))!.click();
    const hex = await panelText(panel, 'section[aria-label="Payload"]');
    expect(hex).toMatch(/00 01 02 ff/);
  });

  it('narrows the timeline with filters and shows the filtered count', async () => {
    await setFilterText(panel, 'hello');
    await waitForRowCount(panel, 2);
    expect(await filteredCount(panel)).toEqual([2, 17]);

    await toggleCheckbox(panel, 'Invert');
    await waitForRowCount(panel, 15);
    await toggleCheckbox(panel, 'Invert');

    await setFilterText(panel, '^from');
    await waitForRowCount(panel, 0);
    await toggleCheckbox(panel, 'Regex');
    await waitForRowCount(panel, 2);

    await setFilterText(panel, '(unclosed');
    await waitForPanel(panel, () => document.querySelector('[role=alert]')?.textContent?.includes('Invalid regular expression') ?? false);
    await toggleCheckbox(panel, 'Regex');
    await setFilterText(panel, '');

    await selectOption(panel, 'Direction', 'send');
    await waitForRowCount(panel, 4);
    await selectOption(panel, 'Direction', 'recv');
    await waitForRowCount(panel, 4);
    await selectOption(panel, 'Direction', 'all');
    await toggleCheckbox(panel, 'Messages only');
    await waitForRowCount(panel, 8);
    await toggleCheckbox(panel, 'Messages only');
    await waitForRowCount(panel, 17);
  });

  it('shows the stats table and a chart whose bars add up to the counts', async () => {
    await (await panel.waitForSelector('::-p-aria(Stats[role="tab"])'))!.click();
    const stats = await panelText(panel, '[aria-label="Statistics"]');
    expect(stats).toMatch(/Messages\s+4\s+4\s+8/);
    await (await panel.waitForSelector('::-p-aria(Chart[role="tab"])'))!.click();
    const slider = await panel.waitForSelector('[role=slider][aria-label="Traffic over time"]');
    await slider!.focus();
    await slider!.press('Home');
    const seen = new Map<string, [number, number]>();
    for (let i = 0; i < 30; i++) {
      const status = await panel.$eval('section[aria-label="Traffic chart"] [role=status]', (el) => el.textContent ?? '');
      const m = /^(\d\d:\d\d:\d\d): sent (\d+) messages?, received (\d+) messages?/.exec(status);
      if (m) seen.set(m[1], [Number(m[2]), Number(m[3])]);
      await slider!.press('ArrowRight');
    }
    const sums = [...seen.values()].reduce(([s, r], [a, b]) => [s + a, r + b], [0, 0]);
    expect(sums).toEqual([4, 4]);
    await (await panel.waitForSelector('::-p-aria(Connections[role="tab"])'))!.click();
  });

  it('clears the log and keeps counting new traffic', async () => {
    await clickButton(panel, 'Clear');
    await waitForRowCount(panel, 0);
    expect(await filteredCount(panel)).toEqual([0, 0]);
    await session!.page.evaluate(() => {
      const frame = document.querySelector('iframe') as HTMLIFrameElement;
      (frame.contentWindow as unknown as { b: WebSocket }).b.send('after clear');
    });
    await waitForRowCount(panel, 2);
    const text = await panelText(panel, 'section[aria-label=Connections]');
    expect(text.split('\n').filter((l) => l.includes('ws://'))).toHaveLength(1); // only the open one remains
  });
});
