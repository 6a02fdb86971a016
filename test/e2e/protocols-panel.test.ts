/**
 * Protocol decoding in the real Chromium DevTools panel (and firefox-esr's panel page): real client
 * libraries against their real servers on loopback (socket.io, SockJS, graphql-ws, MQTT with aedes) and
 * fixture servers that speak STOMP, SignalR, Phoenix, JSON-RPC and WAMP as their specifications say. Each
 * shows decoded summaries in the timeline, a Decoded tab, and the latency of its paired requests.
 */
import type { Frame, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixturePages } from '../fixtures/protocols/records';
import { saveArtifactsOnFailure } from '../support/artifacts';
import { type ChromiumSession, launchChromium } from '../support/chromium';
import { decodedTreeOf, waitForDecoded } from '../support/decoded-rows';
import { type FirefoxSession, launchFirefox } from '../support/firefox';
import { type ProtocolServers, startProtocolServers } from '../support/protocols';

type Panel = Frame | Page;

interface Case {
  page: keyof ReturnType<typeof fixturePages>;
  summaries: RegExp[];
  /** A row to open in the Decoded tab, and what its tree shows. */
  tree: [RegExp, RegExp];
  /** At least one row with a measured latency. */
  latency: boolean;
}

const CASES: Case[] = [
  {
    page: 'socketio',
    summaries: [/^EVENT chat ack \d+/, /^ACK \d+/, /^BINARY_EVENT upload/, /^ATTACHMENT \d+ bytes/, /^CONNECT \/admin/],
    tree: [/^BINARY_EVENT upload/, /data: "<4 bytes> 01 02 03 04"/],
    latency: true,
  },
  {
    page: 'sockjs',
    summaries: [/^OPEN/i, /^MESSAGE /, /^HEARTBEAT|^h\b/i, /^CLOSE 3001/],
    tree: [/^MESSAGE /, /echo|one/],
    latency: false,
  },
  {
    page: 'graphqlWs',
    summaries: [/^subscribe #\S+ query Hello/, /^subscribe #\S+ subscription Count/, /^next #/, /^complete #/],
    tree: [/^next #/, /payload/],
    latency: true,
  },
  {
    page: 'mqtt',
    summaries: [/^CONNECT /, /^CONNACK/, /^SUBSCRIBE #\d+ sensors\/t1/, /^PUBLISH sensors\/t1 qos1 #\d+/, /^PUBACK #\d+/, /^PINGREQ/],
    tree: [/^PUBLISH sensors\/t1/, /21\.5/],
    latency: true,
  },
  {
    page: 'stomp',
    summaries: [/^CONNECT|^STOMP/, /^CONNECTED/, /^SUBSCRIBE /, /^SEND /, /^MESSAGE /, /^RECEIPT /, /^ERROR/],
    tree: [/^SEND /, /destination/],
    latency: true,
  },
  { page: 'signalr', summaries: [/^invoke Add #\d+/, /^completion #\d+/, /^ping/], tree: [/^invoke Add/, /Add/], latency: true },
  { page: 'signalrMsgpack', summaries: [/^invoke Add #\d+/, /^completion #\d+/], tree: [/^invoke Add/, /Add/], latency: true },
  { page: 'phoenix', summaries: [/^phx_join /, /^phx_reply ok/, /^heartbeat|phoenix/], tree: [/^phx_join /, /room/], latency: true },
  {
    page: 'jsonRpc',
    summaries: [/^call \S+ #\d+/, /^result #\d+/, /^error #\d+ -32601/, /^notify /],
    tree: [/^error #\d+ -32601/, /-32601/],
    latency: true,
  },
  {
    page: 'wamp',
    summaries: [/^HELLO/, /^WELCOME/, /^CALL \S+ #\d+/, /^RESULT #\d+/, /^SUBSCRIBED/],
    tree: [/^CALL /, /CALL/],
    latency: true,
  },
];

let servers: ProtocolServers;
let pages: ReturnType<typeof fixturePages>;

beforeAll(async () => {
  servers = await startProtocolServers();
  pages = fixturePages(servers);
});

afterAll(async () => {
  await servers?.close();
});

async function runPage(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.waitForFunction(() => (window as { __done?: boolean }).__done === true, { polling: 100, timeout: 20_000 });
}

async function checkCase(panel: Panel, c: Case): Promise<void> {
  const rows = await waitForDecoded(panel, c.summaries);
  if (c.latency)
    expect(
      rows.some((row) => /^[←→] [\d.,]+ (ms|s)$/.test(row.pair)),
      JSON.stringify(rows.map((r) => r.pair)),
    ).toBe(true);
  expect(await decodedTreeOf(panel, c.tree[0])).toMatch(c.tree[1]);
}

describe('Chromium: protocols decoded in the real DevTools panel', () => {
  let session: ChromiumSession;
  let panel: Frame;
  saveArtifactsOnFailure(() => session);

  beforeAll(async () => {
    session = await launchChromium();
    panel = await session.openPanel();
  });
  afterAll(async () => {
    await session?.close();
  });

  for (const c of CASES) {
    it(`${c.page}: decoded summaries, the Decoded tab${c.latency ? ' and a latency' : ''}`, async () => {
      await runPage(session.page, pages[c.page]);
      panel = await session.panel();
      await checkCase(panel, c);
    });
  }
});

describe('Firefox: every protocol decoded, with its latency, in the panel page', () => {
  let session: FirefoxSession;
  let panel: Page;
  saveArtifactsOnFailure(() => session);

  beforeAll(async () => {
    session = await launchFirefox();
  });
  afterAll(async () => {
    await session?.close();
  });

  for (const { page: name, latency } of CASES) {
    it(`${name}: decoded summaries, the Decoded tab${latency ? ' and a latency' : ''}`, async () => {
      // The page runs in the front tab: Firefox throttles the timers of a background one (MQTT's keepalive ping).
      await session.page.bringToFront();
      await runPage(session.page, pages[name]);
      panel ??= await session.openPanel();
      await panel.bringToFront();
      await checkCase(panel, CASES.find((c) => c.page === name)!);
    });
  }
});
