/**
 * The protocol fixtures (support/protocols/, fixtures/protocols/) work on their own, in plain Chromium without
 * SocketScope: each page runs its exchange with the real client library (or a hand-written client where the
 * protocol has none in npm) against its server, the page's record shows every step, the server received what
 * the page sent, and Chromium's own account of the frames (CDP) holds the protocol's frames in order.
 */
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it, onTestFailed, vi } from 'vitest';
import { EXPECTED_RECORDS } from '../fixtures/protocols/records';
import { type ChromiumSession, launchChromium } from '../support/chromium';
import { type ProtocolServers, startProtocolServers } from '../support/protocols';
import type { ProtocolFixture } from '../support/protocols/fixture';
import { decodeBinaryPush } from '../support/protocols/phoenix';
import { frameLine, missingInOrder, runFixturePage } from '../support/protocols/run';
import { decodeMessages, type HubProtocolName } from '../support/protocols/signalr-frames';
import { recordWireFrames, type WireFrame, type WireSocket } from '../support/wire-frames';

let servers: ProtocolServers;
let chromium: ChromiumSession;

beforeAll(async () => {
  servers = await startProtocolServers();
  chromium = await launchChromium({ extension: false });
});

afterAll(async () => {
  await chromium?.close();
  await servers?.close();
});

interface Run<R> {
  record: unknown[];
  /** What the server received during this run only. */
  received: R[];
  /** The one socket the page opened, once `settled` holds for it. */
  socket: WireSocket;
  status: string;
}

/**
 * Runs `fixture`'s page (or `page`) and returns its record, what the server received meanwhile, and the
 * page's one socket as CDP reported it, once `settled` says its last frame has been reported (CDP events
 * may trail the page's own promise).
 */
async function run<R>(fixture: ProtocolFixture<R>, settled: (frames: WireFrame[]) => boolean, page = fixture.page): Promise<Run<R>> {
  const tab: Page = chromium.page;
  await tab.goto('about:blank');
  const before = fixture.received.length;
  const wire = await recordWireFrames(tab);
  try {
    const record = await runFixturePage(tab, page);
    const status = await tab.$eval('#status', (e) => e.textContent ?? '');
    await vi.waitFor(
      () => {
        expect(wire.sockets()).toHaveLength(1);
        expect(settled(wire.sockets()[0].frames)).toBe(true);
      },
      { timeout: 10_000, interval: 50 },
    );
    return { record, received: fixture.received.slice(before), socket: wire.sockets()[0], status };
  } finally {
    await wire.stop();
  }
}

const lines = (socket: WireSocket) => socket.frames.map(frameLine);
const lastIs = (line: string | RegExp) => (frames: WireFrame[]) => {
  const last = frames.at(-1);
  return last !== undefined && (typeof line === 'string' ? frameLine(last) === line : line.test(frameLine(last)));
};

