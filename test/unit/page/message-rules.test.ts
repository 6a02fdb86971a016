/** Message rules in the page hook: what the server gets, what the page's listeners get, and what is recorded, frame by frame. */
import { afterEach, describe, expect, it } from 'vitest';
import { LIMITS } from '../../../src/shared/limits';
import type { MessageRule, RuleAction, RuleMatch } from '../../../src/shared/message-rules';
import { socketWithRules } from './rules-harness';

let id = 0;
const rule = (action: RuleAction, match: RuleMatch = { m: 'any' }, dir: MessageRule['dir'] = 'send', url = ''): MessageRule => ({
  id: ++id,
  url,
  dir,
  match,
  action,
});

let harness: ReturnType<typeof socketWithRules>;
const setup = () => {
  id = 0;
  harness = socketWithRules();
  return harness;
};
afterEach(() => harness?.done());

const texts = (page: { type: string; data?: unknown; code?: number }[]) => page.map((e) => (e.type === 'message' ? e.data : `${e.type}`));

describe('message rules: no rule on', () => {
  it('leave sends and receives as they were: native path, no effect, nothing waits', () => {
    const s = setup();
    s.send('hello');
    s.fromServer('hi');
    expect(s.socket.toServer).toEqual(['hello']);
    expect(texts(s.page)).toEqual(['hi']);
    expect(s.messages()).toEqual([
      { data: 'hello', fx: undefined },
      { data: 'hi', fx: undefined },
    ]);
    expect(s.waiting()).toBe(0);
  });

  it('an empty list turns them off again', () => {
    const s = setup();
    s.rules([rule({ a: 'drop' })]);
    s.rules([]);
    s.send('kept');
    expect(s.socket.toServer).toEqual(['kept']);
  });
});

describe('message rules: delay and order', () => {
  it('a delayed send keeps every later send behind it, even those no rule touches', () => {
    const s = setup();
    s.rules([rule({ a: 'delay', ms: 100 }, { m: 'contains', text: 'slow' })]);
    s.send('slow 1');
    s.send('fast 2');
    s.send('fast 3');
    expect(s.socket.toServer).toEqual([]);
    s.later(99);
    expect(s.socket.toServer).toEqual([]);
    s.later(1);
    expect(s.socket.toServer).toEqual(['slow 1', 'fast 2', 'fast 3']);
    expect(s.messages('send')).toEqual([
      { data: 'slow 1', fx: { rule: 1, kind: 'delayed', ms: 100 } },
      { data: 'fast 2', fx: undefined },
      { data: 'fast 3', fx: undefined },
    ]);
    expect(s.waiting()).toBe(0);
  });

  it('a delayed receive reaches the page later, as a MessageEvent with the socket’s origin, in order, and is recorded then', () => {
    const s = setup();
    s.rules([rule({ a: 'delay', ms: 50 }, { m: 'regex', pattern: '^slow' }, 'recv')]);
    s.fromServer('slow a');
    s.fromServer('b');
    expect(s.page).toEqual([]);
    expect(s.messages()).toEqual([]); // recorded when the page gets it, not before
    s.later(50);
    expect(s.page).toEqual([
      { type: 'message', data: 'slow a', origin: 'wss://chat.test', isMessageEvent: true },
      { type: 'message', data: 'b', origin: 'wss://chat.test', isMessageEvent: true },
    ]);
    expect(s.messages('recv')).toEqual([
      { data: 'slow a', fx: { rule: 1, kind: 'delayed', ms: 50 } },
      { data: 'b', fx: undefined },
    ]);
  });

  it('a close that arrives while receives wait reaches the page after them, once', () => {
    const s = setup();
    s.rules([rule({ a: 'delay', ms: 30 }, { m: 'any' }, 'recv')]);
    s.fromServer('last words');
    s.serverCloses(1001);
    expect(texts(s.page)).toEqual([]);
    s.later(30);
    expect(texts(s.page)).toEqual(['last words', 'close']);
    expect(s.page[1].code).toBe(1001);
    expect(s.events().map((e) => e.k)).toEqual(['msg', 'close']);
  });

  it('the page’s close() waits behind its delayed sends (the native close would not throw)', () => {
    const s = setup();
    s.rules([rule({ a: 'delay', ms: 20 })]);
    s.send('before close');
    expect(s.close(1000, 'bye')).toBeUndefined();
    expect(s.socket.closedWith).toBeNull();
    s.later(20);
    expect(s.socket.toServer).toEqual(['before close']);
    expect(s.socket.closedWith).toEqual([1000, 'bye']);
    expect(s.events().map((e) => e.k)).toEqual(['msg', 'close-call']);
  });

  it('a send whose socket closed while it waited is recorded as discarded', () => {
    const s = setup();
    s.rules([rule({ a: 'delay', ms: 20 })]);
    s.send('too late');
    s.socket.readyState = 3;
    s.later(20);
    expect(s.socket.toServer).toEqual([]);
    expect(s.events()).toMatchObject([{ k: 'send-fail', data: 'too late', error: expect.stringContaining('discarded') }]);
  });

  it('throttle spaces matching frames to at most perSecond', () => {
    const s = setup();
    s.rules([rule({ a: 'throttle', perSecond: 10 })]);
    s.send('1');
    s.send('2');
    s.send('3');
    expect(s.socket.toServer).toEqual(['1']);
    s.later(99);
    expect(s.socket.toServer).toEqual(['1']);
    s.later(1);
    expect(s.socket.toServer).toEqual(['1', '2']);
    s.later(100);
    expect(s.socket.toServer).toEqual(['1', '2', '3']);
    expect(s.messages().map((m) => m.fx?.ms)).toEqual([undefined, 100, 200]);
  });

  it('latency combines with the first other matching rule: the frame is rewritten and waits', () => {
    const s = setup();
    s.rules([rule({ a: 'latency', ms: 40 }, { m: 'any' }, 'both'), rule({ a: 'replace', find: 'cat', by: 'dog' })]);
    s.send('my cat');
    s.later(40);
    expect(s.socket.toServer).toEqual(['my dog']);
    expect(s.messages()).toEqual([{ data: 'my dog', fx: { rule: 2, kind: 'rewritten', ms: 40, original: 'my cat' } }]);
  });

  it('a full line lets its oldest frame go early, says so, and loses nothing', () => {
    const s = setup();
    s.rules([rule({ a: 'hold' }, { m: 'contains', text: 'stop' })]);
    s.send('stop here');
    for (let i = 0; i < LIMITS.ruleQueue - 1; i++) s.send(`m${i}`);
    expect(s.socket.toServer).toEqual([]);
    expect(s.waiting()).toBe(LIMITS.ruleQueue);
    s.send('one too many');
    // The held frame went early, released as it was; nothing holds the others back any more.
    expect(s.events().filter((e) => e.k === 'rule-error')).toMatchObject([{ rule: 1, error: expect.stringContaining('went early') }]);
    expect(s.messages()[0].fx).toMatchObject({ kind: 'held', outcome: 'released' });
    expect(s.socket.toServer).toHaveLength(LIMITS.ruleQueue + 1);
    expect(s.socket.toServer.at(-1)).toBe('one too many');
    expect(s.waiting()).toBe(0);
  });
});

