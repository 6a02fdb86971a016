/**
 * An axe-core audit of the panel (Chromium's real DevTools panel, firefox-esr's panel page in a tab),
 * in the dark and the light theme, in each state a user reaches: rows and details, the row menu, the shortcuts list, the Actions drawer, the Stats and
 * Chart tabs, the Rules tab with its editor, the whole-payload search bar, the Export dialog.
 * The bar is the issue's: no serious or critical violation (colour contrast included, so the panel's colours
 * must hold in both DevTools themes), and every control named.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { afterEach, describe, expect, it } from 'vitest';
import type { DemoServer } from '../../demo/server/index.mjs';
import { saveArtifactsOnFailure } from '../support/artifacts';
import { BROWSERS, type BrowserName, launchHarness, type PanelHarness } from '../support/browser-harness';
import { startDemo, waitForDemoState } from '../support/demo';
import { clickButton, type PanelTarget, selectRow, waitForPanel } from '../support/panel';

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

let session: PanelHarness | undefined;
let demo: DemoServer | undefined;

saveArtifactsOnFailure(() => session);

afterEach(async () => {
  await session?.close();
  await demo?.close();
  session = undefined;
  demo = undefined;
});

interface Finding {
  state: string;
  id: string;
  impact: string;
  help: string;
  targets: string[];
  /** axe's reason for the first node, e.g. the measured contrast and the colours. */
  why: string;
}

interface Axe {
  run(
    context: Document,
    options: object,
  ): Promise<{ violations: { id: string; impact: string; help: string; nodes: { target: string[]; failureSummary?: string }[] }[] }>;
}

/** Runs axe in the panel (evaluated by the automation protocol, CDP or BiDi, so the panel's CSP does not apply). */
async function audit(panel: PanelTarget, state: string): Promise<Finding[]> {
  if (!(await panel.evaluate(() => 'axe' in window))) await panel.evaluate(AXE_SOURCE);
  const violations = await panel.evaluate(async () => {
    const axe = (window as Window & { axe?: Axe }).axe as Axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations;
  });
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({
      state,
      id: v.id,
      impact: v.impact,
      help: v.help,
      targets: v.nodes.map((n) => n.target.join(' ')),
      why: v.nodes[0]?.failureSummary ?? '',
    }));
}

async function clickTab(panel: PanelTarget, name: string) {
  const tab = await panel.waitForSelector(`::-p-aria(${name}[role="tab"])`);
  await tab!.click();
}

async function auditEveryState(browser: BrowserName, theme: 'dark' | 'default') {
  demo = await startDemo();
  session = await launchHarness(browser, {
    chromium: { devtoolsPreferences: { 'ui-theme': theme, currentDockState: 'undocked' } },
    // In a tab the panel has no devtools.panels.themeName and follows prefers-color-scheme (0 dark, 1 light).
    firefoxPrefs: { 'layout.css.prefers-color-scheme.content-override': theme === 'dark' ? 0 : 1 },
  });
  await session.page.goto(`${demo.httpUrl}/?name=ada&room=lobby`);
  await waitForDemoState(session.page, 'open');
  const panel = await session.openPanel();
  expect(await panel.evaluate(() => document.documentElement.dataset.theme)).toBe(theme === 'dark' ? 'dark' : 'light');
  const message = await session.page.waitForSelector('::-p-aria(Message[role="textbox"])');
  await message!.type('{"audit": true}');
  await (await session.page.waitForSelector('::-p-aria(Send[role="button"])'))!.click();
  await waitForPanel(panel, () => (document.querySelector('[role=listbox][aria-label=Messages]')?.textContent ?? '').includes('audit'));
  const findings: Finding[] = [];
  await selectRow(panel, 'audit');
  await waitForPanel(panel, () => document.querySelector('[aria-label="Message details"] [role=tablist]') !== null);
  findings.push(...(await audit(panel, 'rows and details')));

  const row = await panel.waitForSelector('[role=listbox][aria-label=Messages] [role=option][aria-selected=true]');
  await row!.click({ button: 'right' });
  const menu = await panel.waitForSelector('[role=menu][aria-label="Row actions"]');
  findings.push(...(await audit(panel, 'row menu open')));
  await menu!.press('Escape');
  await waitForPanel(panel, () => document.querySelector('[role=menu]') === null);

  await clickButton(panel, 'Keyboard shortcuts');
  const dialog = await panel.waitForSelector('[role=dialog]');
  findings.push(...(await audit(panel, 'shortcuts dialog open')));
  await dialog!.press('Escape');
  await waitForPanel(panel, () => document.querySelector('[role=dialog]') === null);

  // The drawer's toggle: the button named "Actions" that says whether it is expanded.
  const toggle = await panel.waitForSelector('button[aria-expanded]::-p-text(Actions)');
  if ((await toggle!.evaluate((b) => b.getAttribute('aria-expanded'))) !== 'true') await toggle!.click();
  await waitForPanel(panel, () => document.querySelector('button[aria-expanded=true]')?.textContent?.trim() === 'Actions');
  findings.push(...(await audit(panel, 'Actions drawer open')));

  await clickTab(panel, 'Stats');
  findings.push(...(await audit(panel, 'Stats tab')));
  await clickTab(panel, 'Chart');
  findings.push(...(await audit(panel, 'Chart tab')));
  await clickTab(panel, 'Rules');
  await clickButton(panel, 'Add rule');
  await clickButton(panel, 'Save rule'); // refused: the empty "Match text" is shown as a problem
  await waitForPanel(panel, () => document.querySelector('form[aria-label="Rule editor"] [role=alert]') !== null);
  findings.push(...(await audit(panel, 'Rules tab, editor with a problem')));
  await clickButton(panel, 'Cancel');
  await clickTab(panel, 'Connections');

  const filterBox = await panel.waitForSelector('input[aria-label=Filter]');
  await filterBox!.type('audit');
  findings.push(...(await audit(panel, 'filter: previews only')));
  await filterBox!.press('Enter');
  await waitForPanel(panel, () =>
    (document.querySelector('section[aria-label="Whole-payload search"]')?.textContent ?? '').startsWith('Whole payloads searched'),
  );
  findings.push(...(await audit(panel, 'whole-payload search done')));
  await filterBox!.click({ count: 3 });
  await filterBox!.press('Backspace');

  await clickButton(panel, 'Export…');
  await waitForPanel(panel, () => document.querySelector('[role=dialog]') !== null);
  findings.push(...(await audit(panel, 'Export dialog open')));
  return findings;
}

describe.each(BROWSERS)('accessibility (axe-core on the panel) in %s', (browser) => {
  for (const theme of ['dark', 'default'] as const) {
    it(`has no serious or critical violation in the ${theme === 'dark' ? 'dark' : 'light'} theme`, async () => {
      const findings = await auditEveryState(browser, theme);
      expect(findings, JSON.stringify(findings, null, 2)).toEqual([]);
    });
  }
});
