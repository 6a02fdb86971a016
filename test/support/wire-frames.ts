/**
 * The browser's own account of WebSocket traffic, to check the capture against: Chromium reports
 * every socket and data frame through CDP (Network.webSocketCreated, webSocketFrameSent/Received).
 * `compareWithWire` pairs each reported socket with a captured connection (same URL, same order)
 * and compares their frames per direction, in order and byte for byte.
 */
import type { CDPSession, Page } from 'puppeteer-core';
import type { CapturedEvent, CaptureReader, CaptureSnapshot } from './capture-reader';

export interface WireFrame {
  dir: 'send' | 'recv';
  binary: boolean;
  bytes: Buffer;
}

export interface WireSocket {
  requestId: string;
  url: string;
  frames: WireFrame[];
}

export interface WireRecorder {
  sockets(): WireSocket[];
  stop(): Promise<void>;
}

interface FramePayload {
  requestId: string;
  response: { opcode: number; payloadData: string };
}

/** Starts recording on `page` (its main frame and same-process child frames). */
export async function recordWireFrames(page: Page): Promise<WireRecorder> {
  const cdp: CDPSession = await page.createCDPSession();
  const sockets = new Map<string, WireSocket>();
  const onFrame = (dir: 'send' | 'recv') => (e: FramePayload) => {
    const { opcode, payloadData } = e.response;
    if (opcode !== 1 && opcode !== 2) return; // data frames only: 1 text, 2 binary
    sockets.get(e.requestId)?.frames.push({
      dir,
      binary: opcode === 2,
      bytes: opcode === 1 ? Buffer.from(payloadData, 'utf8') : Buffer.from(payloadData, 'base64'),
    });
  };
  cdp.on('Network.webSocketCreated', (e: { requestId: string; url: string }) => {
    sockets.set(e.requestId, { requestId: e.requestId, url: e.url, frames: [] });
  });
  cdp.on('Network.webSocketFrameSent', onFrame('send'));
  cdp.on('Network.webSocketFrameReceived', onFrame('recv'));
  await cdp.send('Network.enable');
  return {
    sockets: () => [...sockets.values()],
    stop: () => cdp.detach().catch(() => undefined),
  };
}

/** A URL without its user:password (CDP reports socket URLs without credentials). */
const withoutCredentials = (url: string) => url.replace(/^(wss?:\/\/)[^@/]*@/, '$1');

export interface PairedSocket {
  wire: WireSocket;
  create: CapturedEvent;
  /** Captured message events of the connection, per direction, in capture order. */
  sent: CapturedEvent[];
  received: CapturedEvent[];
}

/** Pairs every socket the browser reported with the captured connection it must be. */
export function pairSockets(capture: CaptureSnapshot, wire: WireSocket[]): PairedSocket[] {
  const creates = capture.events.filter((e) => e.k === 'create');
  const used = new Set<CapturedEvent>();
  return wire.map((socket) => {
    const create = creates.find((c) => !used.has(c) && withoutCredentials(c.url ?? '') === withoutCredentials(socket.url));
    if (!create) throw new Error(`the browser reported a socket to ${socket.url} that was not captured`);
    used.add(create);
    const msgs = capture.events.filter((e) => e.frame === create.frame && e.conn === create.conn && e.k === 'msg');
    return { wire: socket, create, sent: msgs.filter((e) => e.dir === 'send'), received: msgs.filter((e) => e.dir === 'recv') };
  });
}

export interface FrameMismatch {
  url: string;
  dir: 'send' | 'recv';
  index: number;
  wire?: string;
  captured?: string;
}

const REPLACEMENT = Buffer.from('\uFFFD');

/**
 * The captured payload is the frame: the same bytes, or, when the hook cut it (it then keeps a hash),
 * the exact size and a prefix of the frame's bytes. A text cut between the two halves of a
 * surrogate pair ends in U+FFFD where the frame goes on with the whole character.
 */
function samePayload(wire: Buffer, event: CapturedEvent, bytes: Buffer): boolean {
  if (event.hash === undefined) return wire.equals(bytes) && event.size === bytes.length;
  if (event.size !== wire.length || bytes.length >= wire.length) return false;
  if (wire.subarray(0, bytes.length).equals(bytes)) return true;
  const cutPair = !event.binary && bytes.subarray(-3).equals(REPLACEMENT);
  return cutPair && wire.subarray(0, bytes.length - 3).equals(bytes.subarray(0, -3));
}

const show = (binary: boolean, bytes: Buffer) => `${binary ? 'binary' : 'text'} ${bytes.length} B ${bytes.subarray(0, 24).toString('hex')}`;

/**
 * Every frame the browser reported, compared with the capture: same count, order, kind and bytes
 * (see samePayload for payloads the hook cut).
 * Returns the mismatches (empty when the capture is exact), how many frames were compared, and the
 * sent frames CDP cannot show: Chromium reports a frame sent from a Blob with an empty payload
 * (its bytes travel through the blob pipe, past the inspector), so for those only the kind and
 * position are checked here, and callers check the bytes against the echo.
 */
export async function compareWithWire(reader: CaptureReader, capture: CaptureSnapshot, wire: WireSocket[]) {
  const mismatches: FrameMismatch[] = [];
  const blobSends: { url: string; index: number; captured: CapturedEvent }[] = [];
  let compared = 0;
  for (const pair of pairSockets(capture, wire)) {
    for (const dir of ['send', 'recv'] as const) {
      const frames = pair.wire.frames.filter((f) => f.dir === dir);
      const events = dir === 'send' ? pair.sent : pair.received;
      const count = Math.max(frames.length, events.length);
      for (let i = 0; i < count; i++) {
        const frame = frames[i];
        const event = events[i];
        const bytes = event ? await reader.bytes(event) : undefined;
        compared++;
        if (dir === 'send' && frame?.binary && frame.bytes.length === 0 && event?.binary && bytes && bytes.length > 0) {
          blobSends.push({ url: pair.wire.url, index: i, captured: event });
          continue;
        }
        const same = frame && event && bytes && frame.binary === event.binary && samePayload(frame.bytes, event, bytes);
        if (!same) {
          mismatches.push({
            url: pair.wire.url,
            dir,
            index: i,
            wire: frame && show(frame.binary, frame.bytes),
            captured: event && bytes && `${show(event.binary ?? false, bytes)} (size ${event.size})`,
          });
        }
      }
    }
  }
  return { mismatches, compared, blobSends };
}
