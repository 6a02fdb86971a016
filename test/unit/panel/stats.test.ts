import { describe, expect, it } from 'vitest';
import { computeStats } from '../../../src/panel/stats/compute';
import { captureOf, close, create, open, received, sent, T0, traffic } from './fixtures';

const s = (seconds: number) => T0 + seconds * 1000;

/** Two sockets: #1 chats for three seconds and closes; #2 opens later and stays open. */
const twoSockets = () =>
  captureOf([
    create(1, s(0)),
    open(1, s(0.5)),
    sent(1, s(1), 'hello'), // 5 bytes
    received(1, s(1.2), 'hi there'), // 8 bytes
    received(1, s(1.7), 'again'), // 5 bytes
    sent(1, s(3), 'bye'), // 3 bytes
    close(1, s(4)),
    create(2, s(2)),
    open(2, s(2.25)),
    traffic(2, s(10), 'recv', 1000),
    traffic(2, s(11), 'recv', 3000),
    traffic(2, s(11.5), 'send', 100),
  ]);

describe('computeStats for one connection', () => {
  it('counts messages and bytes each way, with averages', () => {
    const stats = computeStats(twoSockets(), 'page:1', s(60));
    expect(stats).toMatchObject({
      connections: 1,
      messagesSent: 2,
      messagesReceived: 2,
      bytesSent: 8,
      bytesReceived: 13,
      averageBytesPerMessage: { sent: 4, received: 6.5, total: 21 / 4 },
    });
  });

  it('times the connection: opened, last message, uptime until close', () => {
    const stats = computeStats(twoSockets(), 'page:1', s(60));
    expect(stats).toMatchObject({ connectedAt: s(0.5), lastMessageAt: s(3), uptimeMs: 3500 });
  });

  it('counts uptime until now while the connection is open', () => {
    expect(computeStats(twoSockets(), 'page:2', s(20))?.uptimeMs).toBe(17_750);
  });

  it('finds the busiest second as the peak', () => {
    const stats = computeStats(twoSockets(), 'page:1', s(60));
    expect(stats?.peakMessagesPerSecond).toEqual({ sent: 1, received: 2, total: 3 });
    expect(stats?.peakBytesPerSecond).toEqual({ sent: 5, received: 13, total: 18 });
  });

  it('averages the current rate over the last five complete seconds', () => {
    // At 12.4 s the window is seconds 7..11: 2 received (4000 bytes) and 1 sent (100 bytes).
    const stats = computeStats(twoSockets(), 'page:2', s(12.4));
    expect(stats?.currentMessagesPerSecond.sent).toBe(0.2);
    expect(stats?.currentMessagesPerSecond.received).toBe(0.4);
    expect(stats?.currentMessagesPerSecond.total).toBeCloseTo(0.6);
    expect(stats?.currentBytesPerSecond).toEqual({ sent: 20, received: 800, total: 820 });
    // The second in progress is left out: at 11.9 s, second 11 is not complete yet.
    expect(computeStats(twoSockets(), 'page:2', s(11.9))?.currentMessagesPerSecond.total).toBe(0.2);
    expect(computeStats(twoSockets(), 'page:2', s(30))?.currentMessagesPerSecond.total).toBe(0);
  });

  it('has no uptime before the connection opens, and zero averages without messages', () => {
    const stats = computeStats(captureOf([create(1, s(0))]), 'page:1', s(5));
    expect(stats).toMatchObject({
      uptimeMs: undefined,
      connectedAt: undefined,
      averageBytesPerMessage: { sent: 0, received: 0, total: 0 },
    });
  });

  it('is null for a connection that is not in the capture', () => {
    expect(computeStats(twoSockets(), 'page:9', s(5))).toBeNull();
  });
});

describe('computeStats for all connections', () => {
  it('adds up the connections and spans from the first open to now while one is open', () => {
    const stats = computeStats(twoSockets(), 'all', s(20));
    expect(stats).toMatchObject({
      connections: 2,
      messagesSent: 3,
      messagesReceived: 4,
      bytesSent: 108,
      bytesReceived: 4013,
      connectedAt: s(0.5),
      lastMessageAt: s(11.5),
      uptimeMs: 19_500,
    });
    expect(stats?.peakBytesPerSecond).toEqual({ sent: 100, received: 3000, total: 3100 });
  });

  it('ends the span at the last close when every connection is closed', () => {
    const capture = captureOf([create(1, s(0)), open(1, s(1)), close(1, s(5)), create(2, s(2)), open(2, s(3)), close(2, s(9))]);
    expect(computeStats(capture, 'all', s(100))?.uptimeMs).toBe(8000);
  });

  it('is all zeros for an empty capture', () => {
    expect(computeStats(captureOf([]), 'all', s(1))).toMatchObject({ connections: 0, messagesSent: 0, uptimeMs: undefined });
  });
});
