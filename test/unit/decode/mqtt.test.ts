import { generate, type Packet } from 'mqtt-packet';
import { describe, expect, it } from 'vitest';
import { mqtt } from '../../../src/panel/decode/protocols/mqtt';
import type { DecodedMessage, Frame } from '../../../src/panel/decode/types';

const ascii = (text: string) => [...Buffer.from(text)];
const frame = (dir: Frame['dir'], bytes: Iterable<number>, complete = true): Frame => ({
  dir,
  bytes: new Uint8Array([...bytes]),
  complete,
});
const built = (packet: Packet, protocolVersion: 4 | 5 = 4) => [...generate(packet, { protocolVersion })];

function messages(dir: Frame['dir'], bytes: Iterable<number>): DecodedMessage[] {
  const result = mqtt.decode(frame(dir, bytes), {});
  if (!result.ok) throw new Error(`expected MQTT, got: ${result.error}`);
  return result.messages;
}
const only = (dir: Frame['dir'], bytes: Iterable<number>) => {
  const all = messages(dir, bytes);
  expect(all).toHaveLength(1);
  return all[0];
};
const errorOf = (bytes: Iterable<number>) => {
  const result = mqtt.decode(frame('recv', bytes), {});
  return result.ok ? undefined : result.error;
};

// Bytes as MQTT.js 5 sends them for protocolVersion 4 (3.1.1): written out by hand from the specification.
const CONNECT_311 = [0x10, 0x14, 0x00, 0x04, ...ascii('MQTT'), 0x04, 0x02, 0x00, 0x3c, 0x00, 0x08, ...ascii('client-1')];
const CONNACK_OK = [0x20, 0x02, 0x00, 0x00];
const SUBSCRIBE_2 = [0x82, 0x0e, 0x00, 0x02, 0x00, 0x09, ...ascii('sensors/#'), 0x01];
const SUBACK_2 = [0x90, 0x03, 0x00, 0x02, 0x01];
const PUBLISH_7 = [0x32, 0x12, 0x00, 0x0a, ...ascii('sensors/t1'), 0x00, 0x07, ...ascii('21.5')];
const PUBACK_7 = [0x40, 0x02, 0x00, 0x07];
// MQTT 5: a PUBLISH with an empty property block, and a PUBACK with reason 0x10 (no matching subscribers).
const PUBLISH_7_V5 = [0x32, 0x13, 0x00, 0x0a, ...ascii('sensors/t1'), 0x00, 0x07, 0x00, ...ascii('21.5')];
const PUBACK_7_V5_NO_SUBSCRIBERS = [0x40, 0x03, 0x00, 0x07, 0x10];

