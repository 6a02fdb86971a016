/**
 * Reading the panel's layout as a user meets it: the heights of the timeline and the Actions drawer,
 * the drawer's splitter, and whether each control can be reached (shown whole inside the panel and
 * not covered by anything), for the small-panel tests.
 */
import type { Frame, Page } from 'puppeteer-core';

export interface PanelLayout {
  width: number;
  height: number;
  /** The Messages listbox. */
  timeline: number;
  /** The Actions section, head included. */
  drawer: number;
  drawerOpen: boolean;
  /** The panel document itself scrolls: something was pushed out of the panel instead of fitting. */
  pageScrolls: boolean;
  /** The drawer's splitter as assistive technology reads it, or null when the drawer is closed. */
  splitter: { name: string | null; now: number; min: number; max: number } | null;
}

export async function readLayout(panel: Frame | Page): Promise<PanelLayout> {
  return panel.evaluate(() => {
    const height = (selector: string) => document.querySelector(selector)?.getBoundingClientRect().height ?? 0;
    const splitter = document.querySelector('[role=separator][aria-label="Resize actions"]');
    const number = (name: string) => Number(splitter?.getAttribute(name));
    const root = document.scrollingElement ?? document.documentElement;
    return {
      width: window.innerWidth,
      height: window.innerHeight,
      timeline: height('[role=listbox][aria-label=Messages]'),
      drawer: height('section[aria-label=Actions]'),
      drawerOpen: document.querySelector('.actions-toggle')?.getAttribute('aria-expanded') === 'true',
      pageScrolls: root.scrollHeight > window.innerHeight,
      splitter: splitter
        ? {
            name: splitter.getAttribute('aria-label'),
            now: number('aria-valuenow'),
            min: number('aria-valuemin'),
            max: number('aria-valuemax'),
          }
        : null,
    };
  });
}

export interface Reachability {
  /** How many controls were checked (so that an empty list of failures means something). */
  checked: number;
  /** The controls that could not be reached, by name, with the reason. */
  unreachable: string[];
}

/** What a user operates in the panel. */
export const CONTROLS = ':is(button, input, select, textarea, [role=tab], [role=separator])';

/**
 * Checks every control shown inside `scope` (a CSS selector). Each is scrolled into view the way
 * keyboard focus scrolls it (inside its own scrolling pane); then it must be shown whole inside the
 * panel, or, when it is taller or wider than its pane (a text area in a short drawer), fill at least
 * a line of it; and the point at the centre of what is shown must hit it, i.e. no other pane covers it.
 */
export async function reachControls(panel: Frame | Page, scope: string, controls = CONTROLS): Promise<Reachability> {
  return panel.evaluate(
    (scope: string, controls: string) => {
      type Box = { top: number; left: number; bottom: number; right: number };
      const LINE = 16;
      const intersect = (a: Box, b: Box): Box => ({
        top: Math.max(a.top, b.top),
        left: Math.max(a.left, b.left),
        bottom: Math.min(a.bottom, b.bottom),
        right: Math.min(a.right, b.right),
      });
      /** The part of the panel where `el` can show: the viewport, cut by every ancestor that clips or scrolls. */
      const paneOf = (el: Element): Box => {
        let box: Box = { top: 0, left: 0, bottom: innerHeight, right: innerWidth };
        for (let up = el.parentElement; up && up !== document.documentElement; up = up.parentElement) {
          const style = getComputedStyle(up);
          if (style.overflowX !== 'visible' || style.overflowY !== 'visible') box = intersect(box, up.getBoundingClientRect());
        }
        return box;
      };
      const nameOf = (el: HTMLElement) =>
        el.getAttribute('aria-label') ||
        (el as HTMLInputElement).labels?.[0]?.textContent?.trim() ||
        el.textContent?.trim() ||
        el.outerHTML.slice(0, 60);
      const found = [...document.querySelectorAll<HTMLElement>(`${scope} ${controls}`)].filter((el) => {
        const r = el.getBoundingClientRect();
        // Not shown at all, or visually hidden behind a control that stands for it (the 1 px clip pattern,
        // like the file input behind "Import…"): nothing for the user to reach.
        return el.checkVisibility({ visibilityProperty: true }) && (r.width > 1 || r.height > 1);
      });
      const unreachable: string[] = [];
      for (const el of found) {
        el.scrollIntoView({ block: 'nearest', inline: 'nearest' });
        const r = el.getBoundingClientRect();
        const pane = paneOf(el);
        const shown = intersect(r, pane);
        const [shownHeight, shownWidth] = [shown.bottom - shown.top, shown.right - shown.left];
        const whole = shownHeight >= r.height - 0.5 && shownWidth >= r.width - 0.5;
        const fits = r.height <= pane.bottom - pane.top + 0.5 && r.width <= pane.right - pane.left + 0.5;
        const enough = fits ? whole : shownHeight >= Math.min(LINE, r.height) && shownWidth >= Math.min(LINE, r.width);
        const hit = document.elementFromPoint((shown.left + shown.right) / 2, (shown.top + shown.bottom) / 2);
        const where = `${Math.round(r.top)}..${Math.round(r.bottom)} in ${Math.round(pane.top)}..${Math.round(pane.bottom)}`;
        if (!enough) unreachable.push(`${nameOf(el)}: cut off (${where})`);
        else if (hit === null || !(hit === el || el.contains(hit)))
          unreachable.push(`${nameOf(el)}: covered by ${hit?.outerHTML.slice(0, 60)}`);
      }
      // Reaching a control must never scroll the panel itself: that would hide the toolbar.
      const root = document.scrollingElement ?? document.documentElement;
      if (root.scrollTop !== 0) unreachable.push(`the panel scrolled by ${root.scrollTop} px`);
      return { checked: found.length, unreachable };
    },
    scope,
    controls,
  );
}
