// The flood page drives the echo endpoint from Chromium.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DemoHarness, startHarness, text } from './browser.ts';

describe('demo flood page in Chromium', { timeout: 60_000 }, () => {
  let harness: DemoHarness;

  beforeAll(async () => {
    harness = await startHarness({ rateLimit: false });
  }, 60_000);

  afterAll(async () => {
    await harness?.close();
  });

  const run = async (query: string) => {
    const page = await harness.open(`/flood.html?${query}`);
    await page.waitForFunction(() => window.__flood?.done === true, { polling: 50, timeout: 20_000 });
    const progress = await page.evaluate(() => window.__flood);
    const dom = { done: await text(page, '#flood-done'), received: await text(page, '#flood-received') };
    await page.close();
    if (!progress) throw new Error('window.__flood missing');
    return { progress, dom };
  };

  it('sends binary messages as fast as possible over several sockets and counts the echoes', async () => {
    const { progress, dom } = await run('count=600&size=512&kind=binary&sockets=3&rate=0');
    expect(progress).toMatchObject({
      state: 'done',
      sent: 600,
      received: 600,
      bytesSent: 600 * 512,
      bytesReceived: 600 * 512,
      errors: 0,
      config: { kind: 'binary', sockets: 3, count: 600, size: 512, target: harness.server.echoUrl },
    });
    expect(dom).toEqual({ done: 'true', received: '600' });
  });

  it('paces text messages at the requested rate', async () => {
    const { progress } = await run('count=30&size=100&kind=text&rate=100');
    expect(progress).toMatchObject({ state: 'done', sent: 30, received: 30, bytesReceived: 3000 });
    const elapsed = (progress.finishedAt ?? 0) - (progress.startedAt ?? 0);
    expect(elapsed).toBeGreaterThanOrEqual(250); // 30 messages at 100/s: about 290 ms
    expect(elapsed).toBeLessThan(5000);
  });

  it('accepts another target and reports a connection failure', async () => {
    const target = encodeURIComponent(`${harness.server.httpUrl.replace('http', 'ws')}/echo-deflate`);
    const ok = await run(`count=20&size=2048&target=${target}`);
    expect(ok.progress).toMatchObject({ state: 'done', received: 20 });
    const bad = await run(`count=5&target=${encodeURIComponent(`${harness.server.httpUrl.replace('http', 'ws')}/nope`)}`);
    expect(bad.progress).toMatchObject({ state: 'error', sent: 0, errors: 1 });
  });
});