describe('MQTT: one packet per frame, as a client sends them', () => {
  it('CONNECT names the client and the protocol level, and starts the connect exchange', () => {
    const connect = only('send', CONNECT_311);
    expect(connect.summary).toBe('CONNECT client-1 v3.1.1');
    expect(connect.fields).toEqual({ type: 'CONNECT' });
    expect(connect.pair).toEqual({ key: 'mqtt:connect', role: 'request', name: 'CONNECT' });
    expect(connect.body).toMatchObject({
      type: 'CONNECT',
      protocolId: 'MQTT',
      protocolVersion: 4,
      keepalive: 60,
      clean: true,
      clientId: 'client-1',
    });
  });

  it('CONNACK answers it, with an error when refused', () => {
    expect(only('recv', CONNACK_OK)).toMatchObject({
      summary: 'CONNACK accepted',
      pair: { key: 'mqtt:connect', role: 'response', error: false },
    });
    const refused = only('recv', built({ cmd: 'connack', returnCode: 5, sessionPresent: false }));
    expect(refused.summary).toBe('CONNACK refused 5');
    expect(refused.pair).toEqual({ key: 'mqtt:connect', role: 'response', error: true });
  });

  it('PUBLISH qos1 shows topic, QoS and packet id; the PUBACK received answers the PUBLISH sent', () => {
    const publish = only('send', PUBLISH_7);
    expect(publish.summary).toBe('PUBLISH sensors/t1 qos1 #7');
    expect(publish.fields).toEqual({ type: 'PUBLISH', topic: 'sensors/t1', id: '7' });
    expect(publish.pair).toEqual({ key: 'mqtt:send:7', role: 'request', name: 'sensors/t1' });
    expect(publish.body).toMatchObject({
      qos: 1,
      retain: false,
      dup: false,
      topic: 'sensors/t1',
      messageId: 7,
      payload: '21.5',
      mqttVersion: '3.1.1',
    });
    const puback = only('recv', PUBACK_7);
    expect(puback.summary).toBe('PUBACK #7');
    expect(puback.pair).toEqual({ key: 'mqtt:send:7', role: 'response', error: false });
  });

  it('a broker-initiated PUBLISH is keyed by the received direction, and the client’s PUBACK answers it', () => {
    const publish = only('recv', built({ cmd: 'publish', topic: 'a/b', qos: 1, messageId: 3, payload: 'x', retain: true, dup: true }));
    expect(publish.summary).toBe('PUBLISH a/b qos1 #3 retain dup');
    expect(publish.pair?.key).toBe('mqtt:recv:3');
    expect(only('send', built({ cmd: 'puback', messageId: 3 })).pair).toEqual({ key: 'mqtt:recv:3', role: 'response', error: false });
  });

  it('QoS 2: PUBLISH → PUBREC → PUBREL → PUBCOMP form one exchange', () => {
    const hints = [
      only('send', built({ cmd: 'publish', topic: 't', qos: 2, messageId: 9, payload: 'p', retain: false, dup: false })).pair,
      only('recv', built({ cmd: 'pubrec', messageId: 9 })).pair,
      only('send', built({ cmd: 'pubrel', messageId: 9 })).pair,
      only('recv', built({ cmd: 'pubcomp', messageId: 9 })).pair,
    ];
    expect(hints.map((hint) => [hint?.key, hint?.role])).toEqual([
      ['mqtt:send:9', 'request'],
      ['mqtt:send:9', 'next'],
      ['mqtt:send:9', 'next'],
      ['mqtt:send:9', 'end'],
    ]);
  });

  it('QoS 0 PUBLISH has no packet id and nothing to pair', () => {
    const publish = only('send', built({ cmd: 'publish', topic: 'chat', qos: 0, payload: 'hi', retain: false, dup: false }));
    expect(publish.summary).toBe('PUBLISH chat qos0');
    expect(publish.pair).toBeUndefined();
    expect(publish.fields.id).toBeUndefined();
  });

  it('SUBSCRIBE → SUBACK and UNSUBSCRIBE → UNSUBACK pair by packet id', () => {
    const subscribe = only('send', SUBSCRIBE_2);
    expect(subscribe.summary).toBe('SUBSCRIBE #2 sensors/#');
    expect(subscribe.fields).toEqual({ type: 'SUBSCRIBE', topic: 'sensors/#', id: '2' });
    expect(subscribe.pair).toEqual({ key: 'mqtt:send:2', role: 'request', name: 'SUBSCRIBE' });
    const suback = only('recv', SUBACK_2);
    expect(suback.summary).toBe('SUBACK #2 granted 1');
    expect(suback.pair).toEqual({ key: 'mqtt:send:2', role: 'response', error: false });
    expect(only('recv', built({ cmd: 'suback', messageId: 4, granted: [0x80] })).pair?.error).toBe(true);
    const unsubscribe = only('send', built({ cmd: 'unsubscribe', messageId: 5, unsubscriptions: ['a/#', 'b'] }));
    expect(unsubscribe.summary).toBe('UNSUBSCRIBE #5 a/#, b');
    expect(unsubscribe.pair).toEqual({ key: 'mqtt:send:5', role: 'request', name: 'UNSUBSCRIBE' });
    expect(only('recv', built({ cmd: 'unsuback', messageId: 5, granted: [] })).pair).toEqual({
      key: 'mqtt:send:5',
      role: 'response',
      error: false,
    });
  });

  it('PINGREQ and PINGRESP are heartbeats (paired for their round trip)', () => {
    const ping = only('send', [0xc0, 0x00]);
    const pong = only('recv', [0xd0, 0x00]);
    expect([ping.summary, ping.heartbeat, ping.pair?.role]).toEqual(['PINGREQ', true, 'request']);
    expect([pong.summary, pong.heartbeat, pong.pair?.key]).toEqual(['PINGRESP', true, 'mqtt:ping']);
  });

  it('a binary payload stays bytes (a copy, not a view of the frame)', () => {
    const payload = [0xff, 0x00, 0x10, 0x80];
    const bytes = built({ cmd: 'publish', topic: 'bin', qos: 0, payload: Buffer.from(payload), retain: false, dup: false });
    const body = only('recv', bytes).body as { payload: unknown };
    expect(body.payload).toBeInstanceOf(Uint8Array);
    expect([...(body.payload as Uint8Array)]).toEqual(payload);
    expect(Buffer.isBuffer(body.payload)).toBe(false);
  });

  it('DISCONNECT is decoded', () => {
    expect(only('send', [0xe0, 0x00]).summary).toBe('DISCONNECT');
  });
});

