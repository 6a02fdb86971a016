/**
 * Everything that differs between Chrome and Firefox for the panel, in one place. The rest of the
 * panel uses webextension-polyfill's `browser` the same way in both.
 */
import browser from 'webextension-polyfill';
import { askBackgroundForHostAccess } from './transport/host-access';

/**
 * The APIs that only some of the panel's pages get: `devtools` exists only in DevTools (not in the panel
 * opened in a tab), `permissions` not in Firefox DevTools, and `onThemeChanged` not in Chrome. The
 * polyfill's types declare them always present; this view (which `browser` is assignable to) says they may not be.
 */
interface MaybePresentApis {
  devtools?: {
    inspectedWindow?: Pick<typeof browser.devtools.inspectedWindow, 'tabId' | 'reload'>;
    panels?: { themeName?: string; onThemeChanged?: Pick<typeof browser.devtools.panels.onThemeChanged, 'addListener'> };
  };
  permissions?: typeof browser.permissions;
}
const apis: MaybePresentApis = browser;
const devtools = () => apis.devtools;

const ALL_SITES = { origins: ['<all_urls>'] };

/** The inspected tab: DevTools knows it; a panel opened in a tab gets it as `?tabId=N`. */
export function inspectedTabId(): number | null {
  const fromQuery = new URLSearchParams(location.search).get('tabId');
  if (fromQuery !== null && /^\d+$/.test(fromQuery)) return Number(fromQuery);
  return devtools()?.inspectedWindow?.tabId ?? null;
}

/** DevTools' theme: Chrome says "default" or "dark", Firefox "light" or "dark". */
export function devtoolsTheme(): 'light' | 'dark' {
  const fromQuery = new URLSearchParams(location.search).get('theme');
  if (fromQuery === 'dark' || fromQuery === 'light') return fromQuery;
  const name = devtools()?.panels?.themeName;
  if (name === 'dark') return 'dark';
  if (name === 'default' || name === 'light') return 'light';
  return matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

/** Calls back when DevTools switches theme (Firefox tells panels; Chrome reloads them instead). */
export function onThemeChange(listener: (theme: 'light' | 'dark') => void): void {
  devtools()?.panels?.onThemeChanged?.addListener((name) => listener(name === 'dark' ? 'dark' : 'light'));
}

/**
 * Firefox MV3 makes host permissions optional and revocable; without them content scripts silently
 * do not run. Chrome grants them at install. Firefox gives DevTools panels no `permissions` API, so
 * there the background answers, and the request is made from the panel page opened in a tab.
 */
const permissionsApi = () => apis.permissions;

export async function hasHostAccess(): Promise<boolean> {
  try {
    const api = permissionsApi();
    if (api) return await api.contains(ALL_SITES);
    return await askBackgroundForHostAccess(browser.runtime);
  } catch {
    return true; // nobody can tell: assume the default, granted
  }
}

/** Must run from a user gesture (a click). Where the panel cannot ask, it opens itself in a tab that can. */
export async function requestHostAccess(tabId: number): Promise<boolean> {
  const api = permissionsApi();
  if (!api) {
    window.open(browser.runtime.getURL(`src/panel/panel.html?tabId=${tabId}`), '_blank');
    return false;
  }
  try {
    return await api.request(ALL_SITES);
  } catch {
    return false;
  }
}

export function onHostAccessChange(listener: () => void): void {
  const api = permissionsApi();
  if (!api) {
    // No events without the API: ask again now and then (a cheap message to the background).
    setInterval(listener, 1500);
    return;
  }
  api.onAdded.addListener(listener);
  api.onRemoved.addListener(listener);
}

/** Reloads the inspected page so that capture starts from its first socket. */
export async function reloadInspected(tabId: number): Promise<void> {
  const inspected = devtools()?.inspectedWindow;
  if (inspected) inspected.reload({});
  else await browser.tabs.reload(tabId);
}
