import { describe, expect, it } from 'vitest';
import { type HostAccessState, nextHostAccessState } from '../../../src/panel/state/host-access';

const stateAfter = (answers: boolean[]): HostAccessState => answers.reduce(nextHostAccessState, 'unknown');

describe('the host-access banner state', () => {
  it('is granted, or missing from the start, after the first answer', () => {
    expect(stateAfter([true])).toBe('granted');
    expect(stateAfter([false])).toBe('missing');
  });

  it('says access was withdrawn (not that nothing is captured) when it goes while the panel is open', () => {
    expect(stateAfter([true, false])).toBe('revoked');
    expect(stateAfter([true, false, false])).toBe('revoked');
  });

  it('asks for a reload once access comes back, and keeps asking until the reload', () => {
    expect(stateAfter([false, true])).toBe('reload');
    expect(stateAfter([true, false, true])).toBe('reload');
    expect(stateAfter([false, true, true])).toBe('reload');
  });

  it('is missing again when access goes before the reload: the content scripts never ran in this page', () => {
    expect(stateAfter([false, true, false])).toBe('missing');
  });
});
