/**
 * The protocol fixtures in plain Firefox ESR (no extension): every page completes its exchange with the same
 * record as in Chromium, and the servers received the same. Firefox has no CDP frame log, so the frames are
 * checked through what each side saw: for socket.io the ack and both attachments, for MQTT the PUBACK of the
 * page's PUBLISH (the page matches their packet ids) and the broker's record of the page's PUBACK.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXPECTED_RECORDS, fixturePages } from '../fixtures/protocols/records';
import { type FirefoxSession, launchFirefox } from '../support/firefox';
import { type ProtocolServers, startProtocolServers } from '../support/protocols';
import type { ProtocolFixture } from '../support/protocols/fixture';
import { runFixturePage } from '../support/protocols/run';

let servers: ProtocolServers;
let firefox: FirefoxSession;

beforeAll(async () => {
  servers = await startProtocolServers();
  firefox = await launchFirefox({ extension: false });
});

afterAll(async () => {
  await firefox?.close();
  await servers?.close();
});

/** Runs a page and returns its record, the text of its #status and what `fixture` received meanwhile. */
async function run<R>(fixture: ProtocolFixture<R>, page = fixture.page) {
  const before = fixture.received.length;
  const record = await runFixturePage(firefox.page, page);
  const status = await firefox.page.$eval('#status', (e) => e.textContent ?? '');
  return { record, status, received: fixture.received.slice(before) };
}

describe('protocol fixtures in Firefox (no extension)', () => {
  it('socket.io: the ack, the attachment both ways, the namespace ack, a ping, the server disconnect', async () => {
    const { record, status, received } = await run(servers.socketio);
    expect(status).toBe('done');
    expect(record).toEqual(EXPECTED_RECORDS.socketio);
    expect(received).toEqual([
      ['chat', { text: 'hello' }],
      ['upload', { name: 'blob.bin', bytes: [1, 2, 3, 4] }],
      ['/admin stats'],
      ['bye'],
    ]);
  });

  it('MQTT: the PUBACK for the PUBLISH, the message back, acked by the page, a ping', async () => {
    for (const fixture of [servers.mqtt, servers.mqttSplit]) {
      const { record, received } = await run(fixture);
      expect(record).toEqual(EXPECTED_RECORDS.mqtt);
      expect(received).toEqual(
        expect.arrayContaining([
          ['subscribe', 'sensors/t1', 1],
          ['publish', 'sensors/t1', '21.5', 1],
          ['puback'],
          ['ping'],
          ['disconnect'],
        ]),
      );
    }
  });

  it('every other fixture page completes with the same record as in Chromium', async () => {
    const pages = fixturePages(servers);
    const results: Record<string, unknown> = {};
    for (const key of ['sockjs', 'graphqlWs', 'stomp', 'signalr', 'signalrMsgpack', 'phoenix', 'jsonRpc', 'wamp'] as const) {
      results[key] = await runFixturePage(firefox.page, pages[key]).catch((error: Error) => `failed: ${error.message}`);
    }
    const expected = Object.fromEntries(Object.keys(results).map((key) => [key, EXPECTED_RECORDS[key as keyof typeof EXPECTED_RECORDS]]));
    expect(results).toEqual(expected);
  });
});
