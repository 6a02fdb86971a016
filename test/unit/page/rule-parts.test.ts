/** The pure parts of message rules: JSON paths, templates, event names, and when a waiting frame may go. */
import { describe, expect, it } from 'vitest';
import { closeWaits } from '../../../src/page/rules/engine';
import { eventNameOf } from '../../../src/page/rules/event-name';
import { newItem, readyAt } from '../../../src/page/rules/lane';
import { globalJsonOps as ops } from '../../../src/shared/json-ops';
import { deleteJsonPath, getJsonPath, jsonEquals, jsonText, parseJsonPath, setJsonPath } from '../../../src/shared/json-path';
import { fillTemplate, parseTemplate } from '../../../src/shared/rule-template';

describe('JSON paths', () => {
  it('parse dotted names and [n] indexes, and say what is wrong with the rest', () => {
    expect(parseJsonPath('data.items[0].id')).toEqual(['data', 'items', 0, 'id']);
    expect(parseJsonPath('[2][10]')).toEqual([2, 10]);
    expect(parseJsonPath('')).toEqual([]);
    for (const bad of ['a..b', 'a.', '.a', 'a[x]', 'a[1', 'a]', 'a[1]b']) expect(typeof parseJsonPath(bad)).toBe('string');
  });

  it('read own fields only: a frame’s __proto__ or a prototype’s field is not a match', () => {
    const doc = JSON.parse('{"a":{"b":[1,{"c":null}]},"__proto__":{"x":1}}');
    expect(getJsonPath(ops, doc, ['a', 'b', 1, 'c'])).toEqual({ found: true, value: null });
    expect(getJsonPath(ops, doc, ['a', 'b', 2]).found).toBe(false);
    expect(getJsonPath(ops, doc, ['a', 'toString']).found).toBe(false);
    expect(getJsonPath(ops, doc, ['a', 0]).found).toBe(false); // an index into an object
    expect(getJsonPath(ops, doc, ['__proto__', 'x'])).toEqual({ found: true, value: 1 });
  });

  it('set and delete, and refuse what has no place in the document', () => {
    const doc = JSON.parse('{"a":{"list":[1,2,3]}}');
    expect(setJsonPath(ops, doc, ['a', 'new'], 'v')).toEqual({ root: doc });
    expect(setJsonPath(ops, doc, ['a', 'list', 3], 4)).toEqual({ root: doc });
    expect(setJsonPath(ops, doc, ['a', 'list', 9], 4)).toMatch(/past the array/);
    expect(setJsonPath(ops, doc, ['missing', 'x'], 1)).toMatch(/parent/);
    expect(deleteJsonPath(ops, doc, ['a', 'list', 0])).toBeNull();
    expect(deleteJsonPath(ops, doc, ['a', 'gone'])).toMatch(/not in the message/);
    expect(jsonText(ops, doc)).toBe('{"a":{"list":[2,3,4],"new":"v"}}');
  });

  it('write JSON without a toJSON the page may have put on Object.prototype', () => {
    const proto = Object.prototype as { toJSON?: () => string };
    proto.toJSON = () => 'hijacked';
    try {
      expect(jsonText(ops, JSON.parse('{"a":[1,"x",true,null]}'))).toBe('{"a":[1,"x",true,null]}');
    } finally {
      delete proto.toJSON;
    }
  });

  it('compare by value, whatever the key order', () => {
    expect(jsonEquals(ops, JSON.parse('{"a":1,"b":[1,2]}'), JSON.parse('{"b":[1,2],"a":1}'))).toBe(true);
    expect(jsonEquals(ops, JSON.parse('[1,2]'), JSON.parse('[2,1]'))).toBe(false);
    expect(jsonEquals(ops, JSON.parse('{"a":1}'), JSON.parse('{"a":1,"b":2}'))).toBe(false);
    expect(jsonEquals(ops, '1', 1)).toBe(false);
  });
});

describe('mock templates', () => {
  it('copy fields of the request as JSON, and the whole request with {{}}', () => {
    const parts = parseTemplate('{"id":{{ id }},"first":{{items[0]}},"raw":"{{}}"}');
    expect(typeof parts).not.toBe('string');
    expect(fillTemplate(ops, parts as never, '{"id":"x1","items":[{"n":1}]}')).toEqual({
      text: '{"id":"x1","first":{"n":1},"raw":"{"id":"x1","items":[{"n":1}]}"}',
    });
  });

  it('say why a template does not parse, or cannot be filled from this request', () => {
    expect(parseTemplate('{{id')).toMatch(/never closed/);
    expect(parseTemplate('{{a..b}}')).toMatch(/a\.\.b/);
    const parts = parseTemplate('{{id}}') as never;
    expect(fillTemplate(ops, parts, '{"other":1}')).toMatch(/no such field/);
    expect(fillTemplate(ops, parts, 'not json')).toMatch(/not JSON/);
    expect(fillTemplate(ops, parseTemplate('plain {{}}') as never, 'not json')).toEqual({ text: 'plain not json' });
  });
});

describe('event names', () => {
  const name = (text: string) =>
    eventNameOf(ops, text, () => {
      try {
        return { value: JSON.parse(text) };
      } catch {
        return null;
      }
    });
  it('read Socket.IO events with a namespace, an ack id or binary attachments, else the JSON event or type', () => {
    expect(name('42["chat message",{"a":1}]')).toBe('chat message');
    expect(name('42/admin,["kick"]')).toBe('kick');
    expect(name('4217["ack me"]')).toBe('ack me');
    expect(name('451-["upload",{"_placeholder":true,"num":0}]')).toBe('upload');
    expect(name('42["with \\"quote\\""]')).toBe('with "quote"');
    expect(name('{"event":"join","type":"ignored"}')).toBe('join');
    expect(name('{"type":"ping"}')).toBe('ping');
    expect(name('2')).toBeNull();
    expect(name('[1,2]')).toBeNull();
    expect(name('{"event":5}')).toBeNull();
  });
});

describe('when a waiting frame may go', () => {
  const go = () => undefined;
  it('after its wait; a throttled one not before its slot; a held one never until answered', () => {
    expect(readyAt(newItem(100, 50, 0, false, 1, go), 0)).toBe(150);
    expect(readyAt(newItem(100, 0, 250, false, 1, go), 90)).toBe(340);
    expect(readyAt(newItem(100, 0, 250, false, 1, go), Number.NEGATIVE_INFINITY)).toBe(100);
    expect(readyAt(newItem(100, 500, 250, false, 1, go), 90)).toBe(600);
    expect(readyAt(newItem(100, 0, 0, true, 1, go), 0)).toBe(Number.POSITIVE_INFINITY);
  });

  it('a page’s close() waits behind sends only when the native close surely would not throw', () => {
    expect(closeWaits([])).toBe(true);
    expect(closeWaits([1000])).toBe(true);
    expect(closeWaits([4999, 'bye'])).toBe(true);
    expect(closeWaits([undefined, 'reason'])).toBe(true);
    expect(closeWaits([1001])).toBe(false);
    expect(closeWaits([3000.5])).toBe(false);
    expect(closeWaits(['1000'])).toBe(false);
    expect(closeWaits([1000, 'x'.repeat(42)])).toBe(false);
    expect(closeWaits([1000, { toString: () => 'r' }])).toBe(false);
  });
});
