import { describe, expect, it } from 'vitest';
import { stomp } from '../../../src/panel/decode/protocols/stomp';
import { errorOf, flat, messagesOf, only, preview, received, sent, summaries, timed } from './decode-helpers';

// Frames as @stomp/stompjs 7 sends them and a STOMP 1.2 broker answers (NUL written as \u0000).
const CONNECT = 'CONNECT\naccept-version:1.2,1.1,1.0\nheart-beat:10000,10000\nhost:localhost\n\n\u0000';
const CONNECTED = 'CONNECTED\nversion:1.2\nheart-beat:0,0\nserver:RabbitMQ/3.12.0\n\n\u0000';
const SUBSCRIBE = 'SUBSCRIBE\nid:sub-0\ndestination:/topic/x\n\n\u0000';
const SEND = 'SEND\ndestination:/queue/a\ncontent-length:5\nreceipt:7\n\nhello\u0000';
const MESSAGE =
  'MESSAGE\ndestination:/topic/x\ncontent-type:text/plain\nsubscription:sub-0\nmessage-id:T_sub-0@@session-Ab@@1\ncontent-length:11\n\nhello world\u0000';

describe('stomp: frames', () => {
  it('reads CONNECT and CONNECTED and pairs them', () => {
    const connect = only(stomp, sent(CONNECT));
    expect(connect.summary).toBe('CONNECT localhost');
    expect(connect.body).toEqual({
      command: 'CONNECT',
      headers: { 'accept-version': '1.2,1.1,1.0', 'heart-beat': '10000,10000', host: 'localhost' },
      body: '',
    });
    expect(connect.pair).toEqual({ key: 'stomp:connect', role: 'request', name: 'CONNECT' });
    const connected = only(stomp, received(CONNECTED));
    expect(connected.summary).toBe('CONNECTED v1.2');
    expect(connected.pair).toEqual({ key: 'stomp:connect', role: 'response' });
  });

  it('reads SUBSCRIBE with its id, and MESSAGE with its destination, body and message id', () => {
    const subscribe = only(stomp, sent(SUBSCRIBE));
    expect(subscribe.summary).toBe('SUBSCRIBE /topic/x id=sub-0');
    expect(subscribe.fields).toEqual({ type: 'SUBSCRIBE', destination: '/topic/x', id: 'sub-0' });
    const message = only(stomp, received(MESSAGE));
    expect(message.summary).toBe('MESSAGE /topic/x');
    expect(message.fields).toEqual({ type: 'MESSAGE', destination: '/topic/x', id: 'T_sub-0@@session-Ab@@1' });
    expect(message.body).toMatchObject({ command: 'MESSAGE', body: 'hello world' });
    expect(message.pair).toBeUndefined();
  });

  it('pairs a frame asking for a receipt with its RECEIPT, and an ERROR answering a receipt', () => {
    const send = only(stomp, sent(SEND));
    expect(send.summary).toBe('SEND /queue/a');
    expect(send.pair).toEqual({ key: 'stomp:receipt:7', role: 'request', name: 'SEND /queue/a' });
    const receipt = only(stomp, received('RECEIPT\nreceipt-id:7\n\n\u0000'));
    expect(receipt.summary).toBe('RECEIPT 7');
    expect(receipt.fields).toEqual({ type: 'RECEIPT', id: '7' });
    expect(receipt.pair).toEqual({ key: 'stomp:receipt:7', role: 'response' });
    const error = only(
      stomp,
      received('ERROR\nreceipt-id:8\nmessage:access refused\ncontent-type:text/plain\n\nno access to /queue/b\u0000'),
    );
    expect(error.summary).toBe('ERROR access refused');
    expect(error.pair).toEqual({ key: 'stomp:receipt:8', role: 'response', error: true });
    expect(only(stomp, sent('DISCONNECT\nreceipt:77\n\n\u0000')).pair).toEqual({
      key: 'stomp:receipt:77',
      role: 'request',
      name: 'DISCONNECT',
    });
  });

  it('treats end-of-line frames as heart-beats', () => {
    for (const text of ['\n', '\r\n', '\n\n']) {
      expect(only(stomp, received(text))).toMatchObject({ summary: 'HEARTBEAT', heartbeat: true, fields: { type: 'HEARTBEAT' } });
    }
  });

  it('unescapes 1.2 header values, but not in CONNECT/CONNECTED', () => {
    const message = only(stomp, received('MESSAGE\ndestination:/topic/a\\cb\nnote:line\\nbreak\\\\end\\r\n\n\u0000'));
    expect(message.fields.destination).toBe('/topic/a:b');
    expect(message.body).toMatchObject({ headers: { note: 'line\nbreak\\end\r' } });
    expect(only(stomp, sent('CONNECT\nlogin:a\\cb\n\n\u0000')).body).toMatchObject({ headers: { login: 'a\\cb' } });
  });

  it('keeps the first of repeated headers, as the spec says', () => {
    expect(only(stomp, received('MESSAGE\ndestination:/first\ndestination:/second\n\n\u0000')).fields.destination).toBe('/first');
  });

  it('reads CRLF lines, a body holding NUL under content-length, and UTF-8 lengths', () => {
    expect(only(stomp, sent('SEND\r\ndestination:/queue/a\r\n\r\nhi\u0000')).body).toMatchObject({
      headers: { destination: '/queue/a' },
      body: 'hi',
    });
    expect(only(stomp, sent('SEND\ndestination:/q\ncontent-length:3\n\na\u0000b\u0000')).body).toMatchObject({ body: 'a\u0000b' });
    // "é" is 2 bytes and "😀" 4 in UTF-8: content-length counts bytes, not UTF-16 units.
    expect(only(stomp, sent('SEND\ndestination:/q\ncontent-length:6\n\né😀\u0000')).body).toMatchObject({ body: 'é😀' });
  });

  it('reads several frames in one WebSocket message, with EOLs between them', () => {
    expect(summaries(stomp, received(`${MESSAGE}\n${MESSAGE}`))).toEqual(['MESSAGE /topic/x', 'MESSAGE /topic/x']);
  });

  it('names UNSUBSCRIBE, ACK and transactions by their ids', () => {
    expect(summaries(stomp, sent('UNSUBSCRIBE\nid:sub-0\n\n\u0000'))).toEqual(['UNSUBSCRIBE id=sub-0']);
    expect(summaries(stomp, sent('ACK\nid:m-12\n\n\u0000'))).toEqual(['ACK id=m-12']);
    expect(summaries(stomp, sent('BEGIN\ntransaction:tx1\n\n\u0000'))).toEqual(['BEGIN transaction=tx1']);
  });
});

