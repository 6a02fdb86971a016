/** Readable message rules and rows for the message-rules tests. */
import type { StoredRule } from '../../../src/panel/message-rules/model';
import type { Row } from '../../../src/panel/state/model';
import type { RuleEffect } from '../../../src/shared/message-rules';

/** Drop every sent "hello". */
export const dropHello: StoredRule = {
  id: 1,
  on: true,
  url: '',
  dir: 'send',
  match: { m: 'contains', text: 'hello' },
  action: { a: 'drop' },
};
/** Delay chat messages from the server by half a second. */
export const delayChat: StoredRule = {
  id: 2,
  on: true,
  url: 'example.test/chat',
  dir: 'recv',
  match: { m: 'json-equals', path: 'type', value: '"chat"' },
  action: { a: 'delay', ms: 500 },
};
/** Answer getUserData requests with a made-up user, switched off. */
export const mockUser: StoredRule = {
  id: 3,
  on: false,
  url: '',
  dir: 'send',
  match: { m: 'event', name: 'getUserData' },
  action: { a: 'mock', template: '{"type":"response","requestId":{{requestId}},"user":"ada"}', ms: 20 },
};

let seq = 0;
const base = { frame: 'page', conn: 1, t: 1_700_000_000_000, binary: false, size: 5, complete: true } as const;

export const message = (dir: 'send' | 'recv', preview: string, fx?: RuleEffect): Row => ({
  ...base,
  seq: ++seq,
  k: 'msg',
  dir,
  preview,
  ...(fx ? { fx } : {}),
});
export const heldRow = (rule: number, hold: number): Row => ({
  ...base,
  seq: ++seq,
  k: 'held',
  dir: 'send',
  preview: 'hi',
  hold,
  ruleId: rule,
});
export const ruleErrorRow = (rule: number, error: string, conn = 0): Row => ({
  frame: 'page',
  seq: ++seq,
  k: 'rule-error',
  conn,
  t: base.t,
  ruleId: rule,
  error,
});
