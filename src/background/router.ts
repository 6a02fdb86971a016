/**
 * Which relays and panels belong to which tab, and fan-out between them. It works on transports, so it
 * knows nothing of runtime ports: index.ts adapts them, and the unit tests use fake pairs.
 */
import { checkPanelHello, checkToPanel, checkToRelay, type ToPanel, type ToRelay } from '../shared/protocol';
import type { Transport } from '../shared/transport';

type TabMap = Map<number, Set<Transport>>;

function add(map: TabMap, tabId: number, transport: Transport) {
  const set = map.get(tabId) ?? new Set<Transport>();
  map.set(tabId, set);
  set.add(transport);
}

/** Returns how many are left for the tab. */
function remove(map: TabMap, tabId: number, transport: Transport): number {
  const set = map.get(tabId);
  set?.delete(transport);
  if (set && set.size === 0) map.delete(tabId);
  return set?.size ?? 0;
}

export class TabRouter {
  private readonly relays: TabMap = new Map();
  private readonly panels: TabMap = new Map();

  /**
   * `askRelaysToReconnect` is called whenever a panel subscribes: after a restart this background may know
   * none or only some of the tab's relays (one that reconnected by itself, from the bfcache or a new iframe),
   * and a relay that is connected ignores the request.
   */
  constructor(
    private readonly askRelaysToReconnect: (tabId: number) => void,
    /** Deep capture (src/background/deep-capture/): panels turn it on and off; the router tells it when they come and go. */
    private readonly deepCapture?: { set(tabId: number, on: boolean): void; status(tabId: number): void; panelsGone(tabId: number): void },
  ) {}

  /** A relay's link. Its tab and frame come from the browser (the port's sender), never from what the relay says. */
  acceptRelay(transport: Transport, tabId: number, frameId: number): void {
    add(this.relays, tabId, transport);
    transport.onMessage((raw) => {
      let message: ToPanel;
      try {
        message = checkToPanel(raw, 'relay');
      } catch {
        return; // a malformed relay message is dropped here; the relay counts its own failures
      }
      // The relay cannot know its frame id; the browser tells us, and we fill it in.
      if (message.type === 'events' || message.type === 'hello') message.frame.frameId = frameId;
      this.toPanels(tabId, message);
    });
    transport.onClose(() => remove(this.relays, tabId, transport));
  }

  /** A panel's link (index.ts checked that it is one of our own pages). Its first message names the tab. */
  acceptPanel(transport: Transport): void {
    let tabId: number | null = null;
    transport.onMessage((raw) => {
      try {
        if (tabId === null) {
          tabId = checkPanelHello(raw, 'subscribe').tabId;
          add(this.panels, tabId, transport);
          this.askRelaysToReconnect(tabId);
          this.deepCapture?.status(tabId);
          return;
        }
        const message = checkToRelay(raw, 'panel');
        if (message.type === 'deep-capture') this.deepCapture?.set(tabId, message.on);
        else this.toRelays(tabId, message);
      } catch (error) {
        transport.postMessage({ type: 'error', message: String((error as Error).message) } satisfies ToPanel);
      }
    });
    transport.onClose(() => {
      if (tabId !== null && remove(this.panels, tabId, transport) === 0) {
        this.toRelays(tabId, { type: 'detach' });
        this.deepCapture?.panelsGone(tabId);
      }
    });
  }

  /** Also Deep capture's way to its panels. */
  toPanels(tabId: number, message: ToPanel) {
    for (const panel of this.panels.get(tabId) ?? []) panel.postMessage(message);
  }

  private toRelays(tabId: number, message: ToRelay) {
    for (const relay of this.relays.get(tabId) ?? []) relay.postMessage(message);
  }
}
