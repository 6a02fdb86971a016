/**
 * Message rules in browser tests, said through a capture reader as the panel says them. A document
 * acknowledges a rule list by reporting the one rule in it that cannot compile (SENTINEL: an unclosed
 * regex group), so a test knows when the rules act before its page sends a frame.
 */
import type { Page } from 'puppeteer-core';
import type { MessageRule } from '../../src/shared/message-rules';
import type { CapturedEvent, CaptureReader, CaptureSnapshot } from './capture-reader';

export const SENTINEL_ID = 999_999;
const SENTINEL: MessageRule = { id: SENTINEL_ID, url: '', dir: 'send', match: { m: 'regex', pattern: '(' }, action: { a: 'drop' } };

/**
 * Opens `url` in `page` with `rules` on (said before, and again at the new document's hello), and returns
 * the new document's key once it has the rules.
 */
export async function openWithRules(reader: CaptureReader, page: Page, url: string, rules: MessageRule[]): Promise<string> {
  // The reader must know the document shown now (it syncs when attached), or that document's answer would pass for the new one's.
  const shown = page.url();
  const known = await reader.waitFor((c) => c.frames.some((f) => f.url === shown), 15_000, `the document at ${shown}`);
  const before = new Set(known.frames.map((f) => f.key));
  await reader.post({ type: 'msg-rules', rules: [...rules, SENTINEL] });
  await page.goto(url);
  const capture = await reader.waitFor(
    (c) => c.events.some((e) => !before.has(e.frame) && e.k === 'rule-error' && e.ruleId === SENTINEL_ID),
    15_000,
    `the rules to reach ${url}`,
  );
  const acknowledged = capture.events.find((e) => !before.has(e.frame) && e.k === 'rule-error' && e.ruleId === SENTINEL_ID);
  return (acknowledged as CapturedEvent).frame;
}

/** The messages of document `frame`, in capture order. */
export const messagesIn = (capture: CaptureSnapshot, frame: string) => capture.events.filter((e) => e.frame === frame && e.k === 'msg');
