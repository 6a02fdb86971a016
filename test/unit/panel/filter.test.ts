import { describe, expect, it } from 'vitest';
import {
  applyFilter,
  compileFilter,
  DEFAULT_FILTER,
  type FilterSpec,
  hideConnection,
  onlyConnection,
} from '../../../src/panel/state/filter';
import { captureOf, close, create, doc, open, received, sent, T0 } from './fixtures';

const capture = captureOf([
  create(1, T0, 'wss://chat.test/'),
  open(1, T0),
  sent(1, T0, 'hello world'),
  received(1, T0, '{"type":"ping"}'),
  received(1, T0, 'Price: 42'),
  sent(1, T0, 'pong'),
  close(1, T0, 1001),
]);

/** What each visible row shows: a message's text, or its kind. */
function visible(patch: Partial<FilterSpec>): string[] | string {
  const compiled = compileFilter({ ...DEFAULT_FILTER, ...patch });
  if (!compiled.ok) return compiled.error;
  return [...applyFilter(capture.rows, compiled.test)].map((i) => {
    const row = capture.rows[i];
    return row.k === 'msg' ? (row.preview ?? '') : row.k;
  });
}

describe('compileFilter', () => {
  it('shows everything by default', () => {
    expect(visible({})).toHaveLength(7);
  });

  it('matches text case-insensitively in payloads, URLs and close details', () => {
    expect(visible({ text: 'WORLD' })).toEqual(['hello world']);
    expect(visible({ text: 'chat.test' })).toEqual(['create']);
    expect(visible({ text: '1001' })).toEqual(['close']);
  });

  it('matches regular expressions, and reports an invalid one', () => {
    expect(visible({ text: '^p', regex: true })).toEqual(['Price: 42', 'pong']);
    expect(visible({ text: '(', regex: true })).toMatch(/^Invalid regular expression: /);
  });

  it('inverts the text match (rows without text, such as "open", have nothing to match)', () => {
    expect(visible({ text: 'o', invert: true })).toEqual(['create', 'open', '{"type":"ping"}', 'Price: 42', 'close']);
  });

  it('keeps one direction, which hides lifecycle rows', () => {
    expect(visible({ direction: 'send' })).toEqual(['hello world', 'pong']);
    expect(visible({ direction: 'recv' })).toEqual(['{"type":"ping"}', 'Price: 42']);
  });

  it('keeps one connection', () => {
    expect(visible({ connection: 'page:1' })).toHaveLength(7);
    expect(visible({ connection: 'page:2' })).toEqual([]);
    const other = captureOf([create(5, T0)], doc('other'));
    const compiled = compileFilter({ ...DEFAULT_FILTER, connection: 'other:5' });
    expect(compiled.ok && applyFilter(other.rows, compiled.test).length).toBe(1);
  });

  it('hides heartbeats with the default patterns, and with edited ones', () => {
    expect(visible({ hideHeartbeats: true, messagesOnly: true })).toEqual(['hello world', 'Price: 42']);
    expect(visible({ hideHeartbeats: true, messagesOnly: true, heartbeatPatterns: ['^Price'] })).toEqual([
      'hello world',
      '{"type":"ping"}',
      'pong',
    ]);
    expect(visible({ hideHeartbeats: true, heartbeatPatterns: ['  ', ''] })).toHaveLength(7);
    expect(visible({ hideHeartbeats: true, heartbeatPatterns: ['[oops'] })).toMatch(/^Invalid heartbeat pattern: /);
  });

  it('keeps only messages', () => {
    expect(visible({ messagesOnly: true })).toEqual(['hello world', '{"type":"ping"}', 'Price: 42', 'pong']);
  });

  it('hides the connections it is told to, and only those', () => {
    const two = captureOf([create(1, T0), sent(1, T0, 'from one'), create(2, T0), sent(2, T0, 'from two')]);
    const shown = (spec: FilterSpec) => {
      const compiled = compileFilter(spec);
      if (!compiled.ok) throw new Error(compiled.error);
      return [...applyFilter(two.rows, compiled.test)].map((i) => {
        const row = two.rows[i];
        return row.k === 'msg' ? row.preview : row.k;
      });
    };
    expect(shown({ ...DEFAULT_FILTER, hiddenConnections: ['page:1'] })).toEqual(['create', 'from two']);
    expect(shown({ ...DEFAULT_FILTER, hiddenConnections: ['page:1', 'page:2'] })).toEqual([]);
    expect(shown({ ...DEFAULT_FILTER, hiddenConnections: ['elsewhere:1'] })).toHaveLength(4);
  });
});

describe('hideConnection and onlyConnection', () => {
  it('hides a connection once, and stops showing only it', () => {
    const hidden = hideConnection(DEFAULT_FILTER, 'page:1');
    expect(hidden.hiddenConnections).toEqual(['page:1']);
    expect(hideConnection(hidden, 'page:1')).toBe(hidden);
    expect(hideConnection({ ...DEFAULT_FILTER, connection: 'page:1' }, 'page:1').connection).toBe('all');
    expect(hideConnection({ ...DEFAULT_FILTER, connection: 'page:2' }, 'page:1').connection).toBe('page:2');
    expect(DEFAULT_FILTER.hiddenConnections).toEqual([]); // pure: the default is never changed
  });

  it('shows only a connection, unhiding it', () => {
    const spec = onlyConnection({ ...DEFAULT_FILTER, hiddenConnections: ['page:1', 'page:2'] }, 'page:1');
    expect(spec.connection).toBe('page:1');
    expect(spec.hiddenConnections).toEqual(['page:2']);
  });
});

describe('rows of message rules in the filter', () => {
  const ruled = captureOf([
    create(1, T0),
    { k: 'held', conn: 1, t: T0, dir: 'send', binary: false, size: 9, preview: 'secret=42', complete: true, hold: 1, ruleId: 7 },
    { ...sent(1, T0, 'secret=42'), fx: { rule: 7, kind: 'held', hold: 1, outcome: 'forwarded' } },
    { k: 'rule-error', conn: 0, t: T0, ruleId: 8, error: 'template does not parse' },
  ]);
  const shown = (patch: Partial<FilterSpec>) => {
    const compiled = compileFilter({ ...DEFAULT_FILTER, ...patch });
    return compiled.ok ? [...applyFilter(ruled.rows, compiled.test)].map((i) => ruled.rows[i].k) : compiled.error;
  };

  it('finds a held frame by its data and a rule error by its text; neither is a message', () => {
    expect(shown({ text: 'secret' })).toEqual(['held', 'msg']);
    expect(shown({ text: 'template' })).toEqual(['rule-error']);
    expect(shown({ messagesOnly: true })).toEqual(['msg']);
  });
});
