/**
 * The Rules tab on the demo chat, in Chromium's real DevTools panel and in firefox-esr's panel page: a rule
 * added through the editor (a bad regex, a bad JSON path and a bad template refused at their fields), reordered,
 * edited, switched off and deleted; the rules exported to a file (the browser's real download) and imported
 * back, while a malformed or hostile file changes nothing; and a mock drafted from a demo request/response pair.
 * What the rules do to traffic is the page engine's, tested with it.
 */
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DemoServer } from '../../demo/server/index.mjs';
import { saveArtifactsOnFailure } from '../support/artifacts';
import { BROWSERS, launchHarness, type PanelHarness } from '../support/browser-harness';
import { startDemo, waitForDemoState } from '../support/demo';
import { allowDownloads } from '../support/export-files';
import { clickButton, type PanelTarget, selectRow, toggleCheckbox, waitForPanel } from '../support/panel';

let demo: DemoServer;
let session: PanelHarness | undefined;
let panel: PanelTarget;
let downloads: string;

saveArtifactsOnFailure(() => session);

interface ShownRule {
  on: boolean;
  summary: string;
  hits: string;
}

/** The rules the list shows, with their switches (by accessible name) and hit counts. */
async function shownRules(): Promise<ShownRule[]> {
  return panel.$$eval('ul[aria-label="Message rules"] > li', (items) =>
    items.map((li, i) => {
      const box = li.querySelector(`input[aria-label="Rule ${i + 1} on"]`) as HTMLInputElement | null;
      return {
        on: box?.checked ?? false,
        summary: li.querySelector('.rule-summary')?.textContent ?? '',
        hits: li.querySelector('.rule-hits')?.textContent ?? '',
      };
    }),
  );
}

const summaries = async () => (await shownRules()).map((r) => r.summary);

/** Sets an editor control found by its label, as typing or choosing would (input or change event). */
async function setField(label: string, value: string): Promise<void> {
  await panel.waitForSelector('form[aria-label="Rule editor"]');
  await panel.evaluate(
    (name, text) => {
      const form = document.querySelector('form[aria-label="Rule editor"]') as HTMLFormElement;
      const tag = [...form.querySelectorAll('label')].find((l) => l.textContent?.trim() === name);
      const control = (tag?.htmlFor ? document.getElementById(tag.htmlFor) : null) as HTMLInputElement | HTMLSelectElement | null;
      if (!control) throw new Error(`no editor field "${name}"`);
      control.value = text;
      control.dispatchEvent(new Event(control instanceof HTMLSelectElement ? 'change' : 'input', { bubbles: true }));
    },
    label,
    value,
  );
}

/** An editor control's value, by its label. */
async function fieldValue(label: string): Promise<string> {
  return panel.evaluate((name) => {
    const form = document.querySelector('form[aria-label="Rule editor"]') as HTMLFormElement;
    const tag = [...form.querySelectorAll('label')].find((l) => l.textContent?.trim() === name);
    return (document.getElementById(tag?.htmlFor ?? '') as HTMLInputElement | null)?.value ?? '';
  }, label);
}

/** Presses Save and waits for the field problems the editor announces (role=alert); [] once it closed. */
async function save(): Promise<string[]> {
  await clickButton(panel, 'Save rule');
  await waitForPanel(
    panel,
    () => !document.querySelector('form[aria-label="Rule editor"]') || document.querySelector('form [role=alert]') !== null,
  );
  return panel.$$eval('form[aria-label="Rule editor"] [role=alert]', (alerts) => alerts.map((a) => a.textContent ?? ''));
}

const status = () => panel.$eval('.rules-tab [role=status]', (el) => el.textContent ?? '');

async function waitForStatus(pattern: RegExp): Promise<string> {
  await panel.waitForFunction(
    (source: string) => new RegExp(source).test(document.querySelector('.rules-tab [role=status]')?.textContent ?? ''),
    { polling: 50, timeout: 10_000 },
    pattern.source,
  );
  return status();
}

/** Adds a rule through the editor, its fields set in order (by label). */
async function addRule(fields: Record<string, string>): Promise<void> {
  await clickButton(panel, 'Add rule');
  for (const [label, value] of Object.entries(fields)) await setField(label, value);
  expect(await save()).toEqual([]);
}

