/**
 * The REAL Firefox DevTools panel of the add-on, for tests: read it, click its buttons, and grant or revoke
 * host access or set prefs as a user would. How the toolbox and the panel's document are reached is in
 * scripts/firefox-toolbox.mjs (shared with `npm run start:firefox`); chrome-scope scripting needs
 * `--remote-allow-system-access`, which launchFirefox passes.
 *
 * Everything here is Firefox-internal and may change between versions: keep it to one smoke test.
 */
import type { Browser } from 'puppeteer-core';
import { callInChrome } from '../../scripts/firefox-chrome-scope.mjs';
import { closeToolbox, inToolboxPanel, openToolboxPanel } from '../../scripts/firefox-toolbox.mjs';

export { callInChrome };

/** What the frame script reads from the panel's document. */
export interface PanelSnapshot {
  /** The panel document's URL (about:blank until the extension page has loaded). */
  href: string;
  /** `<html data-theme>`, set by the panel from the DevTools theme. */
  theme: string | null;
  /** Text of the message list (`[role=listbox][aria-label=Messages]`), or null when absent. */
  rows: string | null;
  /** Text of the connection list (`section[aria-label=Connections]`), or null when absent. */
  connections: string | null;
  /** Text of the host-access banner (`.access-banner`), or null when it is not shown. */
  banner: string | null;
  /** The error the status bar shows (`[aria-label="Capture health"] [role=alert]`), or null when none. */
  healthError: string | null;
  /** Text of the selected message's details (`section[aria-label="Message details"]`), or null when none. */
  details: string | null;
  /** Text of the Export dialog's result line (`[aria-label="Export result"]`), or null when it is not open. */
  exportResult: string | null;
  /** The start of the panel's visible text, for failure reports. */
  text: string;
}

export interface DevToolsPanelHandle {
  /** The toolbox's id for the extension's panel (e.g. "webext-devtools-panel-socketscope_…-0"). */
  toolId: string;
  /** Where the toolbox is docked ("bottom" in a fresh profile). */
  hostType: string;
  /** One snapshot of the panel's document (about:blank fields while it loads). */
  read(): Promise<PanelSnapshot>;
  /** Polls the panel's document until `accept` holds; throws with the last snapshot after `timeoutMs`. */
  waitFor(accept: (snapshot: PanelSnapshot) => boolean, timeoutMs?: number): Promise<PanelSnapshot>;
  /**
   * Clicks the panel's button with this accessible name (its aria-label, else its text) with a trusted mouse
   * click that counts as a user gesture (see CLICK).
   */
  click(name: string): Promise<void>;
  /**
   * Clicks, the same way, the first element matching `selector` whose text contains `text` (a timeline
   * row, a radio's label...).
   */
  clickWhere(selector: string, text: string): Promise<void>;
  /** Closes the toolbox (best effort, bounded). */
  close(): Promise<void>;
}

/** () → PanelSnapshot, run in the panel's process (scripts/firefox-toolbox.mjs). */
const READ_PANEL = `() => {
  const doc = content.document;
  const text = (selector) => {
    const el = doc.querySelector(selector);
    return el ? el.textContent : null;
  };
  return {
    href: String(content.location.href),
    theme: doc.documentElement ? doc.documentElement.getAttribute('data-theme') : null,
    rows: text('[role=listbox][aria-label=Messages]'),
    connections: text('section[aria-label=Connections]'),
    banner: text('.access-banner'),
    healthError: text('[aria-label="Capture health"] [role=alert]'),
    details: text('section[aria-label="Message details"]'),
    exportResult: text('[aria-label="Export result"]'),
    text: doc.body ? String(doc.body.textContent).slice(0, 400) : '',
  };
}`;

const EMPTY_PANEL: PanelSnapshot = {
  href: 'about:blank',
  theme: null,
  rows: null,
  connections: null,
  banner: null,
  healthError: null,
  details: null,
  exportResult: null,
  text: '',
};

/**
 * ({ name } | { selector, text }) → '' after a click on the button with that accessible name (its aria-label,
 * else its text), or on the first element matching `selector` whose text contains `text`; run in the panel's
 * process. Neither BiDi nor puppeteer can reach the panel (scripts/firefox-toolbox.mjs), so the click is made
 * there with the chrome-only `window.synthesizeMouseEvent`, the call Firefox's own WebDriver input goes through
 * (EventUtils' synthesizeMouseAtPoint): a trusted mousedown and mouseup at the element's centre, which give the
 * click and the user activation that a gesture-gated API asks for. The strings come percent-encoded: the frame
 * script is loaded from a data: URL without a charset, which would garble non-ASCII ("Export…").
 */
