// The demo client in Chromium survives a server restart: backoff, offline queue, max attempts.
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { click, type DemoHarness, fill, items, startHarness, text, waitForText } from './browser.ts';

const delaysOf = async (page: Page) =>
  (await text(page, '#delays'))
    .split(',')
    .map((d) => d.trim())
    .filter(Boolean)
    .map(Number);

describe('demo client reconnection in Chromium', { timeout: 60_000 }, () => {
  let harness: DemoHarness;
  let alice: Page;
  let bob: Page;

  beforeAll(async () => {
    harness = await startHarness({ historySize: 20 });
    alice = await harness.open('/?name=alice&backoff=200&maxRetries=8&room=ops');
    bob = await harness.open('/?name=bob&backoff=200&maxRetries=8&room=ops');
    for (const page of [alice, bob]) {
      await waitForText(page, '#conn-state', 'open', true);
      await waitForText(page, '#active-room', 'ops', true);
    }
  }, 60_000);

  afterAll(async () => {
    await harness?.close();
  });

  it('reconnects with exponential backoff after a restart and flushes its offline queue', async () => {
    const restarted = harness.server.restart(1000);
    await waitForText(alice, '#conn-state', 'reconnecting', true);

    await fill(alice, 'Message', 'written while offline 1');
    await click(alice, 'Send');
    await fill(alice, 'Message', 'written while offline 2');
    await click(alice, 'Send');
    expect(await text(alice, '#queue-size')).toBe('2');
    expect(await text(alice, '#conn-state')).toBe('reconnecting');

    await restarted;
    await waitForText(alice, '#conn-state', 'open', true);
    await waitForText(alice, '#queue-size', '0', true);
    expect(await text(alice, '#retry-count')).toBe('0');
    expect(Number(await text(alice, '#total-retries'))).toBeGreaterThanOrEqual(2);

    const delays = await delaysOf(alice);
    expect(delays.length).toBeGreaterThanOrEqual(2);
    expect(delays).toEqual(delays.map((_, i) => 200 * 2 ** i));
    expect(await alice.evaluate(() => window.__demo?.delays)).toEqual(delays);
    expect(await alice.evaluate(() => window.__demo?.joinedRooms)).toEqual(['ops']);

    // The room was rejoined before the flush: both pages see the queued messages, in order.
    for (const page of [alice, bob]) {
      await waitForText(page, '#conn-state', 'open', true);
      await waitForText(page, '#messages', 'alice: written while offline 2');
      const lines = (await items(page, '#messages li[data-kind="chat"]')).filter((l) => l.includes('offline'));
      expect(lines.map((l) => l.replace(/^\S+ /, ''))).toEqual([
        '[ops] alice: written while offline 1',
        '[ops] alice: written while offline 2',
      ]);
    }
    const log = await items(alice, '#log li');
    expect(log.some((l) => l.includes('close 1012 Service restart'))).toBe(true);
    expect(log.some((l) => l.includes('retry 1/8 in 200 ms'))).toBe(true);
    expect(log.some((l) => l.includes('reopened'))).toBe(true);
  });

  it('reconnects after an abrupt drop (1006)', async () => {
    const before = Number(await text(bob, '#total-retries'));
    harness.server.dropAll();
    await waitForText(bob, '#log', 'close 1006');
    await waitForText(bob, '#conn-state', 'open', true);
    expect(Number(await text(bob, '#total-retries'))).toBe(before + 1);
  });

  it('gives up after maxRetries (failed) and reconnects on demand', async () => {
    const carol = await harness.open('/?name=carol&backoff=100&maxRetries=2');
    await waitForText(carol, '#conn-state', 'open', true);
    const restarted = harness.server.restart(1500);
    await waitForText(carol, '#conn-state', 'failed', true);
    expect(await delaysOf(carol)).toEqual([100, 200]);
    await restarted;
    await click(carol, 'Connect');
    await waitForText(carol, '#conn-state', 'open', true);
    await carol.close();
  });

  it('stays closed after a normal closure (1000)', async () => {
    await waitForText(bob, '#conn-state', 'open', true);
    const before = await text(bob, '#total-retries');
    await click(bob, 'Disconnect');
    await waitForText(bob, '#conn-state', 'closed', true);
    await fill(bob, 'Message', 'kept for later');
    await click(bob, 'Send');
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await text(bob, '#conn-state')).toBe('closed');
    expect(await text(bob, '#total-retries')).toBe(before);
    expect(await text(bob, '#queue-size')).toBe('1');
    expect(harness.pageErrors).toEqual([]);
  });
});
