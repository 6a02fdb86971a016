/**
 * The Actions drawer's refusal rules show what the page holds, live, on the demo chat, in Chromium's real
 * DevTools panel and in firefox-esr's panel page: a time rule counts down and leaves within a second of
 * its end; an attempts rule shows the attempts left after each refused attempt, then leaves when used up.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { DemoServer } from '../../demo/server/index.mjs';
import { saveArtifactsOnFailure } from '../support/artifacts';
import { BROWSERS, launchHarness, type PanelHarness } from '../support/browser-harness';
import { startDemo, waitForDemoState } from '../support/demo';
import { clickButton, openActions, type PanelTarget, selectOption, waitForPanel } from '../support/panel';

const BACKOFF = 250;
let demo: DemoServer;
let session: PanelHarness | undefined;
let panel: PanelTarget;

/** One observation of the rule list: when (the panel's clock), and its rows' text. */
interface Seen {
  at: number;
  rules: string[];
}

saveArtifactsOnFailure(() => session);

const page = () => session!.page;

/** Records every change of the rule list in the panel (every 50 ms), to read back with `seen()`. */
async function watchRuleList(): Promise<void> {
  await panel.evaluate(() => {
    const log: { at: number; rules: string[] }[] = [];
    const read = () => [...document.querySelectorAll('[aria-label="Refusal rules"] li span')].map((el) => el.textContent ?? '');
    const w = window as unknown as { __ruleLog: typeof log; __ruleTimer?: number };
    clearInterval(w.__ruleTimer);
    w.__ruleLog = log;
    w.__ruleTimer = window.setInterval(() => {
      const rules = read();
      if (log.length === 0 || log[log.length - 1].rules.join('\n') !== rules.join('\n')) log.push({ at: Date.now(), rules });
    }, 50);
  });
}
/** The recorded changes, once the recorder has seen the list empty (the rule gone). */
async function seen(): Promise<Seen[]> {
  await waitForPanel(panel, () => (window as unknown as { __ruleLog: Seen[] }).__ruleLog.at(-1)?.rules.length === 0, 10_000);
  return panel.evaluate(() => (window as unknown as { __ruleLog: Seen[] }).__ruleLog);
}

async function fill(label: string, text: string) {
  await panel.$eval(
    `[aria-label="${label}"]`,
    (el, value) => {
      const input = el as HTMLInputElement;
      input.value = value;
      input.dispatchEvent(new Event('input', { bubbles: true }));
    },
    text,
  );
}

describe.each(BROWSERS)('live refusal rules in %s', (browser) => {
  beforeAll(async () => {
    demo = await startDemo({ rateLimit: false });
    session = await launchHarness(browser);
    await page().goto(`${demo.httpUrl}/?name=ada&room=lobby&backoff=${BACKOFF}&maxRetries=30`);
    await waitForDemoState(page(), 'open');
    panel = await session.openPanel();
    await openActions(panel);
  });

  afterAll(async () => {
    await session?.close();
    session = undefined;
    await demo?.close();
  });

  beforeEach(async () => {
    await waitForDemoState(page(), 'open', 30_000);
    await waitForPanel(panel, () => {
      const select = document.querySelector<HTMLSelectElement>('[aria-label="Target connection"]');
      return select !== null && !select.disabled;
    });
  });

  it('a time rule counts down and leaves the list within 1 s of its end', async () => {
    await selectOption(panel, 'Refuse by', 'seconds');
    await fill('Refuse count', '3');
    await watchRuleList();
    // The rule ends 3 s after the click is handled: note when the click reached the panel.
    await panel.evaluate(() => {
      document.addEventListener('click', () => ((window as unknown as { __clickAt: number }).__clickAt = Date.now()), {
        capture: true,
        once: true,
      });
    });
    await clickButton(panel, 'Drop and refuse reconnects');
    await waitForPanel(panel, () => document.querySelector('[aria-label="Refusal rules"]') === null, 10_000);
    const end = (await panel.evaluate(() => (window as unknown as { __clickAt: number }).__clickAt)) + 3000;
    const log = await seen();
    const shown = log.findIndex((s) => s.rules.length > 0);
    const state = (rules: string[]) =>
      rules.length === 0 ? 'gone' : rules[0].endsWith(': expired') ? 'expired' : (/for (\d) s more$/.exec(rules[0])?.[1] ?? rules[0]);
    const states = log.slice(shown).map((s) => state(s.rules));
    // Between two ticks the row may read "expired" for a moment before it leaves.
    expect(states.filter((s) => s !== 'expired')).toEqual(['3', '2', '1', 'gone']);
    const over = log.slice(shown).find((s) => ['expired', 'gone'].includes(state(s.rules)))!.at;
    expect(over).toBeGreaterThanOrEqual(end);
    expect(over - end).toBeLessThan(1000);
    await waitForDemoState(page(), 'open', 30_000); // the page accepts a new socket again
  });

  it('an attempts rule shows the attempts left after each refused attempt, then leaves', async () => {
    await selectOption(panel, 'Refuse by', 'attempts');
    await fill('Refuse count', '3');
    await watchRuleList();
    await clickButton(panel, 'Drop and refuse reconnects');
    // Not the page's state: it can still read "open" before the drop reaches it. The report's line for the
    // attempt that opens (after the third refusal and a 2 s backoff) is the end of this test's story.
    await waitForPanel(panel, () => document.querySelector('[aria-label="Refusal rules"]') === null, 10_000);
    await waitForPanel(
      panel,
      () => /— opened/.test((document.querySelector('[aria-label="Reconnection report"]') as HTMLElement | null)?.innerText ?? ''),
      10_000,
    );
    await waitForDemoState(page(), 'open', 30_000);
    const texts = (await seen()).map((s) => s.rules.join('|'));
    expect(texts.filter(Boolean).map((t) => /: (.*)$/.exec(t)?.[1])).toEqual(['3 attempts left', '2 attempts left', '1 attempt left']);
    expect(texts.at(-1)).toBe('');
    const report = await panel.$eval('[aria-label="Reconnection report"]', (el) => (el as HTMLElement).innerText);
    expect([...report.matchAll(/— (\w+)/g)].map((m) => m[1])).toEqual(['refused', 'refused', 'refused', 'opened']);
  });
});
