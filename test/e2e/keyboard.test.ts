/**
 * The timeline from the keyboard, in Chromium's real DevTools panel and in firefox-esr's panel page: arrows, Page Up/Down, Home and End move
 * the selection; Enter goes to the details and Escape comes back; "?" and the toolbar's button open
 * the shortcuts list, which Escape closes.
 */
import type { KeyInput } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { streamPage } from '../fixtures/pages';
import { saveArtifactsOnFailure } from '../support/artifacts';
import { BROWSERS, launchHarness, type PanelHarness } from '../support/browser-harness';
import { clickButton, type PanelTarget, waitForPanel } from '../support/panel';
import { type FixtureServer, startFixtureServer } from '../support/servers';
import { waitForTotal } from '../support/timeline';

const MESSAGES = 100;
/** create, open, then each message sent and echoed. */
const ROWS = 2 + 2 * MESSAGES;

let server: FixtureServer;
let session: PanelHarness | undefined;
let panel: PanelTarget;

/** The selected row's index in the filtered view (the listbox's active descendant is "row-<index>"). */
const selected = () =>
  panel.$eval('[role=listbox][aria-label=Messages]', (el) => Number(el.getAttribute('aria-activedescendant')?.slice(4) ?? -1));
const focused = () => panel.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? '');
const press = (key: KeyInput) => session!.keyboard().press(key);

saveArtifactsOnFailure(() => session);

describe.each(BROWSERS)('keyboard in %s', (browser) => {
  beforeAll(async () => {
    server = await startFixtureServer();
    session = await launchHarness(browser);
    await session.page.goto(server.page('/stream.html', streamPage(server.wsOrigin, MESSAGES, 0)));
    await session.page.waitForFunction(() => (window as unknown as { __done?: boolean }).__done === true, {
      polling: 50,
      timeout: 20_000,
    });
    panel = await session.openPanel();
    await waitForTotal(panel, ROWS);
    await (await panel.$('[role=listbox][aria-label=Messages]'))!.focus();
  });

  afterAll(async () => {
    await session?.close();
    session = undefined;
    await server?.close();
  });

  it('moves the selection with the arrows, Page Up/Down, Home and End', async () => {
    await press('Home');
    expect(await selected()).toBe(0);
    await press('ArrowDown');
    await press('ArrowDown');
    expect(await selected()).toBe(2);
    await press('ArrowUp');
    expect(await selected()).toBe(1);
    await press('PageDown');
    const page = (await selected()) - 1;
    expect(page).toBeGreaterThan(1);
    await press('PageDown');
    expect(await selected()).toBe(1 + 2 * page);
    await press('PageUp');
    expect(await selected()).toBe(1 + page);
    await press('End');
    expect(await selected()).toBe(ROWS - 1);
    await press('ArrowDown');
    expect(await selected()).toBe(ROWS - 1); // stays on the last row
  });

  it('goes to the details with Enter and back to the timeline with Escape', async () => {
    await press('Home');
    await press('ArrowDown');
    await press('ArrowDown'); // "message 0", sent
    await waitForPanel(
      panel,
      () => document.querySelector('section[aria-label="Message details"]')?.textContent?.includes('message 0') ?? false,
    );
    await press('Enter');
    expect(await focused()).toBe('Message details');
    await press('Escape');
    expect(await focused()).toBe('Messages');
    expect(await selected()).toBe(2);
  });

  it('opens the shortcuts list with "?" and with the toolbar button; Escape closes it', async () => {
    await press('?');
    const dialog = await panel.waitForSelector('::-p-aria(Keyboard shortcuts[role="dialog"])');
    const text = await dialog!.evaluate((el) => (el as HTMLElement).innerText);
    expect(text).toContain('Shift+F10');
    expect(text).toContain('Page Up / Page Down');
    await press('Escape');
    await waitForPanel(panel, () => document.querySelector('[role=dialog]') === null);
    expect(await focused()).toBe('Messages');

    await clickButton(panel, 'Keyboard shortcuts');
    await panel.waitForSelector('[role=dialog]');
    await press('Escape');
    await waitForPanel(panel, () => document.querySelector('[role=dialog]') === null);
    // "?" typed into the filter is text, not a shortcut.
    const input = (await panel.$('input[aria-label=Filter]'))!;
    await input.type('?');
    expect(await panel.$('[role=dialog]')).toBeNull();
    expect(await input.evaluate((el) => (el as HTMLInputElement).value)).toBe('?');
  });
});
