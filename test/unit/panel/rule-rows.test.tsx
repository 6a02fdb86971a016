/**
 * Rows that message rules touched, as the timeline and the details show them: the effect cell, held frames
 * with their direction, rule errors as errors, and the Rule effect section of a rewritten message.
 */
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import { Timeline } from '../../../src/panel/components/Timeline';
import { DetailPane } from '../../../src/panel/detail/DetailPane';
import { messageRules } from '../../../src/panel/message-rules/state';
import { DEFAULT_FILTER } from '../../../src/panel/state/filter';
import { capture, filter, selectedRow } from '../../../src/panel/state/store';
import { dropHello } from '../message-rules/fixtures';
import { byRole, mount } from './dom';
import { captureOf, create, open, received, sent, T0 } from './fixtures';

let view: ReturnType<typeof mount> | null = null;
afterEach(() => {
  view?.unmount();
  view = null;
  selectedRow.value = null;
  messageRules.value = [];
});

const ruled = () =>
  captureOf([
    create(1, T0),
    open(1, T0 + 1),
    { ...sent(1, T0 + 2, 'hello'), fx: { rule: 1, kind: 'dropped' } },
    { ...sent(1, T0 + 3, 'ping'), fx: { rule: 2, kind: 'delayed', ms: 300 } },
    { ...received(1, T0 + 4, '{"n":2}'), fx: { rule: 1, kind: 'rewritten', original: '{"n":1}' } },
    { k: 'held', conn: 1, t: T0 + 5, dir: 'recv', binary: false, size: 2, preview: 'hi', complete: true, hold: 1, ruleId: 1 },
    { ...received(1, T0 + 6, 'hi'), fx: { rule: 1, kind: 'held', hold: 1, outcome: 'forwarded', ms: 800 } },
    { ...sent(1, T0 + 7, 'again'), injected: true, from: { frame: 'page', seq: 3 } },
    { k: 'rule-error', conn: 0, t: T0 + 8, ruleId: 9, error: 'the template does not parse' },
  ]);

describe('rows touched by message rules', () => {
  it('the timeline marks each effect, shows held frames with their arrow and rule errors as errors', () => {
    filter.value = DEFAULT_FILTER;
    capture.value = ruled();
    view = mount(<Timeline />);
    const rows = [...byRole(view.root, 'listbox', 'Messages').querySelectorAll('[role=option]')].map((row) => ({
      kind: [...row.classList].find((c) => c.startsWith('kind-')),
      dir: row.querySelector('.c-dir')?.textContent,
      fx: row.querySelector('.c-fx')?.textContent ?? null,
      text: row.querySelector('.c-preview')?.textContent,
    }));
    expect(rows.slice(2)).toEqual([
      { kind: 'kind-send', dir: '↑', fx: 'dropped', text: 'hello' },
      { kind: 'kind-send', dir: '↑', fx: 'delayed 300 ms', text: 'ping' },
      { kind: 'kind-recv', dir: '↓', fx: 'rewritten', text: '{"n":2}' },
      { kind: 'kind-held', dir: '↓', fx: 'held', text: 'hi' },
      { kind: 'kind-recv', dir: '↓', fx: 'held → forwarded', text: 'hi' },
      { kind: 'kind-send', dir: '↑', fx: 'resent', text: 'injectedagain' },
      { kind: 'kind-rule-error', dir: '⚠', fx: 'rule error', text: 'the template does not parse' },
    ]);
  });

  it('the details of a rewritten message name the rule and show the original and the result', () => {
    capture.value = ruled();
    messageRules.value = [dropHello];
    view = mount(<DetailPane fetchPayload={async () => ({ text: '{"n":2}' })} />);
    act(() => {
      selectedRow.value = capture.value.rows.find((r) => r.k === 'msg' && r.fx?.kind === 'rewritten') ?? null;
    });
    const section = byRole(view.root, 'region', 'Rule effect');
    const facts = [...section.querySelectorAll('dt')].map((dt) => `${dt.textContent}: ${dt.nextElementSibling?.textContent}`);
    expect(facts).toEqual(['Effect: rewritten', 'Rule: rule 1: sent · contains "hello" → drop', 'Original: {"n":1}', 'Result: {"n":2}']);
  });

  it('the details of a rule error name a rule that left the list as such', () => {
    capture.value = ruled();
    view = mount(<DetailPane fetchPayload={async () => ({ missing: 'none' })} />);
    act(() => {
      selectedRow.value = capture.value.rows.find((r) => r.k === 'rule-error') ?? null;
    });
    const text = view.root.querySelector('.facts')?.textContent ?? '';
    expect(text).toContain('Rulea rule no longer in the list');
    expect(text).toContain('Errorthe template does not parse');
  });
});