describe('message rules: drop, rewrite, mock', () => {
  it('a dropped send never reaches the server and a dropped receive never reaches the page; both are recorded', () => {
    const s = setup();
    s.rules([rule({ a: 'drop' }, { m: 'event', name: 'typing' }, 'both')]);
    s.send('42["typing",{"who":"me"}]');
    s.send('42["chat","hi"]');
    s.fromServer('{"type":"typing"}');
    s.fromServer('{"type":"chat"}');
    expect(s.socket.toServer).toEqual(['42["chat","hi"]']);
    expect(texts(s.page)).toEqual(['{"type":"chat"}']);
    expect(s.messages().map((m) => m.fx?.kind)).toEqual(['dropped', undefined, 'dropped', undefined]);
  });

  it('rewrites: text, a regex with groups, a JSON path set and deleted', () => {
    const s = setup();
    s.rules([
      rule({ a: 'replace', find: '(\\w+)@example', by: '$1@test', regex: true }, { m: 'contains', text: '@' }),
      rule({ a: 'json-set', path: 'user.name', value: '"Eve"' }, { m: 'json-exists', path: 'user' }),
      rule({ a: 'json-delete', path: 'items[0]' }, { m: 'json-equals', path: 'kind', value: '"list"' }),
    ]);
    s.send('ann@example and bob@example');
    s.send('{"user":{"name":"Ann","id":1}}');
    s.send('{"kind":"list","items":[1,2,3]}');
    expect(s.socket.toServer).toEqual(['ann@test and bob@test', '{"user":{"name":"Eve","id":1}}', '{"kind":"list","items":[2,3]}']);
    expect(s.messages()[0].fx).toEqual({ rule: 1, kind: 'rewritten', ms: undefined, original: 'ann@example and bob@example' });
  });

  it('a mock answers the request with the template filled from it; the server never sees the request', () => {
    const s = setup();
    s.rules([rule({ a: 'mock', template: '{"re":{{id}},"ok":true,"echo":{{}}}', ms: 25 }, { m: 'json-exists', path: 'id' })]);
    s.send('{"id":"r7","op":"get"}');
    expect(s.socket.toServer).toEqual([]);
    s.later(25);
    expect(texts(s.page)).toEqual(['{"re":"r7","ok":true,"echo":{"id":"r7","op":"get"}}']);
    expect(s.page[0]).toMatchObject({ origin: 'wss://chat.test', isMessageEvent: true });
    expect(s.messages()).toEqual([
      { data: '{"id":"r7","op":"get"}', fx: { rule: 1, kind: 'mocked', ms: undefined, original: undefined } },
      { data: '{"re":"r7","ok":true,"echo":{"id":"r7","op":"get"}}', fx: { rule: 1, kind: 'mock-reply', ms: 25, original: undefined } },
    ]);
  });

  it('text conditions never match binary frames', () => {
    const s = setup();
    s.rules([rule({ a: 'drop' }, { m: 'regex', pattern: '.*' }, 'both')]);
    const bytes = new Uint8Array([1, 2, 3]);
    s.send(bytes);
    expect(s.socket.toServer).toEqual([bytes]);
  });

  it('a delayed binary send goes as it was when sent, whatever the page does to its buffer meanwhile', () => {
    const s = setup();
    s.rules([rule({ a: 'delay', ms: 10 })]);
    const bytes = new Uint8Array([1, 2, 3]);
    s.send(bytes);
    bytes[0] = 9;
    s.later(10);
    expect(new Uint8Array(s.socket.toServer[0] as ArrayBuffer)).toEqual(new Uint8Array([1, 2, 3]));
  });
});

