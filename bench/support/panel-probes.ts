/**
 * Measurements taken inside the panel frame, so that no CDP round trip is in them: a MutationObserver
 * on the toolbar's count, requestAnimationFrame deltas while the timeline scrolls, and the detail pane
 * filling in after a row is selected. Times come from the panel's performance.now() (or Date.now() when
 * they must be compared with the page's clock).
 */
import type { Frame } from 'puppeteer-core';

const COUNT = '[aria-label="Filtered count"]';
const LIST = '[role=listbox][aria-label=Messages]';

/** The toolbar's "N / M events" as [N, M]. */
export async function readCount(panel: Frame): Promise<[number, number]> {
  return panel.evaluate((selector) => {
    const match = /(\d+) \/ (\d+)/.exec(document.querySelector(selector)?.textContent ?? '');
    return match ? [Number(match[1]), Number(match[2])] : [-1, -1];
  }, COUNT) as Promise<[number, number]>;
}

/** Waits until the total is at least `total` (polling the panel, not the page). */
export async function waitForTotal(panel: Frame, total: number, timeoutMs: number): Promise<boolean> {
  try {
    await panel.waitForFunction(
      (selector: string, n: number) => {
        const match = /(\d+) \/ (\d+)/.exec(document.querySelector(selector)?.textContent ?? '');
        return match !== null && Number(match[2]) >= n;
      },
      { polling: 200, timeout: timeoutMs },
      COUNT,
      total,
    );
    return true;
  } catch {
    return false;
  }
}

/** Waits until the total is exactly `total` (a new document replaced the old one's rows). */
export async function waitForExactTotal(panel: Frame, total: number, timeoutMs: number): Promise<void> {
  await panel.waitForFunction(
    (selector: string, n: number) => {
      const match = /(\d+) \/ (\d+)/.exec(document.querySelector(selector)?.textContent ?? '');
      return match !== null && Number(match[2]) === n;
    },
    { polling: 100, timeout: timeoutMs },
    COUNT,
    total,
  );
}

/**
 * Installs a watcher that notes Date.now() when the total first reaches `total` (observing the DOM, so
 * the time is when the panel showed it). Read it with `readTotalWatch`.
 */
export async function watchTotal(panel: Frame, total: number): Promise<void> {
  await panel.evaluate(
    (selector: string, n: number) => {
      const state = { hitEpoch: 0, mutations: 0 };
      (window as unknown as { __benchWatch: typeof state }).__benchWatch = state;
      const check = () => {
        state.mutations++;
        if (state.hitEpoch) return;
        const match = /(\d+) \/ (\d+)/.exec(document.querySelector(selector)?.textContent ?? '');
        if (match && Number(match[2]) >= n) {
          state.hitEpoch = Date.now();
          observer.disconnect();
        }
      };
      const observer = new MutationObserver(check);
      observer.observe(document.querySelector('.toolbar') ?? document.body, { subtree: true, childList: true, characterData: true });
      check();
    },
    COUNT,
    total,
  );
}

/** Installs a watcher that notes Date.now() whenever the total changes (the last change is the catch-up). */
export async function watchLastChange(panel: Frame): Promise<void> {
  await panel.evaluate((selector: string) => {
    const state = { epoch: 0, total: -1 };
    (window as unknown as { __benchLast: typeof state }).__benchLast = state;
    const check = () => {
      const match = /(\d+) \/ (\d+)/.exec(document.querySelector(selector)?.textContent ?? '');
      const total = match ? Number(match[2]) : -1;
      if (total !== state.total) {
        state.total = total;
        state.epoch = Date.now();
      }
    };
    new MutationObserver(check).observe(document.querySelector('.toolbar') ?? document.body, {
      subtree: true,
      childList: true,
      characterData: true,
    });
    check();
  }, COUNT);
}

export async function readLastChange(panel: Frame): Promise<{ epoch: number; total: number }> {
  return panel.evaluate(() => (window as unknown as { __benchLast: { epoch: number; total: number } }).__benchLast);
}

export async function readTotalWatch(panel: Frame): Promise<{ hitEpoch: number; mutations: number }> {
  return panel.evaluate(() => (window as unknown as { __benchWatch: { hitEpoch: number; mutations: number } }).__benchWatch);
}

export interface CountChange {
  /** Input event until the count's text changed in the DOM. */
  domMs: number;
  /** Until the frame after that change was produced (rAF, then a task after its rendering). */
  paintedMs: number;
  text: string;
}

