/**
 * The panel's entry: finds the inspected tab (DevTools, or `?tabId=` when opened in a tab), follows
 * the DevTools theme, and wires the capture store to the extension through the runtime transport.
 */
import { render } from 'preact';
import browser from 'webextension-polyfill';
import { App } from './App';
import { browserStorage } from './actions/browser-storage';
import { isViewingImport, liveCapture } from './import/session';
import { createBridge } from './state/bridge';
import { markChanged, theme } from './state/store';
import { createRuntimeTransport } from './transport/runtime-transport';
import './styles.css';

function inspectedTabId(): number | null {
  const fromQuery = new URLSearchParams(location.search).get('tabId');
  if (fromQuery !== null && /^\d+$/.test(fromQuery)) return Number(fromQuery);
  const devtools = (browser as unknown as { devtools?: typeof browser.devtools }).devtools;
  return devtools?.inspectedWindow?.tabId ?? null;
}

function detectTheme(): 'light' | 'dark' {
  const fromQuery = new URLSearchParams(location.search).get('theme');
  if (fromQuery === 'dark' || fromQuery === 'light') return fromQuery;
  const name = (browser as unknown as { devtools?: typeof browser.devtools }).devtools?.panels?.themeName;
  if (name === 'dark') return 'dark';
  if (name === 'default' || name === 'light') return 'light';
  return matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

theme.value = detectTheme();
document.documentElement.dataset.theme = theme.value;

const tabId = inspectedTabId();
const root = document.getElementById('root') as HTMLElement;
if (tabId === null) {
  root.textContent = 'SocketScope: no inspected tab. Open this panel from DevTools, or add ?tabId=N.';
} else {
  let bridge: ReturnType<typeof createBridge> | null = null;
  const transport = createRuntimeTransport(() => bridge?.resync());
  bridge = createBridge(transport, tabId, liveCapture, markChanged);
  bridge.resync();
  const live = bridge;
  // An imported session has no relay behind it: say so rather than ask the live page about its rows.
  const fetchPayload: typeof live.fetchPayload = (frame, seq) =>
    isViewingImport()
      ? Promise.resolve({ missing: 'this log was imported: only the exported part of this payload exists' })
      : live.fetchPayload(frame, seq);
  render(<App fetchPayload={fetchPayload} send={bridge.send} storage={browserStorage} />, root);
}
