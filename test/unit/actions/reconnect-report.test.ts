import { describe, expect, it } from 'vitest';
import { attemptLine, reconnectReport, recoveryLine, trafficLine } from '../../../src/panel/actions/reconnect-report';
import { script } from './fixtures';

const WS = 'wss://api.example/socket';
const DROP = 10_000;
const run = { dropAt: DROP, pattern: WS, droppedKey: 'doc1:1' };

/**
 * The page's socket #1 is dropped at 10.000 s (its close arrives 20 ms later). The page retries
 * with exponential backoff: 1 s, 2 s, 4 s. The rule refuses the first two; the third opens and
 * the page re-subscribes. An unrelated socket and an older one of the same URL stay out of it.
 */
function backoffStory() {
  return script()
    .create(1, 0, WS)
    .open(1, 100)
    .send(1, 200, '{"op":"joinRoom","room":"lobby"}')
    .create(9, 5_000, 'wss://other.example/feed')
    .drop(1, DROP)
    .close(1, 10_020, 1006, false)
    .create(2, 11_020, WS)
    .refused(2, 11_020)
    .create(3, 13_021, WS)
    .refused(3, 13_021)
    .create(10, 14_000, 'wss://other.example/feed')
    .create(4, 17_022, WS)
    .open(4, 17_200)
    .send(4, 17_210, '{"op":"auth","token":"…"}')
    .send(4, 17_220, '{"op":"joinRoom","room":"lobby"}')
    .send(4, 17_230, '{"op":"joinRoom","room":"general"}')
    .send(4, 17_240, '{"op":"ping"}')
    .recv(4, 17_300, 'a')
    .recv(4, 17_310, 'b')
    .recv(4, 17_320, 'c')
    .recv(4, 17_330, 'd')
    .recv(4, 17_340, 'e');
}

describe('reconnectReport', () => {
  it('lists the attempts after the drop with their backoff delays and outcomes', () => {
    const report = reconnectReport(backoffStory().build(), run);
    expect(report.attempts.map(attemptLine)).toEqual([
      'Attempt 1: after 1.00 s — refused (socket #3, close 1006)',
      'Attempt 2: after 2.00 s — refused (socket #4, close 1006)',
      'Attempt 3: after 4.00 s — opened (socket #6)',
    ]);
    expect(report.delays).toEqual([1000, 2000, 4000]);
  });

  it('measures recovery from the drop to the first successful open', () => {
    const report = reconnectReport(backoffStory().build(), run);
    expect(report.recoveredAfter).toBe(7200);
    expect(recoveryLine(report)).toBe('Recovered after 7.2 s (socket #6)');
  });

  it('shows whether traffic resumed, with the first messages sent (re-subscriptions)', () => {
    const report = reconnectReport(backoffStory().build(), run);
    expect(trafficLine(report)).toBe('Traffic resumed: 4 sent, 5 received');
    expect(report.recovered?.firstSent).toEqual([
      '{"op":"auth","token":"…"}',
      '{"op":"joinRoom","room":"lobby"}',
      '{"op":"joinRoom","room":"general"}',
    ]);
  });

  it('reports progress before recovery', () => {
    const story = script().create(1, 0, WS).open(1, 100).drop(1, DROP).close(1, 10_020, 1006, false);
    expect(recoveryLine(reconnectReport(story.build(), run))).toBe('No reconnection attempt yet');
    story.create(2, 11_020, WS).refused(2, 11_020).create(3, 13_021, WS);
    const report = reconnectReport(story.build(), run);
    expect(report.attempts.map((a) => a.outcome)).toEqual(['refused', 'connecting']);
    expect(recoveryLine(report)).toBe('Not recovered yet');
    expect(trafficLine(report)).toBeNull();
  });

  it('tells a failure the rule did not cause from a refusal', () => {
    const story = script().create(1, 0, WS).open(1, 100).drop(1, DROP).close(1, 10_000, 1006, false);
    story.create(2, 10_500, WS).fail(2, 10_600);
    expect(reconnectReport(story.build(), run).attempts[0]).toMatchObject({ outcome: 'failed', delay: 500, closeCode: 1006 });
  });

  it('matches the lineage with a /regex/ pattern and says when nothing was sent yet', () => {
    const story = script().create(1, 0, `${WS}?v=1`).open(1, 100).drop(1, DROP).close(1, DROP, 1006, false);
    story.create(2, 12_000, `${WS}?v=2`).open(2, 12_050);
    const report = reconnectReport(story.build(), { dropAt: DROP, pattern: '/socket\\?v=\\d$/', droppedKey: 'doc1:1' });
    expect(report.attempts.map(attemptLine)).toEqual(['Attempt 1: after 2.00 s — opened (socket #2)']);
    expect(trafficLine(report)).toBe('No traffic yet on the recovered socket');
  });
});
