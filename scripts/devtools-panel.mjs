/**
 * Brings DevTools straight to the WebSockets panel, for `npm start`. DevTools restores the last selected
 * panel only for its built-in ones (an extension panel registers later, after Elements was already chosen),
 * so a prepared profile cannot do it; instead the browser we launched is asked over its DevTools protocol.
 */
import { createHash } from 'node:crypto';

export const PANEL_TITLE = 'WebSockets';

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Chromium derives an unpacked extension's id from its manifest `key`: the SHA-256 of the key, first 16 bytes, nibbles as a–p. */
export function extensionIdFromKey(base64Key) {
  const hex = createHash('sha256').update(Buffer.from(base64Key, 'base64')).digest('hex').slice(0, 32);
  return [...hex].map((nibble) => String.fromCharCode(97 + Number.parseInt(nibble, 16))).join('');
}

/** Ids of a DevTools window's tabs (all of them, or only the selected ones), searched through its shadow roots. */
function tabIds(devtools, selectedOnly) {
  return devtools
    .evaluate(
      (selector) => {
        const ids = [];
        const visit = (root) => {
          for (const tab of root.querySelectorAll(selector)) ids.push(tab.id);
          for (const el of root.querySelectorAll('*')) if (el.shadowRoot) visit(el.shadowRoot);
        };
        visit(document);
        return ids;
      },
      selectedOnly ? '[role=tab][aria-selected=true]' : '[role=tab]',
    )
    .catch(() => []);
}

/** Ids of the selected tabs of a DevTools window. */
export const selectedTabIds = (devtools) => tabIds(devtools, true);

/**
 * Whether DevTools' main tab strip has the tab of `viewId`: asked of DevTools' inspector view, since a tab
 * that does not fit the window is not in the DOM; the DOM answers while DevTools is starting, or where its
 * build has no such view.
 */
async function hasPanelTab(devtools, viewId) {
  const asked = await devtools
    .evaluate(
      `import('./ui/legacy/legacy.js').then((ui) => ui.InspectorView.InspectorView.instance().tabbedPane.hasTab(${JSON.stringify(viewId)}))`,
    )
    .catch(() => false);
  return asked === true || (await tabIds(devtools, false)).includes(`tab-${viewId}`);
}

/**
 * Selects our panel in the DevTools window `devtools` and resolves once its tab is the selected one.
 * First through DevTools' own view manager (instant), unless `keyboard` (the tests select it as a user
 * does); then, or if this DevTools build does not expose it, by Ctrl+[ (previous panel), which every
 * version has, and which goes from Elements, where DevTools opens, round to ours, the last tab. Both wait
 * until our devtools_page has added the panel's tab: before that, Ctrl+[ would walk through the built-in
 * panels, and Chromium 150 kills the renderer of an about:blank popup whose Application panel is shown (its
 * manifest check: "Manifest start_url (about:blank) must be same-origin with the document"), with or without
 * our extension.
 */
export async function selectPanelTab(devtools, extensionId, { timeout = 30_000, keyboard = false } = {}) {
  const viewId = `chrome-extension://${extensionId}${PANEL_TITLE}`;
  const deadline = Date.now() + timeout;
  let viaViewManager = !keyboard;
  while (!(await selectedTabIds(devtools)).includes(`tab-${viewId}`)) {
    if (Date.now() > deadline) {
      throw new Error(`DevTools did not show the ${PANEL_TITLE} panel (selected: ${await selectedTabIds(devtools)})`);
    }
    if (await hasPanelTab(devtools, viewId)) {
      if (viaViewManager) {
        // Sent as text: the module path is DevTools' own, resolved in its page, not ours to bundle.
        viaViewManager = await devtools
          .evaluate(
            `import('./ui/legacy/legacy.js').then((ui) => ui.ViewManager.ViewManager.instance().showView(${JSON.stringify(viewId)})).then(() => true)`,
          )
          .catch(() => false);
      } else {
        await devtools.keyboard.down('Control');
        await devtools.keyboard.press('BracketLeft');
        await devtools.keyboard.up('Control');
      }
    }
    await sleep(100);
  }
}

/** Shows our panel in the DevTools window of `browser`; returns that window's page. */
export async function showPanel(browser, extensionId, timeout = 30_000) {
  const target = await browser.waitForTarget((t) => t.url().startsWith('devtools://devtools/bundled/devtools_app.html'), {
    timeout,
  });
  const devtools = await target.asPage();
  await selectPanelTab(devtools, extensionId, { timeout });
  return devtools;
}
