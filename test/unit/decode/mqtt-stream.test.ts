import { describe, expect, it } from 'vitest';
import { mqtt } from '../../../src/panel/decode/protocols/mqtt';
import { joinMqttFrames } from '../../../src/panel/decode/protocols/mqtt-stream';

// What aedes 1.2 sent to an MQTT.js 5.16 client through `ws`'s createWebSocketStream, frame by frame
// (captured on loopback): CONNACK, SUBACK #28283, PUBACK #28284, then the broker's PUBLISH #64035.
const AEDES_FRAMES = [
  [32],
  [2],
  [0],
  [0],
  [144],
  [3],
  [110, 123],
  [1],
  [64],
  [2],
  [110, 124],
  [50],
  [18],
  [0, 10],
  [...Buffer.from('sensors/t1')],
  [250, 35],
  [...Buffer.from('21.5')],
];

describe('joining MQTT packets split over several frames', () => {
  it('turns the broker’s one-field frames back into its packets', () => {
    let pending: Uint8Array = new Uint8Array(0);
    const summaries: string[] = [];
    for (const frame of AEDES_FRAMES) {
      const joined = joinMqttFrames(pending, new Uint8Array(frame));
      if (!joined.ok) throw new Error(joined.error);
      pending = joined.pending;
      if (joined.whole.length === 0) continue;
      const result = mqtt.decode({ dir: 'recv', bytes: joined.whole, complete: true }, {});
      if (!result.ok) throw new Error(result.error);
      summaries.push(...result.messages.map((message) => message.summary));
    }
    expect(summaries).toEqual(['CONNACK accepted', 'SUBACK #28283 granted 1', 'PUBACK #28284', 'PUBLISH sensors/t1 qos1 #64035']);
    expect(pending).toHaveLength(0);
  });

  it('keeps whole packets of a frame and carries the cut one over', () => {
    const joined = joinMqttFrames(new Uint8Array(0), new Uint8Array([0x40, 0x02, 0x00, 0x07, 0x32, 0x12, 0x00]));
    expect(joined).toEqual({ ok: true, whole: new Uint8Array([0x40, 0x02, 0x00, 0x07]), pending: new Uint8Array([0x32, 0x12, 0x00]) });
  });

  it('refuses bytes that cannot start an MQTT packet', () => {
    expect(joinMqttFrames(new Uint8Array(0), new Uint8Array([0x00, 0x01]))).toEqual({ ok: false, error: 'not an MQTT fixed header' });
  });

  it('does not wait for a packet that declares more than 16 MiB', () => {
    // A PUBLISH declaring 200,000,000 bytes (remaining length 0x80 0x84 0xaf 0x5f).
    expect(joinMqttFrames(new Uint8Array(0), new Uint8Array([0x30, 0x80, 0x84, 0xaf, 0x5f, 0x00]))).toEqual({
      ok: false,
      error: 'a packet of 200000005 bytes, more than 16777216 can be waited for',
    });
  });
});
