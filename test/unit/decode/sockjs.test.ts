import { describe, expect, it } from 'vitest';
import { sockjs } from '../../../src/panel/decode/protocols/sockjs';
import { errorOf, messagesOf, only, preview, received, sent, summaries, timed } from './decode-helpers';

// What a sockjs-node server and sockjs-client 1.6 exchange on the websocket transport.
describe('sockjs: server frames', () => {
  it('reads open and heartbeat, and only the heartbeat is one', () => {
    const open = only(sockjs, received('o'));
    expect(open).toMatchObject({ summary: 'OPEN', fields: { type: 'OPEN' } });
    expect(open.heartbeat).toBeUndefined();
    const beat = only(sockjs, received('h'));
    expect(beat).toMatchObject({ summary: 'HEARTBEAT', fields: { type: 'HEARTBEAT' }, heartbeat: true });
  });

  it('gives each element of an a-frame its own message, kept as text', () => {
    const messages = messagesOf(sockjs, received('a["hello","{\\"type\\":\\"chat\\",\\"text\\":\\"hi\\"}"]'));
    expect(messages.map((message) => message.summary)).toEqual(['MESSAGE hello', 'MESSAGE {"type":"chat","text":"hi"}']);
    expect(messages[1].body).toBe('{"type":"chat","text":"hi"}');
    expect(messages[1].fields).toEqual({ type: 'MESSAGE' });
  });

  it('keeps STOMP inside SockJS as its text, with the summary on one line and cut at 60 characters', () => {
    const stompFrame =
      'MESSAGE\ndestination:/topic/greetings\ncontent-type:application/json\nsubscription:sub-0\nmessage-id:abc-1\n\n{"content":"Hello"}\u0000';
    const message = only(sockjs, received(`a${JSON.stringify([stompFrame])}`));
    expect(message.body).toBe(stompFrame);
    expect(message.summary).toBe(`MESSAGE ${stompFrame.slice(0, 60).replace(/\n/g, ' ')}…`);
    expect(message.summary).not.toContain('\n');
  });

  it('reads the older m-frame and the close frame', () => {
    expect(summaries(sockjs, received('m"single"'))).toEqual(['MESSAGE single']);
    const close = only(sockjs, received('c[3000,"Go away!"]'));
    expect(close.summary).toBe('CLOSE 3000 Go away!');
    expect(close.body).toEqual({ code: 3000, reason: 'Go away!' });
    expect(summaries(sockjs, received('a[""]'))).toEqual(['MESSAGE (empty)']);
  });
});

describe('sockjs: client frames', () => {
  it('reads the JSON array of strings sockjs-client sends, and a bare JSON string', () => {
    expect(summaries(sockjs, sent('["SUBSCRIBE\\nid:sub-0\\ndestination:/topic/x\\n\\n\\u0000"]'))).toEqual([
      'MESSAGE SUBSCRIBE id:sub-0 destination:/topic/x   ',
    ]);
    expect(summaries(sockjs, sent('["one","two"]'))).toEqual(['MESSAGE one', 'MESSAGE two']);
    expect(summaries(sockjs, sent('"solo"'))).toEqual(['MESSAGE solo']);
  });
});

describe('sockjs: previews', () => {
  it('shows the first message of a long a-frame', () => {
    const result = sockjs.decode(preview('recv', `a["first \\"quoted\\" ${'x'.repeat(3000)}","second"]`), {});
    expect(result).toMatchObject({ ok: true, partial: true });
    expect(result.ok && result.messages[0].summary).toBe(`MESSAGE first "quoted" ${'x'.repeat(45)}…`);
  });

  it('does not break on an escape cut in half', () => {
    const text = `a["${'y'.repeat(198)}\\u00e9 tail"]`;
    const result = sockjs.decode({ dir: 'recv', text: text.slice(0, 203), complete: false }, {});
    expect(result.ok && result.messages[0].body).toBe('y'.repeat(198));
  });
});

describe('sockjs: malformed frames', () => {
  it.each([
    ['', /unknown SockJS frame type '\(empty frame\)'/],
    ['x', /unknown SockJS frame type 'x'/],
    ['open', /open frame is the letter o alone/],
    ['hh', /heartbeat frame is the letter h alone/],
    ['a[1,2]', /a JSON array of strings/],
    ['a{"a":1}', /a JSON array of strings/],
    ['a["unterminated', /invalid JSON/],
    ['c["reason",3000]', /c\[code,"reason"\]/],
    ['c', /c\[code,"reason"\]/],
  ])('rejects %j', (text, error) => {
    expect(errorOf(sockjs, received(text))).toMatch(error);
  });

  it('rejects binary frames', () => {
    expect(sockjs.decode({ dir: 'recv', bytes: new Uint8Array([0x61]), complete: true }, {})).toMatchObject({ ok: false, error: /binary/ });
  });

  it('caps a huge array at 1,000 messages and says how many more there were', () => {
    const frame = received(`a${JSON.stringify(Array.from({ length: 50_000 }, (_, i) => `m${i}`))}`);
    const { value, ms } = timed(() => messagesOf(sockjs, frame));
    expect(value).toHaveLength(1001);
    expect(value[999].summary).toBe('MESSAGE m999');
    expect(value[1000]).toMatchObject({ summary: '… 49000 more not decoded', body: { notDecoded: 49000 } });
    expect(ms).toBeLessThan(1000);
  });
});

describe('sockjs: detection hints', () => {
  it('matches the websocket transport URLs sockjs-client builds', () => {
    expect(sockjs.url?.test('ws://localhost:8080/echo/123/ab1cd2ef/websocket')).toBe(true);
    expect(sockjs.url?.test('wss://app.example.com/sockjs/447/xyz_12/websocket')).toBe(true);
    expect(sockjs.url?.test('ws://localhost:8080/gs-guide-websocket/842/k3j4h5g6/websocket?token=1')).toBe(true);
    expect(sockjs.url?.test('ws://localhost:4000/socket/websocket?vsn=2.0.0')).toBe(false);
    expect(sockjs.url?.test('ws://localhost:3000/socket.io/?EIO=4&transport=websocket')).toBe(false);
  });

  it('sniffs its control and message frames, not ordinary JSON or words', () => {
    for (const text of ['o', 'h', 'a["x"]', 'c[3000,"Go away!"]', 'm"x"']) expect(sockjs.sniff?.(received(text)), text).toBe(true);
    for (const text of ['["x"]', 'hello', 'o!', 'a', '{"a":1}']) expect(sockjs.sniff?.(received(text)), text).toBe(false);
  });
});
