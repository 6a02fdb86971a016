// Two Chromium pages chat in a room through the demo server.
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { click, type DemoHarness, fill, items, startHarness, text, waitForText } from './browser.ts';

describe('demo chat in Chromium', { timeout: 60_000 }, () => {
  let harness: DemoHarness;
  let alice: Page;
  let bob: Page;

  const joinRoom = async (page: Page, room: string) => {
    await fill(page, 'Room name', room);
    await click(page, 'Join room');
    await waitForText(page, '#active-room', room, true);
  };
  const say = async (page: Page, message: string) => {
    await fill(page, 'Message', message);
    await click(page, 'Send');
  };

  beforeAll(async () => {
    harness = await startHarness({ historySize: 20, rateLimit: { max: 10, windowMs: 1000 } });
    alice = await harness.open('/?name=alice&backoff=200&timeout=400');
    bob = await harness.open('/?name=bob&backoff=200&timeout=400');
    await waitForText(alice, '#conn-state', 'open', true);
    await waitForText(bob, '#conn-state', 'open', true);
  }, 60_000);

  afterAll(async () => {
    await harness?.close();
  });

  it('derives the server URL from the page location', async () => {
    expect(await text(alice, '#ws-url')).toBe(harness.server.url);
    expect(await text(alice, '#user-id')).toContain('alice');
  });

  it('chats in a room, with history for a late joiner and join notices', async () => {
    await joinRoom(alice, 'lobby');
    await say(alice, 'first message');
    await waitForText(alice, '#messages', 'alice: first message');
    expect(await text(alice, '#queue-size')).toBe('0');

    await joinRoom(bob, 'lobby');
    await waitForText(bob, '#messages', 'alice: first message');
    const history = await items(bob, '#messages li[data-history="true"]');
    expect(history.some((line) => line.includes('[lobby] alice: first message'))).toBe(true);
    await waitForText(alice, '#messages', 'bob joined lobby');

    await say(bob, 'hi alice');
    await waitForText(alice, '#messages', 'bob: hi alice');
    const live = await items(alice, '#messages li[data-kind="chat"][data-history="false"]');
    expect(live.some((line) => line.includes('bob: hi alice'))).toBe(true);
  });

  it('shows the typing indicator to the other member, and clears it on send', async () => {
    await fill(alice, 'Message', 'typing in progr');
    await waitForText(bob, '#typing', 'alice is typing');
    expect(await text(alice, '#typing')).toBe('');
    await click(alice, 'Send');
    await waitForText(bob, '#messages', 'alice: typing in progr');
    await waitForText(bob, '#typing', '', true);
  });

  it('lists rooms, broadcasts to everyone and relays binary frames', async () => {
    await click(bob, 'List rooms');
    await waitForText(bob, '#room-list', 'lobby (2)');

    await fill(bob, 'Message', 'hello everyone');
    await click(bob, 'Broadcast to everyone');
    await waitForText(alice, '#messages', 'bob (to everyone): hello everyone');

    await click(alice, 'Send binary sample');
    await waitForText(bob, '#messages', 'alice sent 16 bytes [00 11 22 33');
    await waitForText(alice, '#log', 'binary 16 bytes');
  });

  it('completes a request/response round trip and shows a request timeout', async () => {
    await click(alice, 'Get user data');
    await alice.waitForSelector('#request-status[data-state="ok"]', { timeout: 5000 });
    const result = JSON.parse(await text(alice, '#request-result')) as { name: string; rooms: string[] };
    expect(result).toMatchObject({ name: 'alice', rooms: ['lobby'] });

    const started = Date.now();
    await click(alice, 'Send unanswered request');
    await alice.waitForSelector('#request-status[data-state="error"]', { timeout: 5000 });
    expect(Date.now() - started).toBeGreaterThanOrEqual(350);
    expect(await text(alice, '#request-status')).toContain('Request timeout');
    expect(await text(alice, '#pending-requests')).toBe('0');
  });

  it('shows the server rate-limit error when a client floods', async () => {
    await new Promise((resolve) => setTimeout(resolve, 1100)); // let the 1 s window empty
    await click(alice, 'Send 20 messages at once');
    await waitForText(alice, '#last-error', 'Rate limit exceeded', true);
    await waitForText(bob, '#messages', 'alice: burst 1/20');
    await new Promise((resolve) => setTimeout(resolve, 300));
    const bursts = (await items(bob, '#messages li[data-kind="chat"]')).filter((line) => line.includes('burst'));
    expect(bursts.length).toBeGreaterThan(0);
    expect(bursts.length).toBeLessThanOrEqual(10);
    const errors = await items(alice, '#errors li');
    expect(errors.filter((line) => line.includes('Rate limit exceeded')).length).toBe(20 - bursts.length);
  });

  it('shows the connection statistics and the event log', async () => {
    const stat = async (field: string) => Number(await text(alice, `#stat-${field}`));
    expect(await stat('messagesSent')).toBeGreaterThanOrEqual(25);
    expect(await stat('messagesReceived')).toBeGreaterThan(10);
    expect(await stat('bytesSent')).toBeGreaterThan(500);
    expect(await stat('bytesReceived')).toBeGreaterThan(500);
    expect(await stat('avgBytesPerMessage')).toBeGreaterThan(10);
    expect(await stat('uptime')).toBeGreaterThan(0);
    expect(await text(alice, '#stat-connectionTime')).toMatch(/^\d\d:\d\d:\d\d\.\d{3} \(\d+\)$/);
    const log = await items(alice, '#log li');
    expect(log.some((line) => line.includes('← {"type":"welcome"'))).toBe(true);
    expect(harness.pageErrors).toEqual([]);
  });

  it('renders received text as text, never as HTML', async () => {
    await say(bob, '<img src=x onerror="window.__pwned=1"><b>bold</b>');
    await waitForText(alice, '#messages', 'bob: <img src=x onerror="window.__pwned=1"><b>bold</b>');
    expect(await alice.$('#messages img')).toBeNull();
    expect(await alice.$('#messages b')).toBeNull();
    expect(await alice.evaluate(() => 'pwned' in window || '__pwned' in window)).toBe(false);
  });
});
