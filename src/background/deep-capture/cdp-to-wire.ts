/**
 * Turns the Network domain's WebSocket events, as Chromium's debugger reports them for one worker target,
 * into the panel's WireEvents (without `seq`, which the worker's pseudo-document numbers). Pure: no
 * clock, no I/O; the caller passes the wall-clock time for events that carry none.
 *
 * What the debugger reports, measured in Chromium 156: `webSocketCreated` (URL and the creating stack),
 * `webSocketHandshakeResponseReceived` (status and headers), each data message as `webSocketFrameSent` /
 * `webSocketFrameReceived` (opcode 1: the text; opcode 2: the bytes as base64), `webSocketFrameError`
 * and `webSocketClosed`, which has no close code and no reason: those never reach the debugger.
 */
import { base64ToBytes, utf8Length } from '../../shared/codec';
import { LIMITS } from '../../shared/limits';
import type { PayloadBody, WireEvent } from '../../shared/protocol';

export interface Converted {
  event: Omit<WireEvent, 'seq'>;
  /** The whole payload, when it is longer than the preview the summary carries. */
  body?: PayloadBody;
}

/** One worker's sockets: the debugger names them by requestId, the panel by a small integer. */
export interface SocketIds {
  byRequest: Map<string, number>;
  /** Each socket's create time: `webSocketCreated` has no timestamp, so it gets the time it arrived. */
  createdAt: Map<number, number>;
  next: number;
}

export const newSocketIds = (): SocketIds => ({ byRequest: new Map(), createdAt: new Map(), next: 1 });

/**
 * Wall-clock ms for an event. CDP `timestamp`s are monotonic seconds; the handshake request also
 * carries `wallTime` (epoch seconds), from which the offset between the two clocks is learnt once.
 */
export class EventClock {
  private offsetMs: number | null = null;

  learn(params: Record<string, unknown>): void {
    if (typeof params.wallTime === 'number' && typeof params.timestamp === 'number') {
      this.offsetMs = params.wallTime * 1000 - params.timestamp * 1000;
    }
  }

  wallTime(params: Record<string, unknown>, now: number): number {
    if (this.offsetMs === null || typeof params.timestamp !== 'number') return now;
    return Math.round((params.timestamp * 1000 + this.offsetMs) * 1000) / 1000;
  }
}

/**
 * The debugger reports whole payloads (measured: 3 MiB of text and of bytes, uncut). Bodies are kept to the
 * page hook's cap, so one message cannot exceed what a runtime message carries; the size stays exact and the
 * detail pane says how much it shows. Base64 is cut at a multiple of 4 characters (whole bytes).
 */
const BODY_BASE64_CAP = Math.floor(LIMITS.pagePayloadCap / 3) * 4;

const clip = (text: string) => (text.length > LIMITS.shortText ? text.slice(0, LIMITS.shortText) : text);

/** A header value, whatever its case (the debugger passes the headers as the network stack has them). */
function header(headers: unknown, name: string): string {
  if (typeof headers !== 'object' || headers === null) return '';
  for (const [key, value] of Object.entries(headers)) if (key.toLowerCase() === name && typeof value === 'string') return value;
  return '';
}

/** The creating stack, one "function (url:line:column)" per line, as the page hook writes it. */
export function stackOf(initiator: unknown): string {
  const frames = (initiator as { stack?: { callFrames?: unknown } } | undefined)?.stack?.callFrames;
  if (!Array.isArray(frames)) return '';
  const lines: string[] = [];
  for (const frame of frames.slice(0, LIMITS.pageStackFrames)) {
    const f = frame as { functionName?: unknown; url?: unknown; lineNumber?: unknown; columnNumber?: unknown };
    const where = `${String(f.url ?? '')}:${Number(f.lineNumber ?? 0) + 1}:${Number(f.columnNumber ?? 0) + 1}`;
    lines.push(typeof f.functionName === 'string' && f.functionName ? `${f.functionName} (${where})` : where);
  }
  return clip(lines.join('\n'));
}

