/**
 * aedes writes each MQTT packet in pieces (fixed header, length, variable header, payload), and a WebSocket
 * stream sends every piece as a frame of its own. MQTT over WebSocket allows that, but brokers such as
 * Mosquitto, EMQX or HiveMQ send one whole packet per frame, which is what a panel shows as one row. This
 * re-frames the broker's output so that each WebSocket message carries exactly one packet.
 */
import { Duplex, Transform } from 'node:stream';
import { createWebSocketStream, type WebSocket } from 'ws';

/** The size of the first whole packet in `bytes` (fixed header + remaining length), or null if it is incomplete. */
export function mqttPacketSize(bytes: Buffer): number | null {
  let remaining = 0;
  for (let i = 1; i <= 4; i++) {
    if (i >= bytes.length) return null;
    remaining += (bytes[i] & 0x7f) * 128 ** (i - 1);
    if ((bytes[i] & 0x80) === 0) {
      const size = 1 + i + remaining;
      return size <= bytes.length ? size : null;
    }
  }
  throw new Error('an MQTT remaining length longer than 4 bytes');
}

/** Cuts a byte stream into whole MQTT packets, one chunk each. */
export function packetFramer(): Transform {
  let pending = Buffer.alloc(0);
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      pending = Buffer.concat([pending, chunk]);
      try {
        for (let size = mqttPacketSize(pending); size !== null; size = mqttPacketSize(pending)) {
          this.push(pending.subarray(0, size));
          pending = pending.subarray(size);
        }
        done();
      } catch (error) {
        done(error as Error);
      }
    },
  });
}

/** A duplex stream over `ws` for the broker: what it reads comes from the socket, what it writes leaves one packet per frame. */
export function packetPerFrameStream(ws: WebSocket): Duplex {
  const socket = createWebSocketStream(ws);
  const framer = packetFramer();
  framer.pipe(socket);
  return Duplex.from({ readable: socket, writable: framer });
}
