/**
 * Everything that differs between Chrome and Firefox for the panel, in one place. The rest of the
 * panel uses webextension-polyfill's `browser` the same way in both.
 */
import browser from 'webextension-polyfill';

type Devtools = typeof browser.devtools | undefined;
const devtools = (): Devtools => (browser as unknown as { devtools?: Devtools }).devtools;

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
  const panels = devtools()?.panels as { onThemeChanged?: { addListener(f: (name: string) => void): void } } | undefined;
  panels?.onThemeChanged?.addListener((name) => listener(name === 'dark' ? 'dark' : 'light'));
}

/**
 * Firefox MV3 makes host permissions optional and revocable; without them content scripts silently
 * do not run. Chrome grants them at install. An API missing in this context counts as granted.
 */
export async function hasHostAccess(): Promise<boolean> {
  try {
    return await browser.permissions.contains(ALL_SITES);
  } catch {
    return true;
  }
}

/** Must run from a user gesture (a click). */
export async function requestHostAccess(): Promise<boolean> {
  try {
    return await browser.permissions.request(ALL_SITES);
  } catch {
    return false;
  }
}

export function onHostAccessChange(listener: () => void): void {
  try {
    browser.permissions.onAdded.addListener(listener);
    browser.permissions.onRemoved.addListener(listener);
  } catch {
    // not available in this context: access cannot change under us here
  }
}

/** Reloads the inspected page so that capture starts from its first socket. */
export async function reloadInspected(tabId: number): Promise<void> {
  const inspected = devtools()?.inspectedWindow;
  if (inspected) inspected.reload({});
  else await browser.tabs.reload(tabId);
}
