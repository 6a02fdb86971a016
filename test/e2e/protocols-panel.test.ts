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
import { type FirefoxSession, launchFirefox } from '../support/firefox';
import { type ProtocolServers, startProtocolServers } from '../support/protocols';

type Panel = Frame | Page;

interface ShownRow {
  decoded: string;
  pair: string;
  text: string;
}

/** Every timeline row's decoded summary, pairing cell and preview (the list is virtual: scrolled through). */
async function shownRows(panel: Panel): Promise<ShownRow[]> {
  return panel.evaluate(async () => {
    const list = document.querySelector('[role=listbox][aria-label=Messages]') as HTMLElement;
    const seen = new Map<string, { decoded: string; pair: string; text: string }>();
    const read = () => {
      for (const row of list.querySelectorAll('[role=option]')) {
        const cell = (name: string) => row.querySelector(`.${name}`)?.textContent ?? '';
        seen.set(row.id, { decoded: cell('c-decoded'), pair: cell('c-pair'), text: cell('c-preview') });
      }
    };
    list.scrollTop = 0;
    await new Promise((done) => requestAnimationFrame(done));
    for (let guard = 0; guard < 200; guard++) {
      read();
      if (list.scrollTop + list.clientHeight >= list.scrollHeight - 1) break;
      list.scrollTop += list.clientHeight / 2;
      await new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
    }
    read();
    return [...seen.entries()].sort((a, b) => Number(a[0].slice(4)) - Number(b[0].slice(4))).map(([, row]) => row);
  });
}

/** Waits until every expected decoded summary shows (regexes, in any order), then returns the rows. */
async function waitForDecoded(panel: Panel, expected: readonly RegExp[], timeout = 20_000): Promise<ShownRow[]> {
  const until = Date.now() + timeout;
  let rows: ShownRow[] = [];
  for (;;) {
    rows = await shownRows(panel);
    const missing = expected.filter((re) => !rows.some((row) => re.test(row.decoded)));
    if (missing.length === 0) return rows;
    if (Date.now() > until)
      throw new Error(
        `not shown: ${missing.join(', ')}\nrows:\n${rows.map((r) => `${r.decoded} | ${r.pair} | ${r.text.slice(0, 80)}`).join('\n')}`,
      );
    await new Promise((done) => setTimeout(done, 250));
  }
}

/** Selects the first row whose decoded summary matches, and returns the Decoded tab's tree text. */
async function decodedTreeOf(panel: Panel, summary: RegExp): Promise<string> {
  await panel.evaluate(async (source: string) => {
    const re = new RegExp(source);
    const list = document.querySelector('[role=listbox][aria-label=Messages]') as HTMLElement;
    list.scrollTop = 0;
    for (let guard = 0; guard < 200; guard++) {
      await new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
      const row = [...list.querySelectorAll('[role=option]')].find((r) => re.test(r.querySelector('.c-decoded')?.textContent ?? ''));
      if (row) {
        row.dispatchEvent(new MouseEvent('mousedown', { bubbles: true }));
        (row as HTMLElement).click();
        return;
      }
      list.scrollTop += list.clientHeight / 2;
    }
    throw new Error(`no row decoded as ${source}`);
  }, summary.source);
  const tab = await panel.waitForSelector('[role=tab]::-p-text(Decoded)');
  await tab!.click();
  await panel.waitForSelector('[role=tree][aria-label="Decoded tree"]', { timeout: 10_000 });
  // Open every collapsed branch (a few levels), as a user would with the keyboard.
  for (let i = 0; i < 8; i++) {
    const closed = await panel.$('[role=tree][aria-label="Decoded tree"] [role=treeitem][aria-expanded=false]');
    if (!closed) break;
    await closed.click();
    await closed.press('ArrowRight');
  }
  return panel.evaluate(() => document.querySelector('.decoded-view')?.textContent ?? '');
}

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

describe('Firefox: Socket.IO and MQTT decoded, with a latency, in the panel page', () => {
  let session: FirefoxSession;
  let panel: Page;
  saveArtifactsOnFailure(() => session);

  beforeAll(async () => {
    session = await launchFirefox();
  });
  afterAll(async () => {
    await session?.close();
  });

  for (const name of ['socketio', 'mqtt'] as const) {
    it(`${name}: decoded summaries, the Decoded tab and a latency`, async () => {
      // The page runs in the front tab: Firefox throttles the timers of a background one (MQTT's keepalive ping).
      await session.page.bringToFront();
      await runPage(session.page, pages[name]);
      panel ??= await session.openPanel();
      await panel.bringToFront();
      await checkCase(panel, CASES.find((c) => c.page === name)!);
    });
  }
});
