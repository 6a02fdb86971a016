import { describe, expect, it } from 'vitest';
import { decodeFrame, detectProtocol } from '../../../src/panel/decode/detect';
import { textDecoders } from '../../../src/panel/decode/text-decoders';
import type { ConnectionHints, Frame } from '../../../src/panel/decode/types';
import { flat, received, sent, timed } from './decode-helpers';

const hints = (url: string, protocol = '', protocols: string[] = protocol ? [protocol] : []): ConnectionHints => ({
  url,
  protocol,
  protocols,
});
const PLAIN_URL = 'wss://example.com/ws';
const DEEP = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;

describe('detectProtocol: text protocols by subprotocol', () => {
  it.each([
    ['v12.stomp', 'stomp'],
    ['v10.stomp', 'stomp'],
    ['V11.STOMP', 'stomp'],
    ['graphql-transport-ws', 'graphql-transport-ws'],
    ['graphql-ws', 'graphql-ws-legacy'],
    ['wamp.2.json', 'wamp'],
    ['wamp.2.json.batched', 'wamp'],
  ])('%s → %s', (subprotocol, protocol) => {
    expect(detectProtocol(hints(PLAIN_URL, subprotocol), [])).toEqual({ protocol, by: 'subprotocol' });
  });

  it('uses the offered subprotocols when none was negotiated yet', () => {
    expect(detectProtocol(hints(PLAIN_URL, '', ['foo', 'graphql-transport-ws']), [])).toEqual({
      protocol: 'graphql-transport-ws',
      by: 'subprotocol',
    });
  });

  it('lets the subprotocol win over a URL that says something else', () => {
    expect(detectProtocol(hints('ws://localhost:8080/stomp/123/abcd/websocket', 'v12.stomp'), [])).toEqual({
      protocol: 'stomp',
      by: 'subprotocol',
    });
  });
});

describe('detectProtocol: text protocols by URL', () => {
  it.each([
    ['ws://localhost:3000/socket.io/?EIO=4&transport=websocket', 'socketio'],
    ['ws://localhost:3000/socket.io/?EIO=3&transport=websocket&sid=x', 'socketio'],
    ['ws://localhost:9999/echo/123/ab1cd2ef/websocket', 'sockjs'],
    // STOMP over SockJS: the SockJS framing is what the frames carry.
    ['ws://localhost:8080/stomp/842/k3j4h5g6/websocket', 'sockjs'],
    ['ws://localhost:15674/stomp', 'stomp'],
    ['wss://example.com/chathub?id=Q2xpZW50SWQ', 'signalr-json'],
    ['ws://localhost:4000/socket/websocket?vsn=2.0.0', 'phoenix'],
    ['ws://localhost:4000/live/websocket?_csrf_token=x&vsn=2.0.0', 'phoenix'],
  ])('%s → %s', (url, protocol) => {
    expect(detectProtocol(hints(url), [])).toEqual({ protocol, by: 'url' });
  });
});

describe('detectProtocol: text protocols by content', () => {
  const cases: [string, Frame[]][] = [
    ['socketio', [received('0{"sid":"abc","upgrades":[],"pingInterval":25000,"pingTimeout":20000}'), sent('40')]],
    ['sockjs', [received('o'), received('a["hello"]')]],
    ['stomp', [sent('CONNECT\naccept-version:1.2\nhost:localhost\n\n\u0000')]],
    ['signalr-json', [sent('{"protocol":"json","version":1}\u001e'), received('{}\u001e')]],
    ['graphql-transport-ws', [sent('{"type":"connection_init"}'), sent('{"id":"1","type":"subscribe","payload":{"query":"{ hello }"}}')]],
    [
      'graphql-ws-legacy',
      [sent('{"type":"connection_init","payload":{}}'), received('{"type":"connection_ack"}'), received('{"type":"ka"}')],
    ],
    ['jsonrpc', [sent('{"jsonrpc":"2.0","method":"getUser","params":{"id":1},"id":5}')]],
    ['phoenix', [sent('["3","3","room:lobby","phx_join",{}]')]],
    ['wamp', [sent('[1,"realm1",{"roles":{"caller":{}}}]')]],
    ['json', [received('{"type":"chat","requestId":"r1"}')]],
  ];
  it.each(cases)('%s', (protocol, frames) => {
    expect(detectProtocol(hints(PLAIN_URL), frames)).toEqual({ protocol, by: 'content' });
  });

  it('each text sniff recognises the frames of its own protocol only', () => {
    for (const decoder of textDecoders) {
      for (const [protocol, frames] of cases) {
        if (protocol === decoder.id) continue;
        for (const frame of frames) expect(decoder.sniff?.(frame) ?? false, `${decoder.id} sniffed ${protocol}: ${frame.text}`).toBe(false);
      }
    }
  });

  it('does not take generic JSON that only shares a field name for a protocol', () => {
    for (const text of [
      '{"type":"ping"}',
      '{"type":"subscribe","channel":"ticker"}',
      '{"topic":"a","event":"b"}',
      '[1,2,3]',
      '{"method":"x","id":1}',
    ]) {
      expect(detectProtocol(hints(PLAIN_URL), [received(text)]).protocol, text).toBe('json');
    }
  });

  it('falls back to raw on text no decoder recognises', () => {
    expect(detectProtocol(hints(PLAIN_URL), [received('hello world')])).toEqual({ protocol: 'raw', by: 'fallback' });
  });
});