/**
 * Puts `value` into the filter box as one input event (as a paste would) and times it until the
 * toolbar's count changes.
 */
export async function timeFilter(panel: Frame, value: string, timeoutMs = 50_000): Promise<CountChange> {
  return panel.evaluate(
    (countSelector: string, text: string, timeout: number) =>
      new Promise<CountChange>((resolve, reject) => {
        const input = document.querySelector<HTMLInputElement>('input[aria-label=Filter]');
        const count = document.querySelector(countSelector);
        if (!input || !count) throw new Error('no filter box or count');
        const before = count.textContent;
        let t0 = 0;
        const timer = setTimeout(() => reject(new Error(`the count did not change from "${before}"`)), timeout);
        const observer = new MutationObserver(() => {
          if (count.textContent === before) return;
          const dom = performance.now() - t0;
          observer.disconnect();
          clearTimeout(timer);
          requestAnimationFrame(() => {
            const channel = new MessageChannel();
            channel.port1.onmessage = () => resolve({ domMs: dom, paintedMs: performance.now() - t0, text: count.textContent ?? '' });
            channel.port2.postMessage(0);
          });
        });
        observer.observe(count, { subtree: true, childList: true, characterData: true });
        input.value = text;
        t0 = performance.now();
        input.dispatchEvent(new Event('input', { bubbles: true }));
      }),
    COUNT,
    value,
    timeoutMs,
  );
}

export interface FrameSample {
  /** requestAnimationFrame timestamp deltas (the frame interval; 16.7 ms at 60 Hz is perfect). */
  deltas: number[];
  /**
   * Main-thread work per frame: from the frame's scroll event (or its rAF callback) until a task posted
   * from the rAF callback runs, i.e. after the frame's style, layout and paint.
   */
  work: number[];
  /** Scroll events the list received, counted by the probe's own passive listener on it (the panel is not instrumented). */
  scrollEvents: number;
  rowsRendered: number;
}

/**
 * Drives the timeline's scrollTop by `step` px per frame for `frames` frames (step 0: an idle baseline
 * with the same loop), starting at `startFraction` of its height, and collects frame figures.
 */
export async function sampleFrames(panel: Frame, frames: number, step: number, startFraction: number): Promise<FrameSample> {
  return panel.evaluate(
    (listSelector: string, n: number, px: number, from: number) =>
      new Promise<FrameSample>((resolve) => {
        const list = document.querySelector<HTMLElement>(listSelector);
        if (!list) throw new Error('no message list');
        let scrollEvents = 0;
        const countScroll = () => scrollEvents++;
        list.addEventListener('scroll', countScroll, { passive: true });
        let scrollAt: number | null = null;
        const onScroll = () => {
          if (scrollAt === null) scrollAt = performance.now();
        };
        document.addEventListener('scroll', onScroll, true);
        const max = list.scrollHeight - list.clientHeight;
        let position = Math.floor(max * from);
        if (px > 0) list.scrollTop = position;
        const deltas: number[] = [];
        const work: number[] = [];
        let last: number | null = null;
        let count = 0;
        let rowsRendered = 0;
        const onFrame = (ts: number) => {
          const start = scrollAt ?? performance.now();
          scrollAt = null;
          if (last !== null) deltas.push(ts - last);
          last = ts;
          if (px > 0) {
            position += px;
            if (position > max) position = Math.floor(max * 0.1);
            list.scrollTop = position;
          }
          const channel = new MessageChannel();
          channel.port1.onmessage = () => work.push(performance.now() - start);
          channel.port2.postMessage(0);
          if (++count < n) requestAnimationFrame(onFrame);
          else
            setTimeout(() => {
              document.removeEventListener('scroll', onScroll, true);
              list.removeEventListener('scroll', countScroll);
              rowsRendered = list.querySelectorAll('[role=option]').length;
              resolve({ deltas, work: work.slice(1), scrollEvents, rowsRendered });
            }, 100);
        };
        requestAnimationFrame(onFrame);
      }),
    LIST,
    frames,
    step,
    startFraction,
  );
}

