/**
 * What message rules leave in a capture survives export and import: a message's effect (`fx`), a resent
 * message's origin (`from`), held frames and rule errors, in the JSON log; a message's effect in HAR.
 * Dropped and mocked sends stay out of the traffic counts, before and after.
 */
import { describe, expect, it } from 'vitest';
import { buildHar } from '../../../src/panel/export/har';
import { buildJsonLog } from '../../../src/panel/export/json-log';
import { jsonParts } from '../../../src/panel/export/json-parts';
import { buildCaptureSync } from '../../../src/panel/import/build-capture';
import { sessionFromText } from '../../../src/panel/import/detect';
import type { Capture } from '../../../src/panel/state/model';
import { captureOf, create, open, received, sent } from '../panel/fixtures';
import { T0 } from './fixture';
import { exportInput } from './helpers';

function ruledCapture(): Capture {
  return captureOf([
    create(1, T0),
    open(1, T0 + 1),
    { ...sent(1, T0 + 2, 'hello'), fx: { rule: 11, kind: 'dropped' } },
    { ...sent(1, T0 + 3, '{"type":"getUserData","requestId":"r1"}'), fx: { rule: 12, kind: 'mocked' } },
    { ...received(1, T0 + 4, '{"type":"response","requestId":"r1"}'), fx: { rule: 12, kind: 'mock-reply', ms: 20 } },
    { ...received(1, T0 + 5, '{"n":2}'), fx: { rule: 13, kind: 'rewritten', original: '{"n":1}' } },
    { k: 'held', conn: 1, t: T0 + 6, dir: 'send', binary: false, size: 2, preview: 'hi', complete: true, hold: 1, ruleId: 14 },
    { ...sent(1, T0 + 7, 'hi!'), fx: { rule: 14, kind: 'held', hold: 1, outcome: 'edited', original: 'hi', ms: 900 } },
    { ...sent(1, T0 + 8, 'again'), injected: true, from: { frame: 'page', seq: 3 } },
    { k: 'rule-error', conn: 1, t: T0 + 9, ruleId: 13, error: 'data.x is not in the message' },
    { k: 'rule-error', conn: 0, t: T0 + 10, ruleId: 15, error: 'the template does not parse' },
  ]);
}

const roundTrip = async (capture: Capture) =>
  buildCaptureSync(sessionFromText(jsonParts(buildJsonLog(await exportInput(capture, { fetchPayload: null }))).join('')));

describe('message rules in exported logs', () => {
  it('the JSON log keeps effects, resends, held frames and rule errors exactly', async () => {
    const original = ruledCapture();
    const back = await roundTrip(original);
    expect(back.rows).toStrictEqual(original.rows);
    // The import also records the protocol each connection was decoded as; every other fact is the same.
    const withoutDecodeAs = new Map([...back.connections].map(([key, { decodeAs: _, ...c }]) => [key, c]));
    expect(withoutDecodeAs).toStrictEqual(original.connections);
    expect(back.series).toStrictEqual(original.series);
  });

  it('writes them as documented', async () => {
    const log = buildJsonLog(await exportInput(ruledCapture(), { fetchPayload: null }));
    const byKind = (kind: string) => log.events.filter((e) => e.kind === kind);
    expect(byKind('held')).toEqual([
      expect.objectContaining({ type: 'ERROR', data: 'hi', encoding: 'text', direction: 'send', hold: 1, ruleId: 14 }),
    ]);
    expect(byKind('rule-error').map((e) => [e.conn, e.ruleId, e.error])).toEqual([
      [1, 13, 'data.x is not in the message'],
      [0, 15, 'the template does not parse'],
    ]);
    expect(log.events.find((e) => e.data === 'hello')?.fx).toEqual({ rule: 11, kind: 'dropped' });
    expect(log.events.find((e) => e.data === 'again')?.from).toEqual({ frame: 'page', seq: 3 });
  });

  it('a rule error about a rule as a whole invents no connection, and only what crossed the socket counts as traffic', () => {
    const capture = ruledCapture();
    expect([...capture.connections.keys()]).toEqual(['page:1']);
    const c = capture.connections.get('page:1')!;
    // Sent: the held message as edited, and the resend; not the dropped or the mocked one. Received: the mock reply and the rewrite.
    expect(c.sent).toEqual({ messages: 2, bytes: 3 + 5 });
    expect(c.received.messages).toBe(2);
  });

  it('HAR keeps the effect of each affected message as _ruleEffect, and reads it back', async () => {
    const har = buildHar(await exportInput(ruledCapture(), { fetchPayload: null }));
    const messages = har.log.entries[0]._webSocketMessages ?? [];
    expect(messages.find((m) => m.data === 'hello')?._ruleEffect).toEqual({ rule: 11, kind: 'dropped' });
    expect(messages.find((m) => m.data === 'again')?._ruleEffect).toBeUndefined();
    const back = buildCaptureSync(sessionFromText(JSON.stringify(har)));
    expect(back.rows.find((r) => r.k === 'msg' && r.preview === '{"n":2}')).toMatchObject({
      fx: { rule: 13, kind: 'rewritten', original: '{"n":1}' },
    });
  });
});