describe('message rules: holds', () => {
  it('a held send waits with every later one; edited, it goes first with the edit, in order', () => {
    const s = setup();
    s.rules([rule({ a: 'hold' }, { m: 'contains', text: 'pay' })]);
    s.send('pay 10');
    s.send('after');
    const held = s.events().find((e) => e.k === 'held');
    expect(held).toMatchObject({ k: 'held', id: 1, dir: 'send', data: 'pay 10', hold: 1, rule: 1 });
    s.later(5000);
    expect(s.socket.toServer).toEqual([]);
    s.command({ c: 'hold', id: 1, hold: 1, decision: 'edited', data: 'pay 99' });
    expect(s.socket.toServer).toEqual(['pay 99', 'after']);
    expect(s.messages()[0]).toEqual({
      data: 'pay 99',
      fx: { rule: 1, kind: 'held', ms: 5000, original: 'pay 10', hold: 1, outcome: 'edited' },
    });
  });

  it('a held receive dropped by the user never reaches the page; the next one does', () => {
    const s = setup();
    s.rules([rule({ a: 'hold' }, { m: 'any' }, 'recv')]);
    s.fromServer('one');
    s.command({ c: 'hold', id: 1, hold: 1, decision: 'drop' });
    expect(texts(s.page)).toEqual([]);
    s.fromServer('two');
    s.command({ c: 'hold', id: 1, hold: 2, decision: 'forward' });
    expect(texts(s.page)).toEqual(['two']);
    expect(s.messages().map((m) => m.fx?.outcome)).toEqual(['dropped', 'forwarded']);
  });

  it('release-holds lets every held frame go as it was; an answer to a hold that is gone is reported', () => {
    const s = setup();
    s.rules([rule({ a: 'hold' })]);
    s.send('a');
    s.send('b');
    s.command({ c: 'release-holds' });
    expect(s.socket.toServer).toEqual(['a', 'b']);
    expect(s.messages().map((m) => m.fx?.outcome)).toEqual(['released', 'released']);
    s.command({ c: 'hold', id: 1, hold: 1, decision: 'forward' });
    expect(s.events().at(-1)).toMatchObject({ k: 'rule-error', error: 'hold 1 is no longer waiting' });
  });
});

describe('message rules: failures never lose a frame', () => {
  it('a rule that does not compile is reported and left out; the others act', () => {
    const s = setup();
    s.rules([rule({ a: 'drop' }, { m: 'regex', pattern: '([' }), rule({ a: 'replace', find: 'a', by: 'b' })]);
    s.send('a');
    expect(s.socket.toServer).toEqual(['b']);
    expect(s.events()[0]).toMatchObject({ k: 'rule-error', rule: 1, error: expect.stringContaining('not applied') });
    expect(s.events()[0]).not.toHaveProperty('id');
  });

  it.each([
    ['a JSON path on a message that is not JSON', { a: 'json-set', path: 'x', value: '1' } as RuleAction, 'not JSON'],
    ['a rewrite that breaks the JSON', { a: 'replace', find: '}', by: '' } as RuleAction, 'invalid'],
    ['a template naming a field the request lacks', { a: 'mock', template: '{{missing}}' } as RuleAction, 'no such field'],
  ])('%s: the frame goes on unchanged and the rule reports it, once', (_, action, error) => {
    const s = setup();
    s.rules([rule(action)]);
    const frame = action.a === 'json-set' ? 'plain text' : '{"a":1}';
    s.send(frame);
    s.send(frame);
    expect(s.socket.toServer).toEqual([frame, frame]);
    const errors = s.events().filter((e) => e.k === 'rule-error');
    expect(errors).toEqual([{ k: 'rule-error', id: 1, t: expect.any(Number), rule: 1, error: expect.stringContaining(error) }]);
  });

  it('a URL pattern limits the rule to its sockets', () => {
    const s = setup();
    s.rules([
      rule({ a: 'drop' }, { m: 'any' }, 'send', 'other.test'),
      rule({ a: 'replace', find: 'x', by: 'y' }, { m: 'any' }, 'send', '/chat\\.test/'),
    ]);
    s.send('x');
    expect(s.socket.toServer).toEqual(['y']);
  });
});
