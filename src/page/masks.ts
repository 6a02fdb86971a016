/**
 * Function.prototype.toString must answer for our proxies with the natives' text, in every window of
 * the page: a page can call one frame's toString on another frame's WebSocket. So the windows that
 * can reach each other share one table, proxy → native source text. A child window asks its parent
 * for the table through a synchronous private event, and a top-level window its opener (a popup, whose
 * opener reaches it through what window.open returned); a cross-origin one cannot be asked: its
 * dispatchEvent throws, and that window starts its own table. Only text is shared, never natives.
 */
import type { Natives } from './natives';

/** Private to the page hook (the relay never needs it), so it lives here rather than in shared/handshake.ts. */
const MASKS_EVENT = '__socketscope_masks_v1__';

export type Masks = WeakMap<object, string>;

interface Holder {
  masks?: Masks;
}

function askParent(n: Natives): Masks | undefined {
  try {
    const parent = n.win.parent as unknown;
    const asked = parent && parent !== n.win ? parent : (n.win.opener as unknown);
    if (!asked || asked === n.win) return undefined;
    // Null prototypes: the event's init dictionary and the holder must not reach page-made accessors.
    const holder: Holder = { __proto__: null } as Holder;
    const event = new n.CustomEvent(MASKS_EVENT, { __proto__: null, detail: holder } as CustomEventInit);
    n.apply(n.dispatchEvent, asked as EventTarget, [event]);
    const answered: unknown = holder.masks;
    if (answered === undefined) return undefined;
    // Only a real WeakMap (weakHas throws on anything else): what answered may not be our hook.
    n.apply(n.weakHas, answered, [holder]);
    return answered as Masks;
  } catch {
    return undefined;
  }
}

/** The table this window uses: `given` (a child installed by its parent), its parent's, or a new one. */
export function joinMasks(n: Natives, given?: Masks): Masks {
  const masks: Masks = given ?? askParent(n) ?? new n.WeakMap<object, string>();
  const answer = (event: Event) => {
    const holder = n.apply(n.customDetail, event, []) as Holder | null;
    if (typeof holder === 'object' && holder !== null) holder.masks = masks;
    n.apply(n.stopImmediatePropagation, event, []);
  };
  n.apply(n.addEventListener, n.win, [MASKS_EVENT, answer, true]);
  return masks;
}

/** Makes `proxy` print as `native` does. */
export function mask(n: Natives, masks: Masks, proxy: object, native: unknown): void {
  n.apply(n.weakSet, masks, [proxy, n.apply(n.fnToString, native, [])]);
}
