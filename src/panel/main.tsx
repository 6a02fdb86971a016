/**
 * The panel's entry: finds the inspected tab (DevTools, or `?tabId=` when opened in a tab), follows
 * the DevTools theme, and wires the capture store to the extension through the runtime transport.
 */
import { render } from 'preact';
import { App } from './App';
import { browserStorage } from './actions/browser-storage';
import { devtoolsTheme, inspectedTabId, onThemeChange } from './platform';
import { createBridge } from './state/bridge';
import { setDecodeStorage } from './state/decoding';
import { liveCapture, shownPayloads } from './state/session';
import { markChanged, relinks, theme } from './state/store';
import { createRuntimeTransport } from './transport/runtime-transport';
import './styles.css';

const applyTheme = (value: 'light' | 'dark') => {
  theme.value = value;
  document.documentElement.dataset.theme = value;
};
applyTheme(devtoolsTheme());
onThemeChange(applyTheme);

const tabId = inspectedTabId();
const root = document.getElementById('root') as HTMLElement;
if (tabId === null) {
  root.textContent = 'SocketScope: no inspected tab. Open this panel from DevTools, or add ?tabId=N.';
} else {
  let bridge: ReturnType<typeof createBridge> | null = null;
  const transport = createRuntimeTransport(() => {
    bridge?.resync();
    relinks.value++;
  });
  bridge = createBridge(transport, tabId, liveCapture, markChanged);
  bridge.resync();
  setDecodeStorage(browserStorage);
  render(<App tabId={tabId} fetchPayload={shownPayloads(bridge.fetchPayload)} send={bridge.send} storage={browserStorage} />, root);
}
