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

/** Ids of the selected tabs of a DevTools window, searched through its shadow roots. */
export function selectedTabIds(devtools) {
  return devtools
    .evaluate(() => {
      const ids = [];
      const visit = (root) => {
        for (const tab of root.querySelectorAll('[role=tab][aria-selected=true]')) ids.push(tab.id);
        for (const el of root.querySelectorAll('*')) if (el.shadowRoot) visit(el.shadowRoot);
      };
      visit(document);
      return ids;
    })
    .catch(() => []);
}

/**
 * Shows our panel in the DevTools window of `browser` and resolves once its tab is the selected one.
 * First through DevTools' own view manager (instant); if this DevTools build does not expose it, by
 * Ctrl+[ (previous panel), which every version has, until our tab is selected.
 */
export async function showPanel(browser, extensionId, timeout = 30_000) {
  const viewId = `chrome-extension://${extensionId}${PANEL_TITLE}`;
  const target = await browser.waitForTarget((t) => t.url().startsWith('devtools://devtools/bundled/devtools_app.html'), {
    timeout,
  });
  const devtools = await target.asPage();
  const deadline = Date.now() + timeout;
  let viaViewManager = true;
  while (!(await selectedTabIds(devtools)).includes(`tab-${viewId}`)) {
    if (Date.now() > deadline) throw new Error(`DevTools did not show the ${PANEL_TITLE} panel`);
    // The panel exists once our devtools_page has run; until then there is nothing to show.
    if (devtools.frames().some((f) => f.url().startsWith(`chrome-extension://${extensionId}/`))) {
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
  return devtools;
}
