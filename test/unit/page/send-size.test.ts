/**
 * A long text the page sends gets its exact UTF-8 size from the browser's own count: `send` adds it to
 * bufferedAmount before it returns, so the hook need not measure the text on the page's thread. Only a count that
 * cannot be the text's is ignored (the text is then measured later, in the flush task, as before).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { LIMITS } from '../../../src/shared/limits';
import type { PageEvent } from '../../../src/shared/protocol';
import { socketWithRules } from './rules-harness';

type Msg = Extract<PageEvent, { k: 'msg' }>;

describe('the size of a sent text', () => {
  let harness: ReturnType<typeof socketWithRules>;
  afterEach(() => harness.done());

  const sentEvents = () => harness.events().filter((e): e is Msg => e.k === 'msg' && e.dir === 'send');

  it('is what the browser added to bufferedAmount, for a text longer than its preview', () => {
    harness = socketWithRules();
    const text = `${'é'.repeat(LIMITS.previewChars)}\u{1F600}`; // 1,026 units: 2,048 + 4 bytes
    harness.send(text);
    expect(sentEvents()).toEqual([expect.objectContaining({ data: text, size: 2052 })]);
    expect(harness.socket.toServer).toEqual([text]);
  });

  it('counts a lone surrogate as the socket sends it (U+FFFD, 3 bytes)', () => {
    harness = socketWithRules();
    const text = `${'a'.repeat(2000)}\ud800`;
    harness.send(text);
    expect(sentEvents()[0].size).toBe(2003);
  });

  it('takes the browser’s count, not a measurement of its own', () => {
    harness = socketWithRules();
    // A count a measurement would not give, within what a text of this length can take: the browser's is kept.
    harness.socket.countText = (text) => text.length + 7;
    harness.send('x'.repeat(3000));
    expect(sentEvents()[0].size).toBe(3007);
  });

  it.each([0, 2999, 9001, 3000.5])('is left to be measured when the count cannot be the text’s (%s for 3,000 units)', (count) => {
    harness = socketWithRules();
    harness.socket.countText = () => count;
    harness.send('x'.repeat(3000));
    expect(sentEvents()[0].size).toBeUndefined();
  });

  it('is not asked of the browser for a short text, which the relay measures', () => {
    harness = socketWithRules();
    harness.socket.countText = () => 999; // a count that would show if it were taken
    harness.send('é'.repeat(LIMITS.previewChars));
    expect(sentEvents()[0].size).toBeUndefined();
  });

  it('of a text cut at the cap stays the hook’s own, with its hash', () => {
    harness = socketWithRules();
    harness.socket.countText = () => LIMITS.pagePayloadCap + 5;
    harness.send('y'.repeat(LIMITS.pagePayloadCap + 1));
    const [event] = sentEvents();
    expect(event.size).toBe(LIMITS.pagePayloadCap + 1);
    expect(event.hash).toMatch(/^[0-9a-f]{8}$/);
  });
});