const CLICK = `(encoded) => {
  const target = Object.fromEntries(Object.entries(encoded).map(([k, v]) => [k, decodeURIComponent(v)]));
  const doc = content.document;
  const element = target.name !== undefined
    ? [...doc.querySelectorAll('button, [role=button]')]
        .find((b) => (b.getAttribute('aria-label') || b.textContent).trim() === target.name)
    : [...doc.querySelectorAll(target.selector)].find((el) => el.textContent.includes(target.text));
  const what = target.name !== undefined ? 'button named ' + target.name : target.selector + ' showing ' + target.text;
  if (!element) throw new Error('no ' + what);
  if (element.disabled) throw new Error('the ' + what + ' is disabled');
  element.scrollIntoView({ block: 'center' });
  const r = element.getBoundingClientRect();
  const options = { button: 0, clickCount: 1, inputSource: content.MouseEvent.MOZ_SOURCE_MOUSE };
  const synthesis = { isDOMEventSynthesized: true, isWidgetEventSynthesized: false, isAsyncEnabled: false };
  for (const type of ['mousedown', 'mouseup']) {
    content.synthesizeMouseEvent(type, r.left + r.width / 2, r.top + r.height / 2, options, synthesis);
  }
  return '';
}`;

/** (name, value) → '': sets a string pref (e.g. devtools.theme, which DevTools and its panels follow live). */
const SET_STRING_PREF = `function (name, value) {
  Services.prefs.setStringPref(name, value);
  return '';
}`;

/**
 * (uuid, grant, url) → 'true' | 'false': grants or revokes the add-on's `<all_urls>` host permission the
 * way about:addons' Permissions tab does (ExtensionPermissions with the extension as emitter, so that
 * permissions.onAdded / onRemoved fire in its pages), then says whether the add-on may access `url`.
 */
const SET_HOST_ACCESS = `async function (uuid, grant, url) {
  const { ExtensionPermissions } = ChromeUtils.importESModule('resource://gre/modules/ExtensionPermissions.sys.mjs');
  const policy = WebExtensionPolicy.getByHostname(uuid);
  if (!policy || !policy.extension) throw new Error('no add-on has the uuid ' + uuid);
  const perms = { permissions: [], origins: ['<all_urls>'] };
  if (grant === 'true') await ExtensionPermissions.add(policy.id, perms, policy.extension);
  else await ExtensionPermissions.remove(policy.id, perms, policy.extension);
  return String(policy.canAccessURI(Services.io.newURI(url)));
}`;

/** (uuid, url) → 'true' | 'false': whether Firefox lets the add-on access `url`. */
const CAN_ACCESS = `function (uuid, url) {
  return String(WebExtensionPolicy.getByHostname(uuid).canAccessURI(Services.io.newURI(url)));
}`;

export async function firefoxHostAccess(browser: Browser, uuid: string, url: string): Promise<boolean> {
  return (await callInChrome(browser, CAN_ACCESS, uuid, url)) === 'true';
}

/**
 * Grants or revokes the add-on's host access to all sites, as a user would in about:addons, and
 * returns whether Firefox then lets the add-on access `url`.
 */
export async function setFirefoxHostAccess(browser: Browser, uuid: string, granted: boolean, url: string): Promise<boolean> {
  return (await callInChrome(browser, SET_HOST_ACCESS, uuid, String(granted), url)) === 'true';
}

export async function setFirefoxStringPref(browser: Browser, name: string, value: string): Promise<void> {
  await callInChrome(browser, SET_STRING_PREF, name, value);
}

/**
 * Opens the DevTools toolbox for the tab showing `pageUrl` and selects the extension panel titled
 * `title`. The page must be loaded in a tab of the first browser window.
 */
export async function openDevToolsPanel(
  browser: Browser,
  pageUrl: string,
  title: string,
  options: { timeoutMs?: number } = {},
): Promise<DevToolsPanelHandle> {
  const opened = await openToolboxPanel(browser, pageUrl, title, options.timeoutMs ?? 15_000);
  const read = async (): Promise<PanelSnapshot> =>
    ((await inToolboxPanel(browser, pageUrl, opened.toolId, READ_PANEL)) as PanelSnapshot | null) ?? EMPTY_PANEL;
  return {
    ...opened,
    read,
    async waitFor(accept, waitMs = 20_000) {
      const deadline = Date.now() + waitMs;
      for (;;) {
        const snapshot = await read();
        if (accept(snapshot)) return snapshot;
        if (Date.now() > deadline) {
          throw new Error(`the DevTools panel never reached the expected state; last snapshot: ${JSON.stringify(snapshot)}`);
        }
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    },
    async click(name) {
      if ((await inToolboxPanel(browser, pageUrl, opened.toolId, CLICK, { name: encodeURIComponent(name) })) === null) {
        throw new Error(`the DevTools panel did not answer the click on "${name}"`);
      }
    },
    async clickWhere(selector, text) {
      if (
        (await inToolboxPanel(browser, pageUrl, opened.toolId, CLICK, {
          selector: encodeURIComponent(selector),
          text: encodeURIComponent(text),
        })) === null
      ) {
        throw new Error(`the DevTools panel did not answer the click on ${selector} showing "${text}"`);
      }
    },
    async close() {
      await closeToolbox(browser, pageUrl).catch(() => undefined);
    },
  };
}