describe('protocol fixtures in Chromium (no extension)', () => {
  it('socket.io: acks, binary attachments both ways, a namespace, a ping, a server disconnect', async (ctx) => {
    onTestFailed(() => chromium.saveFailure(ctx.task.name).then(() => undefined));
    const { record, received, socket, status } = await run(servers.socketio, lastIs('recv 41/admin,'));
    expect(status).toBe('done');
    expect(record).toEqual(EXPECTED_RECORDS.socketio);
    expect(received).toEqual([
      ['chat', { text: 'hello' }],
      ['upload', { name: 'blob.bin', bytes: [1, 2, 3, 4] }],
      ['/admin stats'],
      ['bye'],
    ]);
    expect(socket.url).toMatch(/^ws:\/\/127\.0\.0\.1:\d+\/socket\.io\/\?EIO=4&transport=websocket$/);
    const missing = missingInOrder(lines(socket), [
      /^recv 0\{"sid":/,
      'send 420["chat",{"text":"hello"}]',
      'recv 430[{"ok":true,"echoed":"hello"}]', // the ack, id 0
      'send 451-["upload",{"name":"blob.bin","data":{"_placeholder":true,"num":0}}]',
      'send bin 01020304', // its attachment
      /^recv 451-\["stored",\{"name":"blob\.bin","size":4,"reversed":\{"_placeholder":true,"num":0\}\}\]$/,
      'recv bin 04030201',
      'send 42/admin,0["stats"]',
      'recv 43/admin,0[{"users":1}]',
      'recv 2', // Engine.IO ping
      'send 3', // and pong
      'send 42["bye"]',
      'recv 41',
    ]);
    expect(missing).toBeNull();
  });

  it('sockjs: open, echoes, an h heartbeat, a server close frame', async (ctx) => {
    onTestFailed(() => chromium.saveFailure(ctx.task.name).then(() => undefined));
    const { record, received, socket } = await run(servers.sockjs, lastIs('recv c[3001,"bye"]'));
    expect(record).toEqual(EXPECTED_RECORDS.sockjs);
    expect(received).toEqual(['one', 'two ✓', '{"three":[3]}', 'heartbeat please', 'close please']);
    expect(socket.url).toMatch(/\/sockjs\/\d+\/\w+\/websocket$/);
    expect(lines(socket)).toEqual([
      'recv o',
      'send ["one"]',
      'recv a["echo: one"]',
      'send ["two ✓"]',
      'recv a["echo: two ✓"]',
      'send ["{\\"three\\":[3]}"]',
      'recv a["echo: {\\"three\\":[3]}"]',
      'send ["heartbeat please"]',
      'recv h',
      'send ["close please"]',
      'recv c[3001,"bye"]',
    ]);
  });

  it('graphql-ws: a query and a subscription of three values, each one operation id', async (ctx) => {
    onTestFailed(() => chromium.saveFailure(ctx.task.name).then(() => undefined));
    const settled = (frames: WireFrame[]) => frames.filter((f) => f.bytes.includes('"complete"')).length === 2;
    const { record, received, socket } = await run(servers.graphqlWs, settled);
    expect(record).toEqual(EXPECTED_RECORDS.graphqlWs);
    const messages = socket.frames.map((f) => ({ dir: f.dir, ...(JSON.parse(f.bytes.toString()) as { type: string; id?: string }) }));
    expect(messages.map((m) => `${m.dir} ${m.type}`)).toEqual([
      'send connection_init',
      'recv connection_ack',
      'send subscribe',
      'recv next',
      'recv complete',
      'send subscribe',
      'recv next',
      'recv next',
      'recv next',
      'recv complete',
    ]);
    const [query, subscription] = received;
    expect([query.operationName, subscription.operationName]).toEqual(['Hello', 'Count']);
    expect(messages.slice(2, 5).map((m) => m.id)).toEqual([query.id, query.id, query.id]);
    expect(messages.slice(5).map((m) => m.id)).toEqual(Array(5).fill(subscription.id));
  });

  /** An MQTT packet's type byte and its packet id: after the topic in a PUBLISH, first in a PUBACK or SUBACK. */
  const mqttPacket = (bytes: Buffer) => {
    let offset = 1;
    while (bytes[offset] & 0x80) offset++; // the remaining length's varint
    offset++;
    if (bytes[0] >> 4 === 3) offset += 2 + bytes.readUInt16BE(offset); // PUBLISH: skip its topic
    return { type: bytes[0], id: bytes.length >= offset + 2 ? bytes.readUInt16BE(offset) : null };
  };

  it('MQTT (mqtt client, aedes broker): SUBACK, PUBLISH QoS 1 with its PUBACK, the message back acked, a ping', async (ctx) => {
    onTestFailed(() => chromium.saveFailure(ctx.task.name).then(() => undefined));
    const { record, received, socket } = await run(servers.mqtt, lastIs('send bin e000'));
    expect(record).toEqual(EXPECTED_RECORDS.mqtt);
    expect(received).toEqual(
      expect.arrayContaining([['subscribe', 'sensors/t1', 1], ['publish', 'sensors/t1', '21.5', 1], ['puback'], ['ping'], ['disconnect']]),
    );
    expect(received).toHaveLength(5);
    // One whole packet per frame, every one of them a binary frame.
    expect(socket.frames.every((f) => f.binary)).toBe(true);
    const hex = lines(socket);
    expect(
      missingInOrder(hex, [
        /^send bin 10[0-9a-f]{2}00044d51545404/, // CONNECT, "MQTT" level 4 (3.1.1)
        'recv bin 20020000', // CONNACK accepted
        /^send bin 82/, // SUBSCRIBE
        /^recv bin 9003[0-9a-f]{4}01$/, // SUBACK granting QoS 1
        /^send bin 3212000a73656e736f72732f7431[0-9a-f]{4}32312e35$/, // PUBLISH QoS 1 sensors/t1 "21.5"
        /^recv bin 4002[0-9a-f]{4}$/, // its PUBACK
        /^recv bin 3212000a73656e736f72732f7431[0-9a-f]{4}32312e35$/, // the message back, QoS 1
        /^send bin 4002[0-9a-f]{4}$/, // acked by the page
        'send bin c000', // PINGREQ
        'recv bin d000', // PINGRESP
        'send bin e000', // DISCONNECT
      ]),
    ).toBeNull();
    // Each PUBACK carries the packet id of the PUBLISH it answers.
    const packets = socket.frames.map((f) => ({ dir: f.dir, ...mqttPacket(f.bytes) }));
    const sentPublish = packets.find((p) => p.dir === 'send' && p.type === 0x32);
    const receivedPublish = packets.find((p) => p.dir === 'recv' && p.type === 0x32);
    expect(packets.find((p) => p.dir === 'recv' && p.type === 0x40)?.id).toBe(sentPublish?.id);
    expect(packets.find((p) => p.dir === 'send' && p.type === 0x40)?.id).toBe(receivedPublish?.id);
  });

  it('MQTT with packets split over frames (/mqtt-split): the same packets, in more frames', async (ctx) => {
    onTestFailed(() => chromium.saveFailure(ctx.task.name).then(() => undefined));
    const split = await run(servers.mqttSplit, lastIs('send bin e000'));
    expect(split.record).toEqual(EXPECTED_RECORDS.mqttSplit);
    const received = split.socket.frames.filter((f) => f.dir === 'recv');
    expect(received.slice(0, 4).map(frameLine)).toEqual(['recv bin 20', 'recv bin 02', 'recv bin 00', 'recv bin 00']); // CONNACK in four
    // Joined, the broker's frames are the packets the whole-packet broker sends: CONNACK, SUBACK, PUBACK, PUBLISH, PINGRESP.
    const stream = Buffer.concat(received.map((f) => f.bytes)).toString('hex');
    expect(stream).toMatch(/^200200009003[0-9a-f]{4}014002[0-9a-f]{4}3212000a73656e736f72732f7431[0-9a-f]{4}32312e35d000$/);
  });

  it('STOMP 1.2 (@stomp/stompjs): CONNECTED, SUBSCRIBE, SEND with a receipt → MESSAGE and RECEIPT, ERROR on a bad frame', async (ctx) => {
    onTestFailed(() => chromium.saveFailure(ctx.task.name).then(() => undefined));
    const { record, received, socket } = await run(servers.stomp, lastIs(/^recv ERROR\n/));
    expect(record).toEqual(EXPECTED_RECORDS.stomp);
    expect(received.map((r) => ('command' in r ? r.command : `refused: ${r.error}`))).toEqual([
      'CONNECT',
      'SUBSCRIBE',
      'SEND',
      'UNSUBSCRIBE',
      'SEND',
      'refused: SEND without the destination header',
    ]);
    expect(
      missingInOrder(lines(socket), [
        /^send CONNECT\n(.+\n)*accept-version:1\.2\n/,
        /^recv CONNECTED\nversion:1\.2\n/,
        'send SUBSCRIBE\nid:sub-0\ndestination:/queue/a\n\n\0',
        /^send SEND\ndestination:\/queue\/a\nreceipt:receipt-1\n(.+\n)*\nhello stomp\0$/,
        'recv MESSAGE\nsubscription:sub-0\nmessage-id:message-1\ndestination:/queue/a\ncontent-type:text/plain\ncontent-length:11\n\nhello stomp\0',
        'recv RECEIPT\nreceipt-id:receipt-1\n\n\0',
        'send SEND\nreceipt:receipt-bad\n\nno destination\0',
        /^recv ERROR\nmessage:SEND without the destination header\nreceipt-id:receipt-bad\n/,
      ]),
    ).toBeNull();
  });

  /** The hub messages of each frame, decoded, as "dir {json}" lines (a frame may carry several). */
  const hubLines = (socket: WireSocket, protocol: HubProtocolName) =>
    socket.frames.slice(2).flatMap((f) => decodeMessages(protocol, f.bytes).map((m) => `${f.dir} ${JSON.stringify(m)}`));

  for (const protocol of ['json', 'messagepack'] as const) {
    it(`SignalR (${protocol} hub protocol): negotiate, handshake, completions for invocations, a server invocation, pings, close`, async (ctx) => {
      onTestFailed(() => chromium.saveFailure(ctx.task.name).then(() => undefined));
      const negotiated = servers.signalr.negotiations.length;
      const page = protocol === 'json' ? servers.signalr.page : servers.signalr.msgpackPage;
      const close = protocol === 'json' ? 'send {"type":7}\u001e' : 'send bin 039207c0';
      const { record, received, socket } = await run(servers.signalr, lastIs(close), page);
      expect(record).toEqual(protocol === 'json' ? EXPECTED_RECORDS.signalr : EXPECTED_RECORDS.signalrMsgpack);
      expect(servers.signalr.negotiations.slice(negotiated)).toEqual(['negotiateVersion=1']);
      expect(socket.url).toMatch(/\/hub\?id=token-\d+$/);
      expect(received[0]).toEqual({ protocol, handshake: true });
      expect(received.slice(1).map((r) => ('message' in r ? r.message.type : 'handshake'))).toEqual([6, 1, 1, 1, 1, 7]);

      const [request, response] = socket.frames;
      expect(frameLine(request)).toBe(`send {"protocol":"${protocol}","version":1}\u001e`);
      // The handshake response comes in the connection's transfer format.
      expect(frameLine(response)).toBe(protocol === 'json' ? 'recv {}\u001e' : 'recv bin 7b7d1e');
      expect(socket.frames.slice(2).every((f) => f.binary === (protocol === 'messagepack'))).toBe(true);
      const messages = hubLines(socket, protocol);
      expect(missingInOrder(messages, ['recv {"type":6}'])).toBeNull(); // the server's ping
      expect(missingInOrder(messages, [/^send \{.*"type":6/])).toBeNull(); // the client's
      expect(
        missingInOrder(messages, [
          /^send (?=.*"invocationId":"0")(?=.*"target":"Add")/,
          'recv {"type":3,"invocationId":"0","result":5}',
          /^send (?=.*"invocationId":"1")(?=.*"target":"SendMessage")/,
          'recv {"type":1,"target":"ReceiveMessage","arguments":["page","hello hub"]}',
          'recv {"type":3,"invocationId":"1"}',
          /^send (?=.*"invocationId":"2")(?=.*"target":"Fail")/,
          'recv {"type":3,"invocationId":"2","error":"Fail always fails"}',
          /^send .*"target":"Notify"/,
          /^send \{"type":7/,
        ]),
      ).toBeNull();
      expect(messages.find((m) => m.includes('"Notify"'))).not.toContain('invocationId');
    });
  }

  it('Phoenix channels v2: joins (refused and accepted), push and phx_reply, a broadcast, binary both ways, heartbeat', async (ctx) => {
    onTestFailed(() => chromium.saveFailure(ctx.task.name).then(() => undefined));
    const { record, received, socket } = await run(servers.phoenix, lastIs(/^recv .*"phx_close"/));
    expect(record).toEqual(EXPECTED_RECORDS.phoenix);
    expect(socket.url).toMatch(/\/socket\/websocket\?token=fixture&vsn=2\.0\.0$/);
    const upload = received.find((m) => m.event === 'upload');
    expect(upload?.payload).toEqual(Buffer.from([1, 2, 3, 250]));
    // Each frame as "dir topic event [status]" (binary frames decoded from Phoenix's binary layout).
    const summary = socket.frames.map((f) => {
      if (f.binary && f.dir === 'send') {
        const push = decodeBinaryPush(f.bytes);
        return `send binary ${push.topic} ${push.event} ${(push.payload as Buffer).toString('hex')}`;
      }
      if (f.binary) return `recv binary ${f.bytes.toString('hex')}`;
      const [, , topic, event, payload] = JSON.parse(f.bytes.toString()) as [unknown, unknown, string, string, { status?: string }];
      return `${f.dir} ${topic} ${event}${payload.status ? ` ${payload.status}` : ''}`;
    });
    const binaryBroadcast = Buffer.concat([Buffer.from([2, 10, 8]), Buffer.from('room:lobbyuploaded'), Buffer.from([250, 3, 2, 1])]);
    expect(
      missingInOrder(summary, [
        'send room:secret phx_join',
        'recv room:secret phx_reply error',
        'send room:lobby phx_join',
        'recv room:lobby phx_reply ok',
        'send room:lobby new_msg',
        'recv room:lobby phx_reply ok',
        'recv room:lobby new_msg', // the broadcast
        'send binary room:lobby upload 010203fa',
        'recv room:lobby phx_reply ok',
        `recv binary ${binaryBroadcast.toString('hex')}`,
        'send phoenix heartbeat',
        'recv phoenix phx_reply ok',
        'send room:lobby phx_leave',
        'recv room:lobby phx_reply ok',
        'recv room:lobby phx_close',
      ]),
    ).toBeNull();
    // Every reply carries the ref of a push made before it on the same topic.
    const texts = socket.frames.filter((f) => !f.binary).map((f) => ({ dir: f.dir, m: JSON.parse(f.bytes.toString()) as string[] }));
    const pushes = socket.frames.map((f) => (f.dir === 'send' ? (f.binary ? decodeBinaryPush(f.bytes) : null) : null));
    const sentRefs = new Set([
      ...texts.filter((t) => t.dir === 'send').map((t) => `${t.m[2]} ${t.m[1]}`),
      ...pushes.filter((p) => p !== null).map((p) => `${p.topic} ${p.ref}`),
    ]);
    for (const reply of texts.filter((t) => t.dir === 'recv' && t.m[3] === 'phx_reply'))
      expect(sentRefs).toContain(`${reply.m[2]} ${reply.m[1]}`);
  });

  it('JSON-RPC 2.0: a result, error -32601, a notification (no answer), a batch answered by an array', async (ctx) => {
    onTestFailed(() => chromium.saveFailure(ctx.task.name).then(() => undefined));
    const { record, received, socket } = await run(servers.jsonRpc, (frames) => frames.filter((f) => f.dir === 'recv').length === 3);
    expect(record).toEqual(EXPECTED_RECORDS.jsonRpc);
    expect(received).toHaveLength(4);
    expect(lines(socket)).toEqual([
      'send {"jsonrpc":"2.0","method":"add","params":[2,3],"id":1}',
      'recv {"jsonrpc":"2.0","id":1,"result":5}',
      'send {"jsonrpc":"2.0","method":"nope","id":2}',
      'recv {"jsonrpc":"2.0","id":2,"error":{"code":-32601,"message":"Method not found"}}',
      'send {"jsonrpc":"2.0","method":"log","params":["a notification"]}',
      'send [{"jsonrpc":"2.0","method":"add","params":[10,20],"id":3},{"jsonrpc":"2.0","method":"log","params":["inside a batch"]},{"jsonrpc":"2.0","method":"subtract","params":{"minuend":42,"subtrahend":23},"id":"four"}]',
      'recv [{"jsonrpc":"2.0","id":3,"result":30},{"jsonrpc":"2.0","id":"four","result":19}]',
    ]);
  });

  it('WAMP v2 (wamp.2.json): WELCOME, RESULT, ERROR, SUBSCRIBED, PUBLISHED and the EVENT, GOODBYE', async (ctx) => {
    onTestFailed(() => chromium.saveFailure(ctx.task.name).then(() => undefined));
    const { record, received, socket } = await run(servers.wamp, lastIs(/^recv \[6,/));
    expect(record).toEqual(EXPECTED_RECORDS.wamp);
    expect(received.map((m) => m[0])).toEqual([1, 48, 48, 32, 16, 6]);
    const messages = socket.frames.map((f) => ({ dir: f.dir, m: JSON.parse(f.bytes.toString()) as unknown[] }));
    // Message code, then the request id each answer echoes (ERROR names the request type first).
    expect(
      messages.map(
        ({ dir, m }) =>
          `${dir} ${m[0]}${m[0] === 8 ? ` ${m[1]} ${m[2]}` : [48, 50, 32, 33, 16, 17].includes(m[0] as number) ? ` ${m[1]}` : ''}`,
      ),
    ).toEqual([
      'send 1',
      'recv 2',
      'send 48 1',
      'recv 50 1',
      'send 48 2',
      'recv 8 48 2',
      'send 32 3',
      'recv 33 3',
      'send 16 4',
      'recv 36',
      'recv 17 4',
      'send 6',
      'recv 6',
    ]);
    const subscribed = messages[7].m;
    const [event, published] = [messages[9].m, messages[10].m];
    expect(event[1]).toBe(subscribed[2]); // the EVENT names the subscription
    expect(event[2]).toBe(published[2]); // and the publication PUBLISHED acknowledged
  });
});