describe('stomp: previews', () => {
  it('reads the command and headers of a long SEND, without its body', () => {
    const result = stomp.decode(preview('send', `SEND\ndestination:/queue/big\nreceipt:9\n\n${'b'.repeat(5000)}\u0000`), {});
    expect(result).toMatchObject({ ok: true, partial: true });
    if (!result.ok) return;
    expect(result.messages[0].summary).toBe('SEND /queue/big');
    expect(result.messages[0].body).toEqual({ command: 'SEND', headers: { destination: '/queue/big', receipt: '9' } });
    expect(result.messages[0].pair?.key).toBe('stomp:receipt:9');
  });

  it('says so when the preview ends inside the headers', () => {
    expect(errorOf(stomp, { dir: 'send', text: `SEND\ndestination:/${'q'.repeat(2000)}`.slice(0, 1024), complete: false })).toMatch(
      /preview ends in the headers/,
    );
  });
});

describe('stomp: malformed frames', () => {
  it.each([
    ['HELLO\n\n\u0000', /unknown STOMP command 'HELLO'/],
    ['send\ndestination:/q\n\n\u0000', /unknown STOMP command 'send'/],
    ['SEND\ndestination:/q\n\nno nul', /no NUL ends the frame/],
    ['SEND\ndestination:/q\nnocolon\n\n\u0000', /header line 'nocolon' has no name/],
    ['SEND\ndestination:/q', /headers do not end/],
    ['SEND', /command line does not end/],
    ['SEND\ncontent-length:10\n\nshort\u0000', /shorter than its content-length/],
    ['SEND\ncontent-length:2\n\nlonger\u0000', /no NUL after content-length/],
    ['', /an empty frame/],
  ])('rejects %j', (text, error) => {
    expect(errorOf(stomp, received(text))).toMatch(error);
  });

  it('names the frame that broke in a message with several', () => {
    expect(errorOf(stomp, received(`${MESSAGE}NOPE\n\n\u0000`))).toBe("frame 2: unknown STOMP command 'NOPE'");
  });

  it('reads a 100 MB frame from its start only, and caps 100,000 frames in one message', () => {
    const huge = sent(flat(`SEND\ndestination:/q\n\n${'x'.repeat(100_000_000)}\u0000`));
    const { value, ms } = timed(() => stomp.decode(huge, {}));
    expect(value).toMatchObject({ ok: true, partial: true });
    expect(value.ok && value.messages[0].summary).toBe('SEND /q');
    expect(ms).toBeLessThan(100);
    const many = messagesOf(stomp, received('RECEIPT\nreceipt-id:1\n\n\u0000'.repeat(100_000)));
    expect(many).toHaveLength(1001);
    expect(many[1000].summary).toBe('… 99000 more not decoded');
  });
});

describe('stomp: detection hints', () => {
  it('is chosen by the STOMP subprotocols and /stomp URLs', () => {
    expect(stomp.subprotocols).toEqual(expect.arrayContaining(['v10.stomp', 'v11.stomp', 'v12.stomp']));
    expect(stomp.url?.test('ws://localhost:15674/ws')).toBe(false);
    expect(stomp.url?.test('ws://localhost:8080/stomp')).toBe(true);
  });

  it('sniffs frames that start with a command line and hold a NUL', () => {
    for (const text of [CONNECT, CONNECTED, MESSAGE, SUBSCRIBE]) expect(stomp.sniff?.(received(text)), text).toBe(true);
    for (const text of ['SEND\nno nul', 'CONNECTED', 'Hello\n\u0000', '{"a":1}']) expect(stomp.sniff?.(received(text)), text).toBe(false);
  });
});