/** Deletes every rule, from the first. */
async function deleteAll(): Promise<void> {
  while ((await shownRules()).length > 0) {
    const before = (await shownRules()).length;
    await clickButton(panel, 'Delete rule 1');
    await panel.waitForFunction(
      (n: number) => document.querySelectorAll('ul[aria-label="Message rules"] > li').length === n - 1,
      { polling: 50, timeout: 5_000 },
      before,
    );
  }
}

/** A file the browser downloaded into `downloads` whose name matches, once complete. */
async function downloaded(name: RegExp): Promise<string> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const file = (await readdir(downloads)).find((f) => name.test(f));
    if (file) {
      const text = await readFile(join(downloads, file), 'utf8').catch(() => '');
      if (text.endsWith('\n')) return join(downloads, file);
    }
    if (Date.now() > deadline) throw new Error(`no download named ${name} (the folder holds ${(await readdir(downloads)).join(', ')})`);
    await new Promise((done) => setTimeout(done, 100));
  }
}

async function importFile(path: string): Promise<void> {
  const input = await panel.waitForSelector('input[aria-label="Rules file"]');
  await (input as unknown as { uploadFile(p: string): Promise<void> }).uploadFile(path);
}

/** Opens the Rules tab and waits until the site's rules are read. */
async function openRulesTab(): Promise<void> {
  const tab = await panel.waitForSelector('::-p-aria(Rules[role="tab"])');
  await tab!.click();
  await waitForPanel(panel, () => /^Rules for http:\/\/127\.0\.0\.1:\d+$/.test(document.querySelector('.rules-origin')?.textContent ?? ''));
}

/** A new panel session for the same page: Chromium reloads the panel frame, Firefox opens its panel page again. */
async function reopenPanel(browser: string): Promise<void> {
  if (browser === 'Firefox') {
    panel = await session!.openPanel();
    await (panel as import('puppeteer-core').Page).bringToFront();
    return;
  }
  await panel.evaluate(() => {
    (window as unknown as { __before?: boolean }).__before = true;
    location.reload();
  });
  const deadline = Date.now() + 20_000;
  for (;;) {
    panel = await session!.panel();
    const fresh = await panel.evaluate(() => !(window as unknown as { __before?: boolean }).__before).catch(() => false);
    if (fresh) return;
    if (Date.now() > deadline) throw new Error('the panel did not reload');
    await new Promise((done) => setTimeout(done, 100));
  }
}

