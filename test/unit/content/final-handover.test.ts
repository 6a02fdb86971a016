/** The relay's reading of the hook's final hand-over: only the hook's token opens it. */
import { describe, expect, it } from 'vitest';
import { readHandover } from '../../../src/content/final-handover';

const TOKEN = '00112233445566778899aabbccddeeff';
const msg = (data: unknown, size = 3) => ({ k: 'msg', id: 1, t: 1, dir: 'send', data, size });

describe('readHandover', () => {
  it('returns the batches in flight and the queue, with binary payloads revived', () => {
    const detail = JSON.stringify({
      token: TOKEN,
      posted: [{ b: 4, events: [msg('abc'), msg({ base64: 'AQID' })] }],
      queue: [msg({ gone: true }, 9), msg({ blob: 42 })],
    });
    const handover = readHandover(detail, TOKEN);
    expect(handover.posted.map((p) => p.b)).toEqual([4]);
    const [text, binary] = handover.posted[0].events as { data: unknown }[];
    expect(text.data).toBe('abc');
    expect(new Uint8Array(binary.data as ArrayBuffer)).toEqual(new Uint8Array([1, 2, 3]));
    // a payload already transferred to the relay keeps its size; an unreadable Blob says its own; both stay binary
    expect(handover.queue).toEqual([msg(new ArrayBuffer(0), 9), msg(new ArrayBuffer(0), 42)]);
  });

  it('rejects, whole and with a reason, anything without the token or out of shape', () => {
    const good = { token: TOKEN, posted: [], queue: [] };
    expect(() => readHandover({ not: 'text' }, TOKEN)).toThrow('was not text');
    expect(() => readHandover('[{', TOKEN)).toThrow('did not parse');
    expect(() => readHandover(JSON.stringify({ ...good, token: 'guess' }), TOKEN)).toThrow('forged');
    expect(() => readHandover(JSON.stringify(good), null)).toThrow('forged'); // no handshake yet: nothing is trusted
    expect(() => readHandover(JSON.stringify({ ...good, posted: [{ b: 'x', events: [] }] }), TOKEN)).toThrow('no batches');
    expect(() => readHandover(JSON.stringify({ ...good, queue: {} }), TOKEN)).toThrow('no batches');
    expect(readHandover(JSON.stringify(good), TOKEN)).toEqual({ posted: [], queue: [] });
  });
});
