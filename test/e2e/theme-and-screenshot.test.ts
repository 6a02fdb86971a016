/**
 * The panel follows the DevTools theme from the start (dark and light), and on the demo chat it
 * renders traffic; with SOCKETSCOPE_SCREENSHOT=1 the light run also refreshes docs/screenshot.png
 * (the README's picture, taken by this harness).
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { DemoServer } from '../../demo/server/index.mjs';
import { saveArtifactsOnFailure } from '../support/artifacts';
import { type ChromiumSession, launchChromium, sleep } from '../support/chromium';
import { startDemo, waitForDemoState } from '../support/demo';
import { filteredCount, selectRow, waitForPanel } from '../support/panel';
import { ROOT } from '../support/paths';

let session: ChromiumSession | undefined;
let demo: DemoServer | undefined;

saveArtifactsOnFailure(() => session);

afterEach(async () => {
  await session?.close();
  await demo?.close();
  session = undefined;
  demo = undefined;
});

async function panelTheme(theme: 'dark' | 'default') {
  demo = await startDemo();
  session = await launchChromium({ devtoolsPreferences: { 'ui-theme': theme, currentDockState: 'undocked' } });
  await session.page.goto(`${demo.httpUrl}/?name=ada&room=lobby`);
  await waitForDemoState(session.page, 'open');
  const panel = await session.openPanel();
  return panel;
}

// Firefox: DevTools theme API differs (the devtools.theme pref, and onThemeChanged instead of a reload), and a
// panel page in a tab has no DevTools theme at all: firefox-devtools.test.ts reads it in the real toolbox.
describe('theme in Chromium only: Firefox’s DevTools theme (devtools.theme, a live switch) is read in its real toolbox by firefox-devtools.test.ts', () => {
  it('starts dark when DevTools is dark', async () => {
    const panel = await panelTheme('dark');
    expect(await panel.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    const background = await panel.evaluate(() => getComputedStyle(document.body).backgroundColor);
    expect(background).toBe('rgb(32, 33, 36)');
  });

  it('starts light when DevTools is light, and shows the demo traffic', async () => {
    const panel = await panelTheme('default');
    expect(await panel.evaluate(() => document.documentElement.dataset.theme)).toBe('light');
    // Some chat traffic for the picture.
    const message = await session!.page.waitForSelector('::-p-aria(Message[role="textbox"])');
    await message!.type('Hello from the demo!');
    const send = await session!.page.waitForSelector('::-p-aria(Send[role="button"])');
    await send!.click();
    await waitForPanel(panel, () =>
      (document.querySelector('[role=listbox][aria-label=Messages]')?.textContent ?? '').includes('Hello from the demo!'),
    );
    const [, total] = await filteredCount(panel);
    expect(total).toBeGreaterThan(4);
    if (process.env.SOCKETSCOPE_SCREENSHOT === '1') {
      await selectRow(panel, 'Hello from the demo!');
      await sleep(500);
      await session!.devtools!.screenshot({ path: `${ROOT}docs/screenshot.png` });
    }
  });
});
