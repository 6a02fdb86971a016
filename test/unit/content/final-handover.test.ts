/** The relay's reading of the hook's final hand-over: only the hook's token opens it, and each event is checked. */
import { describe, expect, it } from 'vitest';
import { readHandover, reviveEvent } from '../../../src/content/final-handover';
import { LIMITS } from '../../../src/shared/limits';
import { tupleOf } from '../shared/page-event-tuples';

const TOKEN = '00112233445566778899aabbccddeeff';
const good = { token: TOKEN, posted: [], queue: [] };
const read = (doc: unknown) => readHandover(JSON.stringify(doc), TOKEN);

describe('readHandover', () => {
  it('rejects, whole and with a reason, anything without the token or out of shape', () => {
    expect(() => readHandover({ not: 'text' }, TOKEN)).toThrow('was not text');
    expect(() => readHandover('[{', TOKEN)).toThrow('did not parse');
    expect(() => read({ ...good, token: 'guess' })).toThrow('forged');
    expect(() => readHandover(JSON.stringify(good), null)).toThrow('forged'); // no handshake yet: nothing is trusted
    expect(() => read({ ...good, token: 'x'.repeat(LIMITS.handoverToken + 1) })).toThrow('hand-over.token: string longer than');
    expect(() => read({ ...good, posted: [{ b: 'x', events: [] }] })).toThrow('hand-over.posted[0].b: expected integer, got string');
    expect(() => read({ ...good, queue: {} })).toThrow('hand-over.queue: expected array, got object');
    expect(read(good)).toEqual(good);
  });
});

describe('reviveEvent', () => {
  const msg = (data: unknown) => tupleOf({ k: 'msg', id: 1, t: 1, dir: 'recv', data });

  it.each([
    [msg({ base64: 'not base64!' }), 'event.data.base64: not base64'],
    [msg({ gone: 'yes' }), 'event.data.gone: expected true, got string'],
    // no form fits: the last form's failure is the one reported
    [msg({ blob: -0.5 }), 'event.data.gone: expected true, got undefined'],
    [msg(7), 'event.data: expected object, got number'],
    [['__proto__', 1], 'event.k: unknown message kind "string"'],
    [{ k: 'msg', id: 1, t: 1, dir: 'recv', data: 'x' }, 'event: expected array, got object'],
    [tupleOf({ k: 'msg', id: 1, t: 1, dir: 'both', data: 'x' }), 'event.dir: expected "send" | "recv", got string'],
  ])('rejects %j', (event, message) => {
    expect(() => reviveEvent(event)).toThrow(message);
  });
});