describe('decodeFrame with the text decoders', () => {
  it('decodes through the registry by protocol id', () => {
    const result = decodeFrame('socketio', sent('420["chat","hi"]'));
    expect(result.ok && result.messages[0].summary).toBe('EVENT chat ack 0');
    expect(decodeFrame('stomp', received('ERROR\nmessage:bad\n\n\u0000'))).toMatchObject({ ok: true, protocol: 'stomp' });
  });

  it('never throws on hostile input, whatever the decoder', () => {
    const hostile = [
      '',
      '\u0000',
      '4',
      '45',
      'a[',
      '[48',
      '{"__proto__":{"polluted":true},"type":"__proto__"}',
      '["constructor","toString","x","y",{}]',
      `${'['.repeat(100_000)}`,
      '\u001e\u001e\u001e',
      'CONNECT\n',
      '{"jsonrpc":"2.0","id":{"toString":1},"method":"x"}',
      // Well-formed but 100,000 deep, where each protocol looks for a name, a type or arguments.
      DEEP,
      `42[${DEEP}]`,
      `a[${DEEP}]`,
      `{"type":${DEEP}}\u001e`,
      `{"type":"next","id":"1","payload":${DEEP}}`,
      `{"jsonrpc":"2.0","method":"m","id":${DEEP}}`,
      `["1","2","t","e",${DEEP}]`,
      `[${DEEP},1]`,
      `[50,7,{},${DEEP}]`,
      `[8,48,7,{},"wamp.error",${DEEP}]`,
    ];
    const ids = [
      'socketio',
      'sockjs',
      'stomp',
      'signalr-json',
      'graphql-transport-ws',
      'graphql-ws-legacy',
      'jsonrpc',
      'phoenix',
      'wamp',
    ] as const;
    for (const id of ids) {
      for (const text of hostile) {
        for (const complete of [true, false]) {
          const result = decodeFrame(id, { dir: 'recv', text, complete });
          expect(result.protocol).toBe(id);
          if (!result.ok) expect(result.error, `${id} ${JSON.stringify(text.slice(0, 20))}`).not.toMatch(/^decoder failed/);
        }
      }
      for (const bytes of [
        new Uint8Array(0),
        new Uint8Array([0]),
        new Uint8Array([1, 255, 255, 255, 255]),
        new Uint8Array(4096).fill(0xff),
      ]) {
        for (const complete of [true, false]) {
          const result = decodeFrame(id, { dir: 'send', bytes, complete });
          if (!result.ok) expect(result.error).not.toMatch(/^decoder failed/);
        }
      }
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    }
  });

  it('reads a 10 MB frame of each protocol from its start, as partial, in well under a frame budget', () => {
    const big = 'x'.repeat(10_000_000);
    const frames = {
      socketio: `42["bulk","${big}"]`,
      sockjs: `a["${big}"]`,
      stomp: `SEND\ndestination:/q\n\n${big}\u0000`,
      'signalr-json': `{"type":1,"target":"Bulk","arguments":["${big}"]}\u001e`,
      'graphql-transport-ws': `{"id":"1","type":"subscribe","payload":{"query":"query Bulk { a }","variables":{"v":"${big}"}}}`,
      'graphql-ws-legacy': `{"id":"1","type":"data","payload":{"data":{"v":"${big}"}}}`,
      jsonrpc: `{"jsonrpc":"2.0","method":"bulk","id":1,"params":["${big}"]}`,
      phoenix: `["1","2","room:bulk","bulk",{"v":"${big}"}]`,
      wamp: `[48,7,{},"com.bulk",["${big}"]]`,
    } as const;
    for (const [id, text] of Object.entries(frames)) {
      const frame = { dir: 'send' as const, text: flat(text), complete: true };
      const { value, ms } = timed(() => decodeFrame(id as keyof typeof frames, frame));
      expect(value, id).toMatchObject({ ok: true, partial: true });
      expect(ms, id).toBeLessThan(50);
    }
  });
});
