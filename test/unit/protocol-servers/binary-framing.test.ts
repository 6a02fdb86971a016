// @vitest-environment node
// (phoenix.ts reaches support/paths.ts, which needs a file: import.meta.url.)
import { describe, expect, it } from 'vitest';
import { mqttPacketSize, packetFramer } from '../../support/protocols/mqtt-framing';
import { decodeBinaryPush, encodeBinaryBroadcast } from '../../support/protocols/phoenix';
import { missingInOrder } from '../../support/protocols/run';

const bytes = (hex: string) => Buffer.from(hex.replaceAll(' ', ''), 'hex');

describe('MQTT packet framing (the fixture broker sends one packet per frame)', () => {
  it('measures the first whole packet, or null while it is incomplete', () => {
    expect(mqttPacketSize(bytes('20 02 00 00 d0 00'))).toBe(4);
    expect(mqttPacketSize(bytes('20 02 00'))).toBeNull();
    expect(mqttPacketSize(bytes('30'))).toBeNull();
    // A remaining length of 200 takes two bytes (c8 01).
    expect(mqttPacketSize(Buffer.concat([bytes('30 c8 01'), Buffer.alloc(200)]))).toBe(203);
    expect(mqttPacketSize(Buffer.concat([bytes('30 c8 01'), Buffer.alloc(199)]))).toBeNull();
    expect(() => mqttPacketSize(bytes('30 ff ff ff ff 01'))).toThrow(/longer than 4 bytes/);
  });

  it('joins pieces into packets and cuts a run of packets apart', async () => {
    const framer = packetFramer();
    const out: string[] = [];
    framer.on('data', (chunk: Buffer) => out.push(chunk.toString('hex')));
    for (const piece of ['20', '02', '0000', '9003ea', '7201d000']) framer.write(bytes(piece));
    framer.end();
    await new Promise((resolve) => framer.on('end', resolve));
    expect(out).toEqual(['20020000', '9003ea7201', 'd000']);
  });
});

describe('Phoenix V2 binary messages (the fixture endpoint)', () => {
  it('reads the binary push the phoenix client sent in the e2e run', () => {
    expect(decodeBinaryPush(bytes('0001020a06383130726f6f6d3a6c6f62627975706c6f6164010203fa'))).toEqual({
      joinRef: '8',
      ref: '10',
      topic: 'room:lobby',
      event: 'upload',
      payload: bytes('010203fa'),
    });
  });

  it('refuses another kind, or a push cut short', () => {
    expect(() => decodeBinaryPush(bytes('02 01 01 61 62'))).toThrow(/not a binary push/);
    expect(() => decodeBinaryPush(bytes('00 01 02 0a 06 38 31'))).toThrow(/cut short/);
  });

  it('writes a binary broadcast: kind 2, topic and event sizes, then the strings and the payload', () => {
    expect(encodeBinaryBroadcast('t', 'ev', bytes('ff')).toString('hex')).toBe('020102746576ff');
  });
});

describe('missingInOrder', () => {
  it('finds expectations in order, with other lines between, and names the first one missing', () => {
    const lines = ['send a', 'recv b', 'send c', 'recv d'];
    expect(missingInOrder(lines, ['send a', /^send/, 'recv d'])).toBeNull();
    expect(missingInOrder(lines, ['recv d', 'send a'])).toBe('send a');
    expect(missingInOrder(lines, [/^recv x/])).toEqual(/^recv x/);
  });
});