describe('MQTT: bytes MQTT.js 5.16 wrote to an aedes broker (captured on loopback)', () => {
  const CAPTURED = [
    [16, 20, 0, 4, 77, 81, 84, 84, 4, 2, 0, 60, 0, 8, 99, 108, 105, 101, 110, 116, 45, 49],
    [130, 14, 51, 116, 0, 9, 115, 101, 110, 115, 111, 114, 115, 47, 35, 1],
    [50, 18, 0, 10, 115, 101, 110, 115, 111, 114, 115, 47, 116, 49, 51, 117, 50, 49, 46, 53],
    [64, 2, 221, 71],
    [224, 0],
  ];

  it('decodes each write, the hand-written CONNECT above being the same bytes', () => {
    expect(CAPTURED[0]).toEqual(CONNECT_311);
    expect(CAPTURED.map((bytes) => only('send', bytes).summary)).toEqual([
      'CONNECT client-1 v3.1.1',
      'SUBSCRIBE #13172 sensors/#',
      'PUBLISH sensors/t1 qos1 #13173',
      'PUBACK #56647',
      'DISCONNECT',
    ]);
    expect(only('send', CAPTURED[3]).pair).toEqual({ key: 'mqtt:recv:56647', role: 'response', error: false });
  });
});

describe('MQTT: several packets in one frame', () => {
  it('gives one message per packet, in order', () => {
    const all = messages('recv', [...CONNACK_OK, ...SUBACK_2, ...PUBLISH_7, 0xd0, 0x00]);
    expect(all.map((message) => message.summary)).toEqual([
      'CONNACK accepted',
      'SUBACK #2 granted 1',
      'PUBLISH sensors/t1 qos1 #7',
      'PINGRESP',
    ]);
  });

  it('a CONNECT at level 5 makes the packets after it in the frame read as MQTT 5', () => {
    const connect = built({ cmd: 'connect', clientId: 'c5', protocolVersion: 5, clean: true, keepalive: 10 }, 5);
    const all = messages('send', [...connect, ...PUBLISH_7_V5]);
    expect(all.map((message) => message.summary)).toEqual(['CONNECT c5 v5', 'PUBLISH sensors/t1 qos1 #7']);
    expect(all[1].body).toMatchObject({ payload: '21.5', mqttVersion: '5' });
  });
});

describe('MQTT 5 frames without their CONNECT', () => {
  it('CONNECT v5 carries its properties', () => {
    const connect = only(
      'send',
      built(
        {
          cmd: 'connect',
          clientId: 'client-1',
          protocolVersion: 5,
          clean: true,
          keepalive: 30,
          properties: { sessionExpiryInterval: 60, receiveMaximum: 20 },
        },
        5,
      ),
    );
    expect(connect.summary).toBe('CONNECT client-1 v5');
    expect(connect.body).toMatchObject({ properties: { sessionExpiryInterval: 60, receiveMaximum: 20 } });
  });

  it('a PUBLISH with an empty property block reads as MQTT 5, not as a payload starting with a zero byte', () => {
    const publish = only('send', PUBLISH_7_V5);
    expect(publish.summary).toBe('PUBLISH sensors/t1 qos1 #7');
    expect(publish.body).toMatchObject({ payload: '21.5', mqttVersion: '5' });
  });

  it('a PUBLISH with properties shows them (user properties, content type)', () => {
    const bytes = built(
      {
        cmd: 'publish',
        topic: 'v5/t',
        qos: 1,
        messageId: 11,
        payload: '{"a":1}',
        retain: false,
        dup: false,
        properties: { contentType: 'application/json', userProperties: { trace: 'abc' } },
      },
      5,
    );
    const publish = only('send', bytes);
    expect(publish.summary).toBe('PUBLISH v5/t qos1 #11');
    expect(publish.body).toMatchObject({
      payload: '{"a":1}',
      mqttVersion: '5',
      properties: { contentType: 'application/json', userProperties: { trace: 'abc' } },
    });
  });

  it('known cost: a 3.1.1 binary payload starting with a zero byte reads as MQTT 5 with an empty property block', () => {
    const bytes = built({ cmd: 'publish', topic: 'bin', qos: 0, payload: Buffer.from([0x00, 0xff]), retain: false, dup: false });
    expect(only('recv', bytes).body).toMatchObject({ mqttVersion: '5', payload: new Uint8Array([0xff]) });
  });

  it('a PUBACK longer than 3.1.1 allows is MQTT 5 with its reason code', () => {
    const puback = only('recv', PUBACK_7_V5_NO_SUBSCRIBERS);
    expect(puback.summary).toBe('PUBACK #7 reason 16');
    expect(puback.pair).toEqual({ key: 'mqtt:send:7', role: 'response', error: false });
    expect(only('recv', built({ cmd: 'puback', messageId: 8, reasonCode: 0x87 }, 5)).pair?.error).toBe(true);
  });

  it('SUBSCRIBE with MQTT 5 options and AUTH decode', () => {
    const subscribe = only(
      'send',
      built({ cmd: 'subscribe', messageId: 6, subscriptions: [{ topic: 's/#', qos: 1, nl: true, rap: false, rh: 0 }] }, 5),
    );
    expect(subscribe.summary).toBe('SUBSCRIBE #6 s/#');
    expect(only('send', built({ cmd: 'auth', reasonCode: 0x18, properties: { authenticationMethod: 'x' } } as Packet, 5)).summary).toBe(
      'AUTH reason 24',
    );
  });
});