function message(dir: 'send' | 'recv', conn: number, t: number, response: unknown): Converted | null {
  const { opcode, payloadData } = (response ?? {}) as { opcode?: unknown; payloadData?: unknown };
  if (typeof payloadData !== 'string') return null;
  if (opcode === 1) {
    const complete = payloadData.length <= LIMITS.previewChars;
    const event = { k: 'msg', conn, t, dir, binary: false, size: utf8Length(payloadData), complete } as const;
    return complete
      ? { event: { ...event, preview: payloadData } }
      : {
          event: { ...event, preview: payloadData.slice(0, LIMITS.previewChars) },
          body: { text: payloadData.slice(0, LIMITS.pagePayloadCap) },
        };
  }
  if (opcode === 2) {
    const bytes = base64ToBytes(payloadData) ?? new Uint8Array();
    const complete = bytes.length <= LIMITS.previewBytes;
    // The preview is the first previewBytes bytes: 4 base64 characters per 3 bytes, and 512 is not a multiple of 3.
    const preview = complete ? payloadData : base64Head(bytes);
    const event = { k: 'msg', conn, t, dir, binary: true, size: bytes.length, complete, preview } as const;
    return complete ? { event } : { event, body: { base64: payloadData.slice(0, BODY_BASE64_CAP) } };
  }
  return null; // control frames (ping, pong, close) are not data messages; Chromium does not report them anyway
}

function base64Head(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes.subarray(0, LIMITS.previewBytes)) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/**
 * One CDP event → at most one WireEvent. Events of sockets the worker created before Deep capture
 * attached (unknown requestIds) are left out: their creation was never seen, so they are not this capture's.
 */
export function cdpToWire(method: string, params: Record<string, unknown>, ids: SocketIds, t: number): Converted | null {
  const requestId = typeof params.requestId === 'string' ? params.requestId : '';
  if (method === 'Network.webSocketCreated') {
    if (ids.byRequest.has(requestId)) return null;
    const conn = ids.next++;
    ids.byRequest.set(requestId, conn);
    ids.createdAt.set(conn, t);
    return { event: { k: 'create', conn, t, url: clip(String(params.url ?? '')), protocols: [], stack: stackOf(params.initiator) } };
  }
  const conn = ids.byRequest.get(requestId);
  if (conn === undefined) return null;
  // The create's arrival time can be later than a following event's CDP timestamp (two clocks): keep the
  // socket's events after its create, so the timeline shows them in the order they happened.
  t = Math.max(t, ids.createdAt.get(conn) ?? t);
  switch (method) {
    case 'Network.webSocketHandshakeResponseReceived': {
      const response = params.response as { status?: unknown; headers?: unknown } | undefined;
      if (response?.status !== 101) return null; // a refused handshake ends in webSocketFrameError / webSocketClosed
      const protocol = clip(header(response.headers, 'sec-websocket-protocol'));
      return { event: { k: 'open', conn, t, protocol, extensions: clip(header(response.headers, 'sec-websocket-extensions')) } };
    }
    case 'Network.webSocketFrameSent':
      return message('send', conn, t, params.response);
    case 'Network.webSocketFrameReceived':
      return message('recv', conn, t, params.response);
    case 'Network.webSocketFrameError':
      return { event: { k: 'error', conn, t, error: clip(String(params.errorMessage ?? '')) } };
    case 'Network.webSocketClosed':
      ids.byRequest.delete(requestId);
      ids.createdAt.delete(conn);
      return { event: { k: 'close', conn, t } };
    default:
      return null;
  }
}

/**
 * The worker went away (terminated, or its page navigated) while some of its sockets were open and the
 * debugger reported no close for them. A socket cannot outlive its worker, so each gets a close, without
 * the code and reason nobody reported, and with the reason it is known to be closed.
 */
export function socketsGone(ids: SocketIds, t: number, why: string): Converted[] {
  const out: Converted[] = [];
  for (const conn of ids.byRequest.values()) out.push({ event: { k: 'close', conn, t, wasClean: false, error: clip(why) } });
  ids.byRequest.clear();
  return out;
}

/** Deep capture stopped while the worker and its sockets live on: each open socket says its later events are not captured. */
export function socketsUnfollowed(ids: SocketIds, t: number, why: string): Converted[] {
  const out: Converted[] = [];
  for (const conn of ids.byRequest.values()) out.push({ event: { k: 'error', conn, t, error: clip(why) } });
  ids.byRequest.clear();
  return out;
}