/** Scrolls the timeline to its end and waits two frames (the bottom rows are rendered). */
export async function scrollToEnd(panel: Frame): Promise<void> {
  await panel.evaluate(
    (listSelector: string) =>
      new Promise<void>((resolve) => {
        const list = document.querySelector<HTMLElement>(listSelector);
        if (!list) throw new Error('no message list');
        list.scrollTop = list.scrollHeight;
        requestAnimationFrame(() => requestAnimationFrame(() => resolve()));
      }),
    LIST,
  );
}

export interface OpenTiming {
  /** mousedown until the details section first shows this row. */
  firstMs: number;
  /** mousedown until the payload text shown is at least `minChars` long. */
  fullMs: number;
  shownChars: number;
}

/**
 * Selects the rendered row whose preview starts with `prefix` and whose kind is `kind` (mousedown, as
 * the list selects on it), and times the detail pane until it shows at least `minChars` of payload.
 */
export async function timeOpenRow(panel: Frame, prefix: string, kind: string, minChars: number, timeoutMs = 30_000): Promise<OpenTiming> {
  return panel.evaluate(
    (listSelector: string, start: string, rowKind: string, want: number, timeout: number) =>
      new Promise<OpenTiming>((resolve, reject) => {
        const rows = [...document.querySelectorAll<HTMLElement>(`${listSelector} [role=option]`)];
        const row = rows.find(
          (r) => r.classList.contains(`kind-${rowKind}`) && (r.querySelector('.c-preview')?.textContent ?? '').startsWith(start),
        );
        if (!row) throw new Error(`no ${rowKind} row starting with ${start} among ${rows.length} rendered rows`);
        let first = 0;
        let t0 = 0;
        const timer = setTimeout(() => {
          observer.disconnect();
          reject(new Error(`the details did not show ${want} characters`));
        }, timeout);
        const shown = () => {
          const details = document.querySelector('section[aria-label="Message details"]');
          if (!details) return -1;
          const pre = details.querySelector('pre');
          return pre ? (pre.textContent ?? '').length : 0;
        };
        const check = () => {
          const chars = shown();
          if (chars < 0) return;
          // The section is shared between rows: it shows this row once its size fact is there.
          if (!first && (document.querySelector('section[aria-label="Message details"]')?.textContent ?? '').includes(start.slice(0, 11)))
            first = performance.now() - t0;
          if (first && chars >= want) {
            observer.disconnect();
            clearTimeout(timer);
            resolve({ firstMs: first, fullMs: performance.now() - t0, shownChars: chars });
          }
        };
        const observer = new MutationObserver(check);
        observer.observe(document.body, { subtree: true, childList: true, characterData: true });
        t0 = performance.now();
        row.dispatchEvent(new MouseEvent('mousedown', { bubbles: true, button: 0 }));
      }),
    LIST,
    prefix,
    kind,
    minChars,
    timeoutMs,
  );
}

/** The status bar's text ("nothing dropped", or what was trimmed and dropped). */
export async function captureHealth(panel: Frame): Promise<string> {
  return panel.evaluate(() => document.querySelector('[aria-label="Capture health"]')?.textContent ?? '');
}

export interface FullSearchTiming {
  /** Enter in the filter until the search bar says it is done. */
  ms: number;
  /** Whether the progress bar showed while it ran. */
  progressSeen: boolean;
  text: string;
}

const SEARCH_STATUS = 'section[aria-label="Whole-payload search"] :is([role=status], [role=alert])';

/** Presses Enter in the filter box (a whole-payload search for its text) and times it until the result shows. */
export async function timeFullSearch(panel: Frame, timeoutMs = 300_000): Promise<FullSearchTiming> {
  return panel.evaluate(
    (statusSelector: string, timeout: number) =>
      new Promise<FullSearchTiming>((resolve, reject) => {
        const input = document.querySelector<HTMLInputElement>('input[aria-label=Filter]');
        if (!input) throw new Error('no filter box');
        let progressSeen = false;
        const t0 = performance.now();
        const poll = () => {
          if (document.querySelector('progress[aria-label="Search progress"]')) progressSeen = true;
          const text = document.querySelector(statusSelector)?.textContent ?? '';
          if (text.startsWith('Whole payloads searched') || text.startsWith('Whole-payload search stopped'))
            resolve({ ms: performance.now() - t0, progressSeen, text });
          else if (performance.now() - t0 > timeout) reject(new Error(`the search did not finish: "${text}"`));
          else setTimeout(poll, 10);
        };
        input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
        setTimeout(poll, 0);
      }),
    SEARCH_STATUS,
    timeoutMs,
  );
}
