import { describe, expect, it } from 'vitest';
import { countLongMessages } from '../../../src/panel/search/long-messages';
import { ingestEvents } from '../../../src/panel/state/ingest';
import { doc, noCounters, numbered, sent, T0 } from '../panel/fixtures';
import { bigJson, capture, long } from './fixtures';

describe('countLongMessages', () => {
  it('counts messages longer than their preview, and keeps counting as rows arrive', () => {
    expect(countLongMessages(capture)).toBe(2);
    ingestEvents(capture, doc('page'), numbered([long(1, bigJson('x')), sent(1, T0, 'short')], 7), noCounters());
    expect(countLongMessages(capture)).toBe(3);
  });
});
