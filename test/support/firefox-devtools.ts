/**
 * The REAL Firefox DevTools panel of the add-on, for tests: read it, and grant or revoke host access or set
 * prefs as a user would. How the toolbox and the panel's document are reached is in
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
    text: doc.body ? String(doc.body.textContent).slice(0, 400) : '',
  };
}`;

const EMPTY_PANEL: PanelSnapshot = { href: 'about:blank', theme: null, rows: null, connections: null, banner: null, text: '' };

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
    async close() {
      await closeToolbox(browser, pageUrl).catch(() => undefined);
    },
  };
}
