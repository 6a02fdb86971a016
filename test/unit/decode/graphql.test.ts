import { describe, expect, it } from 'vitest';
import { operationOf } from '../../../src/panel/decode/protocols/graphql-operation';
import { graphqlTransportWs } from '../../../src/panel/decode/protocols/graphql-transport-ws';
import { graphqlWsLegacy } from '../../../src/panel/decode/protocols/graphql-ws-legacy';
import { errorOf, only, preview, received, sent, timed } from './decode-helpers';

// graphql-ws 6 client ids are UUIDs; its frames carry no payload key when there is none.
const ID = '6d4f1c5e-8a43-4a3c-9f0e-6e1f0b2d7c11';

describe('operationOf', () => {
  it('reads the type and name of the first operation', () => {
    expect(operationOf('query Hello { hello }')).toEqual({ type: 'query', name: 'Hello' });
    expect(operationOf('subscription OnMessage($room: ID!) { message(room: $room) { text } }')).toEqual({
      type: 'subscription',
      name: 'OnMessage',
    });
    expect(operationOf('mutation{ add }')).toEqual({ type: 'mutation' });
    expect(operationOf('{ hello }')).toEqual({ type: 'query' });
  });

  it('skips comments, fragments and strings before the operation', () => {
    const document = `# a "comment" with { braces
      fragment F on User { name description(format: "}{") bio: field(x: """ { """) }
      query  Me { me { ...F } }`;
    expect(operationOf(document)).toEqual({ type: 'query', name: 'Me' });
  });

  it('picks the operation that operationName names', () => {
    const document = 'query A { a } mutation B($v: In = {x: {y: 1}}) { b } subscription C { c }';
    expect(operationOf(document, 'C')).toEqual({ type: 'subscription', name: 'C' });
    expect(operationOf(document, 'B')).toEqual({ type: 'mutation', name: 'B' });
    expect(operationOf(document, 'Missing')).toBeUndefined();
  });

  it('gives up on non-GraphQL text, and scans a huge document only so far', () => {
    expect(operationOf('SELECT * FROM users')).toBeUndefined();
    expect(operationOf('')).toBeUndefined();
    const { value, ms } = timed(() => operationOf(`fragment F on T { ${'{ a '.repeat(2_000_000)}`));
    expect(value).toBeUndefined();
    expect(ms).toBeLessThan(500);
  });
});

describe('graphql-transport-ws', () => {
  it('pairs connection_init with connection_ack', () => {
    expect(only(graphqlTransportWs, sent('{"type":"connection_init"}'))).toMatchObject({
      summary: 'connection_init',
      pair: { key: 'gql:init', role: 'request' },
    });
    expect(only(graphqlTransportWs, received('{"type":"connection_ack"}')).pair).toEqual({ key: 'gql:init', role: 'response' });
  });

  it('marks ping and pong as heartbeats', () => {
    expect(only(graphqlTransportWs, received('{"type":"ping"}'))).toMatchObject({ summary: 'ping', heartbeat: true });
    expect(only(graphqlTransportWs, sent('{"type":"pong"}'))).toMatchObject({ summary: 'pong', heartbeat: true });
  });

  it('follows one subscription: subscribe, next, next, complete', () => {
    const subscribe = only(
      graphqlTransportWs,
      sent(`{"id":"${ID}","type":"subscribe","payload":{"query":"subscription OnMessage { message { text } }","variables":{}}}`),
    );
    expect(subscribe.summary).toBe(`subscribe #${ID} subscription OnMessage`);
    expect(subscribe.fields).toEqual({ type: 'subscribe', id: ID, operation: 'OnMessage' });
    expect(subscribe.pair).toEqual({ key: `gql:${ID}`, role: 'request', name: 'OnMessage' });
    const next = only(graphqlTransportWs, received(`{"id":"${ID}","type":"next","payload":{"data":{"message":{"text":"hi"}}}}`));
    expect(next.summary).toBe(`next #${ID}`);
    expect(next.pair).toEqual({ key: `gql:${ID}`, role: 'next' });
    expect(next.body).toMatchObject({ payload: { data: { message: { text: 'hi' } } } });
    expect(only(graphqlTransportWs, received(`{"id":"${ID}","type":"complete"}`)).pair).toEqual({ key: `gql:${ID}`, role: 'end' });
    // The client stopping a running subscription ends it too.
    expect(only(graphqlTransportWs, sent(`{"id":"${ID}","type":"complete"}`)).pair).toEqual({ key: `gql:${ID}`, role: 'end' });
  });

  it('names an anonymous query by its type, and an error answer by its first message', () => {
    expect(only(graphqlTransportWs, sent('{"id":"1","type":"subscribe","payload":{"query":"{ hello }"}}'))).toMatchObject({
      summary: 'subscribe #1 query',
      fields: { operation: 'query' },
      pair: { name: 'query' },
    });
    const error = only(graphqlTransportWs, received('{"id":"1","type":"error","payload":[{"message":"Cannot query field \\"nope\\""}]}'));
    expect(error.summary).toBe('error #1 Cannot query field "nope"');
    expect(error.pair).toEqual({ key: 'gql:1', role: 'response', error: true });
  });

  it('uses operationName to choose among several operations', () => {
    const text = '{"id":"2","type":"subscribe","payload":{"query":"query A { a } mutation B { b }","operationName":"B"}}';
    expect(only(graphqlTransportWs, sent(text)).summary).toBe('subscribe #2 mutation B');
  });

  it('reads the id and operation from a preview of a long subscribe', () => {
    const text = `{"id":"3","type":"subscribe","payload":{"query":"query Big { a ${'b '.repeat(3000)}}"}}`;
    const result = graphqlTransportWs.decode(preview('send', text), {});
    expect(result).toMatchObject({ ok: true, partial: true });
    expect(result.ok && result.messages[0].summary).toBe('subscribe #3 query Big');
    expect(result.ok && result.messages[0].pair).toEqual({ key: 'gql:3', role: 'request', name: 'Big' });
  });

  it.each([
    ['{"type":"start","id":"1","payload":{"query":"{a}"}}', /unknown message type 'start'/],
    ['{"type":"subscribe","payload":{"query":"{a}"}}', /subscribe needs an id/],
    ['{"type":"subscribe","id":"1","payload":{}}', /subscribe needs payload.query/],
    ['{"id":"1"}', /string "type"/],
    ['["next"]', /string "type"/],
    ['{"type":"next","id":"1"', /invalid JSON/],
    ['{"type":"__proto__"}', /unknown message type '__proto__'/],
  ])('rejects %j', (text, error) => {
    expect(errorOf(graphqlTransportWs, received(text))).toMatch(error);
  });

  it('sniffs subscribe and next, not messages every protocol could send', () => {
    expect(graphqlTransportWs.subprotocols).toEqual(['graphql-transport-ws']);
    expect(graphqlTransportWs.sniff?.(sent('{"id":"1","type":"subscribe","payload":{"query":"{a}"}}'))).toBe(true);
    expect(graphqlTransportWs.sniff?.(received('{"id":"1","type":"next","payload":{"data":{}}}'))).toBe(true);
    expect(graphqlTransportWs.sniff?.(sent('{"type":"ping"}'))).toBe(false);
    expect(graphqlTransportWs.sniff?.(sent('{"type":"subscribe","channel":"ticker"}'))).toBe(false);
  });
});