describe('MQTT: malformed frames', () => {
  it('refuses a packet cut short, garbage, bad header flags and text frames with a reason', () => {
    expect(errorOf(PUBLISH_7.slice(0, 10))).toMatch(/cut/);
    expect(errorOf([0x00, 0x00])).toBeTruthy();
    expect(errorOf([0x80, 0x0e, ...SUBSCRIBE_2.slice(2)])).toMatch(/flag/i);
    expect(errorOf([0x30, 0xff, 0xff, 0xff, 0xff, 0x7f])).toBeTruthy();
    expect(errorOf([])).toMatch(/empty/);
    const text = mqtt.decode({ dir: 'send', text: 'PUBLISH', complete: true }, {});
    expect(text).toMatchObject({ ok: false, error: expect.stringMatching(/binary/) });
  });

  it('refuses a frame of more than 10,000 packets instead of making a row of each', () => {
    expect(messages('send', new Array(10_000).fill([0xc0, 0x00]).flat())).toHaveLength(10_000);
    expect(errorOf(new Array(10_001).fill([0xc0, 0x00]).flat())).toBe('10001 packets in one frame (more than 10000)');
  });

  it('a CONNECT with an unknown protocol name is not MQTT', () => {
    const bad = [...CONNECT_311];
    bad[4] = 'X'.charCodeAt(0);
    expect(errorOf(bad)).toMatch(/protocolId/);
  });

  it('never changes the frame', () => {
    const bytes = new Uint8Array([...CONNACK_OK, ...PUBLISH_7]);
    const copy = bytes.slice();
    mqtt.decode({ dir: 'recv', bytes, complete: true }, {});
    mqtt.decode({ dir: 'recv', bytes, complete: false }, {});
    expect(bytes).toEqual(copy);
  });
});

describe('MQTT: only the first bytes loaded (complete: false)', () => {
  const big = built({ cmd: 'publish', topic: 'sensors/big', qos: 1, messageId: 42, payload: 'x'.repeat(2000), retain: false, dup: false });

  it('reads a cut PUBLISH’s topic and id from the prefix', () => {
    const result = mqtt.decode(frame('send', big.slice(0, 512), false), {});
    expect(result).toMatchObject({ ok: true, partial: true });
    if (!result.ok) return;
    expect(result.messages[0].summary).toBe('PUBLISH sensors/big qos1 #42');
    expect(result.messages[0].pair?.key).toBe('mqtt:send:42');
  });

  it('keeps the whole packets before the cut one', () => {
    const result = mqtt.decode(frame('send', [...PUBACK_7, ...big].slice(0, 512), false), {});
    expect(result.ok && result.messages.map((message) => message.summary)).toEqual(['PUBACK #7', 'PUBLISH sensors/big qos1 #42']);
  });

  it('names the type when the prefix ends inside the length', () => {
    const result = mqtt.decode(frame('send', [0x30, 0xff], false), {});
    expect(result.ok && result.messages[0].summary).toBe('PUBLISH (cut)');
  });
});
