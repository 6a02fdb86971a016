/** Which relay and panel ports belong to which tab, and fan-out between them. */
import type browser from 'webextension-polyfill';
import type { ToPanel, ToRelay } from '../shared/protocol';

type Port = browser.Runtime.Port;

const safePost = (port: Port, message: unknown) => {
  try {
    port.postMessage(message);
  } catch {
    // the other side went away; its onDisconnect cleans up
  }
};

export class TabRouter {
  private readonly relays = new Map<number, Set<Port>>();
  private readonly panels = new Map<number, Set<Port>>();

  private static add(map: Map<number, Set<Port>>, tabId: number, port: Port) {
    const set = map.get(tabId) ?? new Set<Port>();
    map.set(tabId, set);
    set.add(port);
  }

  private static remove(map: Map<number, Set<Port>>, tabId: number, port: Port): number {
    const set = map.get(tabId);
    set?.delete(port);
    if (set && set.size === 0) map.delete(tabId);
    return set?.size ?? 0;
  }

  addRelay(tabId: number, port: Port) {
    TabRouter.add(this.relays, tabId, port);
  }

  removeRelay(tabId: number, port: Port) {
    TabRouter.remove(this.relays, tabId, port);
  }

  hasRelays(tabId: number): boolean {
    return (this.relays.get(tabId)?.size ?? 0) > 0;
  }

  addPanel(tabId: number, port: Port) {
    TabRouter.add(this.panels, tabId, port);
  }

  removePanel(tabId: number, port: Port) {
    if (TabRouter.remove(this.panels, tabId, port) === 0) this.toRelays(tabId, { type: 'detach' });
  }

  toPanels(tabId: number, message: ToPanel) {
    for (const port of this.panels.get(tabId) ?? []) safePost(port, message);
  }

  toRelays(tabId: number, message: ToRelay) {
    for (const port of this.relays.get(tabId) ?? []) safePost(port, message);
  }
}