describe('graphql-ws-legacy (subscriptions-transport-ws)', () => {
  it('follows start, data, complete; ka is a heartbeat; stop ends; connection_error answers init with an error', () => {
    expect(only(graphqlWsLegacy, sent('{"type":"connection_init","payload":{}}')).pair).toEqual({
      key: 'gql:init',
      role: 'request',
      name: 'connection_init',
    });
    expect(only(graphqlWsLegacy, received('{"type":"connection_error","payload":{"message":"bad token"}}'))).toMatchObject({
      summary: 'connection_error bad token',
      pair: { key: 'gql:init', role: 'response', error: true },
    });
    expect(only(graphqlWsLegacy, received('{"type":"ka"}'))).toMatchObject({ summary: 'ka', heartbeat: true });
    const start = only(
      graphqlWsLegacy,
      sent('{"id":"1","type":"start","payload":{"query":"subscription OnPost { post { id } }","variables":{},"operationName":"OnPost"}}'),
    );
    expect(start.summary).toBe('start #1 subscription OnPost');
    expect(start.pair).toEqual({ key: 'gql:1', role: 'request', name: 'OnPost' });
    expect(only(graphqlWsLegacy, received('{"id":"1","type":"data","payload":{"data":{"post":{"id":1}}}}'))).toMatchObject({
      summary: 'data #1',
      pair: { key: 'gql:1', role: 'next' },
    });
    expect(only(graphqlWsLegacy, received('{"id":"1","type":"error","payload":{"message":"boom"}}'))).toMatchObject({
      summary: 'error #1 boom',
      pair: { role: 'response', error: true },
    });
    expect(only(graphqlWsLegacy, sent('{"id":"1","type":"stop"}')).pair).toEqual({ key: 'gql:1', role: 'end' });
    expect(only(graphqlWsLegacy, received('{"id":"1","type":"complete"}')).pair).toEqual({ key: 'gql:1', role: 'end' });
    expect(only(graphqlWsLegacy, sent('{"type":"connection_terminate"}')).pair).toBeUndefined();
  });

  it('is chosen by the graphql-ws subprotocol and sniffs start, data and ka but not subscribe', () => {
    expect(graphqlWsLegacy.subprotocols).toEqual(['graphql-ws']);
    expect(graphqlWsLegacy.sniff?.(received('{"type":"ka"}'))).toBe(true);
    expect(graphqlWsLegacy.sniff?.(sent('{"id":"1","type":"start","payload":{"query":"{a}"}}'))).toBe(true);
    expect(graphqlWsLegacy.sniff?.(sent('{"id":"1","type":"subscribe","payload":{"query":"{a}"}}'))).toBe(false);
    expect(errorOf(graphqlWsLegacy, sent('{"id":"1","type":"subscribe","payload":{"query":"{a}"}}'))).toMatch(
      /unknown message type 'subscribe'/,
    );
  });
});
