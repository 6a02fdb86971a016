/**
 * Breakpoints end to end, in Chromium's real DevTools panel and in firefox-esr's panel page (in a tab): a hold
 * rule added in the Rules tab stops an outgoing message; the Paused messages bar shows it with its whole text,
 * the message is edited and forwarded, and the server receives the edited text before what the page sent after
 * it (which waited behind it). A second held message is dropped: the server never receives it, and what came
 * after it still arrives. Needs the page engine (message rules), the Rules tab and the bar together.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveArtifactsOnFailure } from '../support/artifacts';
import { BROWSERS, type BrowserName, launchHarness, type PanelHarness } from '../support/browser-harness';
import { clickButton, type PanelTarget, waitForPanel } from '../support/panel';
import { type FixtureServer, startFixtureServer } from '../support/servers';

/** One socket to the echo endpoint; the test sends through `window.say`. */
const PAGE = (wsOrigin: string) => `<!doctype html><html><head><script>
  const ws = new WebSocket('${wsOrigin}/echo');
  window.say = (text) => ws.send(text);
  ws.addEventListener('open', () => { window.__done = true; }, { once: true });
  </script></head><body>breakpoints</body></html>`;

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** axe's serious and critical findings inside the Paused messages bar (names, roles, contrast). */
async function auditBar(): Promise<string[]> {
  if (!(await panel.evaluate(() => 'axe' in window))) await panel.evaluate(AXE_SOURCE);
  return panel.evaluate(async () => {
    type Result = { violations: { id: string; impact: string; nodes: { target: string[] }[] }[] };
    const axe = (window as unknown as { axe: { run(context: Element, options: object): Promise<Result> } }).axe;
    const bar = document.querySelector('section[aria-label="Paused messages"]') as Element;
    const { violations } = await axe.run(bar, { resultTypes: ['violations'] });
    return violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  });
}

let server: FixtureServer | undefined;
let harness: PanelHarness | undefined;
let panel: PanelTarget;

saveArtifactsOnFailure(() => harness);

const texts = () => server!.received.filter((m) => !m.binary).map((m) => m.data.toString());

async function waitUntil(check: () => boolean, timeout = 10_000) {
  const deadline = Date.now() + timeout;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out; the server has ${JSON.stringify(texts())}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Sets a Rule editor field by its label, as choosing or typing would. */
async function setField(label: string, value: string): Promise<void> {
  await panel.evaluate(
    (name, text) => {
      const form = document.querySelector('form[aria-label="Rule editor"]') as HTMLFormElement;
      const tag = [...form.querySelectorAll('label')].find((l) => l.textContent?.trim() === name);
      const control = document.getElementById(tag?.htmlFor ?? '') as HTMLInputElement | HTMLSelectElement | null;
      if (!control) throw new Error(`no editor field "${name}"`);
      control.value = text;
      control.dispatchEvent(new Event(control instanceof HTMLSelectElement ? 'change' : 'input', { bubbles: true }));
    },
    label,
    value,
  );
}

const say = (text: string) => harness!.page.evaluate((t) => (window as unknown as { say(t: string): void }).say(t), text);
const barText = () => panel.$eval('section[aria-label="Paused messages"]', (el) => (el as HTMLElement).innerText);
const heldBox = (hold: number) => `fieldset[aria-label="Held message ${hold}"] textarea[aria-label="Held message text"]`;
const barGone = () => waitForPanel(panel, () => document.querySelector('section[aria-label="Paused messages"]') === null);

describe.each(BROWSERS)('breakpoints in %s', (browser: BrowserName) => {
  beforeAll(async () => {
    server = await startFixtureServer();
    harness = await launchHarness(browser);
    await harness.page.goto(server.page('/hold.html', PAGE(server.wsOrigin)));
    await harness.page.waitForFunction(() => (window as { __done?: boolean }).__done === true, { polling: 50, timeout: 20_000 });
    panel = await harness.openPanel();
    await (await panel.waitForSelector('::-p-aria(Rules[role="tab"])'))!.click();
    await clickButton(panel, 'Add rule');
    await panel.waitForSelector('form[aria-label="Rule editor"]');
    await setField('Direction', 'send');
    await setField('Match', 'contains');
    await setField('Match text', 'hold me');
    await setField('Action', 'hold');
    await clickButton(panel, 'Save rule');
    await waitForPanel(panel, () => document.querySelectorAll('ul[aria-label="Message rules"] > li').length === 1);
    // The list goes panel → background → relay → page, and the panel does not wait for the page to take it.
    await new Promise((resolve) => setTimeout(resolve, 500));
  });

  afterAll(async () => {
    await harness?.close();
    await server?.close();
    harness = undefined;
  });

  it('holds an outgoing message, which is edited and forwarded, in order with what the page sent after it', async () => {
    await say('hold me: buy 1');
    await panel.waitForSelector(heldBox(1));
    await say('sent after');
    expect(await barText()).toContain('1 paused message');
    expect(await barText()).toMatch(/#1, outgoing \(page → server\)/);
    expect(await panel.$eval(heldBox(1), (el) => (el as HTMLTextAreaElement).value)).toBe('hold me: buy 1');
    expect(await panel.$eval('::-p-aria(Forward edited[role="button"])', (el) => (el as HTMLButtonElement).disabled)).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(texts()).toEqual([]); // the held message, and the one behind it, wait
    expect(await auditBar()).toEqual([]);

    await (await panel.$(heldBox(1)))!.click();
    await harness!.keyboard().press('End');
    await harness!.keyboard().type(', edited');
    await clickButton(panel, 'Forward edited');
    await waitUntil(() => texts().length === 2);
    expect(texts()).toEqual(['hold me: buy 1, edited', 'sent after']);
    await barGone();
  });

  it('drops a held message: the server never receives it, and what waited behind it goes on', async () => {
    server!.received.length = 0;
    await say('hold me: sell 2');
    await panel.waitForSelector(heldBox(2));
    await say('after the drop');
    await clickButton(panel, 'Drop message');
    await waitUntil(() => texts().length === 1);
    expect(texts()).toEqual(['after the drop']);
    await barGone();
  });
});