describe.each(BROWSERS)('message rules editor in %s', (browser) => {
  beforeAll(async () => {
    demo = await startDemo({ rateLimit: false });
    downloads = await mkdtemp(join(tmpdir(), 'socketscope-rules-'));
    session = await launchHarness(browser, { downloads });
    if (session.chromium) await allowDownloads(session.chromium.browser, downloads);
    await session.page.goto(`${demo.httpUrl}/?name=ada&room=lobby`);
    await waitForDemoState(session.page, 'open');
    panel = await session.openPanel();
    if (browser === 'Firefox') await (panel as import('puppeteer-core').Page).bringToFront();
    const tab = await panel.waitForSelector('::-p-aria(Rules[role="tab"])');
    await tab!.click();
    await waitForPanel(panel, () =>
      /^Rules for http:\/\/127\.0\.0\.1:\d+$/.test(document.querySelector('.rules-origin')?.textContent ?? ''),
    );
  });

  afterAll(async () => {
    await session?.close();
    session = undefined;
    await demo?.close();
    await rm(downloads, { recursive: true, force: true });
  });

  it('adds a rule through the editor, refusing a bad regex, a bad JSON path and a bad template at their fields', async () => {
    await deleteAll();
    const note = await panel.$eval('.rules-note', (el) => el.textContent ?? '');
    expect(note).toContain('while this panel is open');
    expect(note).toContain('WebSocketStream connections are not affected');
    await clickButton(panel, 'Add rule');
    await panel.waitForSelector('::-p-aria(Rule editor[role="form"])');
    await setField('Direction', 'send');

    await setField('Match', 'regex');
    await setField('Match pattern', '(unclosed');
    expect(await save()).toEqual([expect.stringMatching(/^Not a valid regular expression/)]);
    expect(await panel.$eval('::-p-aria(Match pattern[role="textbox"])', (el) => el.getAttribute('aria-invalid'))).toBe('true');
    await setField('Match pattern', '(a+)+$');
    expect(await save()).toEqual([expect.stringMatching(/^Refused: a repeated group/)]);

    await setField('Match', 'json-exists');
    await setField('JSON path', 'data..id');
    expect(await save()).toEqual(['A name is missing in the path (two dots in a row, or a dot at an end).']);

    await setField('Match', 'contains');
    await setField('Match text', 'hello');
    await setField('Action', 'mock');
    await setField('Response template', '{"id":{{requestId}');
    expect(await save()).toEqual(['A "{{" at character 7 is never closed with "}}".']);
    expect(await shownRules()).toEqual([]);

    await setField('Action', 'drop');
    expect(await save()).toEqual([]);
    expect(await shownRules()).toEqual([{ on: true, summary: 'sent · contains "hello" → drop', hits: '0 hits' }]);
    expect(await status()).toBe('Saved rule 1.');
  });

  it('reorders, edits, switches off and deletes rules', async () => {
    await deleteAll();
    await addRule({ Direction: 'send', Match: 'contains', 'Match text': 'hello', Action: 'drop' });
    await clickButton(panel, 'Add rule');
    await setField('Direction', 'both');
    await setField('Match', 'any');
    await setField('Action', 'latency');
    await setField('Latency (ms)', '200');
    expect(await save()).toEqual([]);
    expect(await summaries()).toEqual(['sent · contains "hello" → drop', 'sent and received · any message → latency 200 ms']);

    await clickButton(panel, 'Move rule 2 up');
    expect(await summaries()).toEqual(['sent and received · any message → latency 200 ms', 'sent · contains "hello" → drop']);
    await clickButton(panel, 'Move rule 1 down');
    expect(await summaries()).toEqual(['sent · contains "hello" → drop', 'sent and received · any message → latency 200 ms']);
    await clickButton(panel, 'Move rule 2 up');
    expect(await summaries()).toEqual(['sent and received · any message → latency 200 ms', 'sent · contains "hello" → drop']);

    await clickButton(panel, 'Edit rule 2');
    expect(await fieldValue('Match text')).toBe('hello');
    await setField('Match text', 'bye');
    expect(await save()).toEqual([]);
    expect(await summaries()).toEqual(['sent and received · any message → latency 200 ms', 'sent · contains "bye" → drop']);

    await toggleCheckbox(panel, 'Rule 1 on');
    await waitForPanel(panel, () => !(document.querySelector('input[aria-label="Rule 1 on"]') as HTMLInputElement).checked);
    expect((await shownRules()).map((r) => r.on)).toEqual([false, true]);

    await clickButton(panel, 'Delete rule 2');
    await waitForPanel(panel, () => document.querySelectorAll('ul[aria-label="Message rules"] > li').length === 1);
    expect(await shownRules()).toEqual([{ on: false, summary: 'sent and received · any message → latency 200 ms', hits: '0 hits' }]);
  });

  it('exports the rules to a file and imports them back; a malformed or hostile file changes nothing', async () => {
    await deleteAll();
    await addRule({ Direction: 'both', Match: 'any', Action: 'latency', 'Latency (ms)': '200' });
    await toggleCheckbox(panel, 'Rule 1 on');
    await waitForPanel(panel, () => !(document.querySelector('input[aria-label="Rule 1 on"]') as HTMLInputElement).checked);
    await clickButton(panel, 'Add rule');
    await setField('Direction', 'recv');
    await setField('Match', 'json-equals');
    await setField('JSON path', 'type');
    await setField('JSON value', '"message"');
    await setField('Action', 'json-set');
    await setField('Path to set', 'text');
    await setField('Value to set (JSON)', '"(edited)"');
    expect(await save()).toEqual([]);
    const before = await shownRules();
    expect(before.map((r) => r.summary)).toEqual([
      'sent and received · any message → latency 200 ms',
      'received · type = "message" → set text = "(edited)"',
    ]);

    await clickButton(panel, 'Export rules');
    const file = await downloaded(/^socketscope-rules-127\.0\.0\.1_\d+\.json$/);
    const written = JSON.parse(await readFile(file, 'utf8'));
    expect(written).toMatchObject({ format: 'socketscope-message-rules', version: 1 });
    expect(written.rules.map((r: { on: boolean; action: { a: string } }) => [r.on, r.action.a])).toEqual([
      [false, 'latency'],
      [true, 'json-set'],
    ]);

    await deleteAll();
    await importFile(file);
    expect(await waitForStatus(/^Imported/)).toBe('Imported 2 rules.');
    expect(await shownRules()).toEqual(before);

    const malformed = join(downloads, 'malformed.json');
    await writeFile(malformed, '{"format":"socketscope-message-rules","version":1,"rules":[');
    await importFile(malformed);
    expect(await waitForStatus(/^Import failed/)).toBe('Import failed: Not a rules file: it is not JSON. Nothing was changed.');
    const hostile = join(downloads, 'hostile.json');
    const rule = { url: '', dir: 'send', match: { m: 'regex', pattern: '(a+)+$' }, action: { a: 'drop' } };
    await writeFile(hostile, JSON.stringify({ format: 'socketscope-message-rules', version: 1, rules: [rule] }));
    await importFile(hostile);
    await waitForStatus(/repeated group/);
    expect(await status()).toMatch(/^Import failed: Rule 1: Match pattern: Refused: .* Nothing was changed\.$/);
    expect(await shownRules()).toEqual(before);
  });

  it('creates a mock from a demo request and its response, saved only when the user saves', async () => {
    await deleteAll();
    await session!.page.click('#user-data-btn');
    await session!.page.waitForFunction(() => document.querySelector('#request-result')?.textContent?.includes('ada'), {
      polling: 50,
      timeout: 10_000,
    });
    await panel.waitForFunction(
      () =>
        [...document.querySelectorAll('[role=listbox][aria-label=Messages] [role=option]')].some(
          (row) => row.textContent?.includes('"getUserData"') && row.querySelector('.c-pair')?.textContent?.startsWith('→'),
        ),
      { polling: 50, timeout: 10_000 },
    );
    await selectRow(panel, '"getUserData"');
    await clickButton(panel, 'Create mock from this pair');
    await panel.waitForSelector('::-p-aria(Rule editor[role="form"])');
    expect(await panel.$eval('::-p-aria(Rules[role="tab"])', (el) => el.getAttribute('aria-selected'))).toBe('true');
    expect(await fieldValue('Direction')).toBe('send');
    expect(await fieldValue('Match')).toBe('json-equals');
    expect(await fieldValue('JSON path')).toBe('type');
    expect(await fieldValue('JSON value')).toBe('"getUserData"');
    expect(await fieldValue('Action')).toBe('mock');
    const template = await fieldValue('Response template');
    expect(template).toMatch(/^\{"type":"response","requestId":\{\{requestId\}\},"data":\{.*"name":"ada"/);
    expect(await fieldValue('Socket URL contains')).toMatch(/^127\.0\.0\.1:\d+\//);
    expect(await shownRules()).toEqual([]); // a draft, not a rule yet

    expect(await save()).toEqual([]);
    const [mock] = await shownRules();
    expect(mock).toMatchObject({ on: true, hits: '0 hits' });
    expect(mock.summary).toMatch(/^127\.0\.0\.1:\d+\/.* · sent · type = "getUserData" → mock a response/);
  });

  it('keeps the site’s rules, in order and switched as they were, when the panel opens again', async () => {
    if ((await shownRules()).length < 2) {
      await deleteAll();
      await addRule({ Direction: 'send', Match: 'contains', 'Match text': 'hello', Action: 'drop' });
      await addRule({ Direction: 'recv', Match: 'event', 'Event name': 'typing', Action: 'hold' });
    }
    await toggleCheckbox(panel, 'Rule 2 on');
    await waitForPanel(panel, () => !(document.querySelector('input[aria-label="Rule 2 on"]') as HTMLInputElement).checked);
    const before = await shownRules();
    await reopenPanel(browser);
    await openRulesTab();
    await waitForPanel(panel, () => document.querySelectorAll('ul[aria-label="Message rules"] > li').length > 0);
    expect(await shownRules()).toEqual(before);
  });
});
