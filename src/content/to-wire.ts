/**
 * Turns a validated page event into the summary that the panel receives eagerly, plus the body that
 * the relay keeps for on-demand requests when the payload is longer than its preview.
 */
import { bytesToBase64, utf8Length } from '../shared/codec';
import { LIMITS } from '../shared/limits';
import type { PagePayload } from '../shared/page-link';
import type { WireEvent } from '../shared/protocol';
import { ProtocolError } from '../shared/validate';
import type { StoredBody } from './log';
import { bytesOfBlob } from './read-body';
import type { RelayEvent as PageEvent } from './unpack';

export interface Converted {
  event: Omit<WireEvent, 'seq'>;
  body?: StoredBody;
}

/**
 * A copy of a short string that does not keep its source alive: V8's `slice` makes a view that holds the
 * whole (up to 1 MiB) payload, which would defeat the body budget. Concatenation then slicing flattens a copy.
 */
const detach = (s: string): string => ` ${s}`.slice(1);

interface PayloadSummary {
  binary: boolean;
  size: number;
  preview: string;
  complete: boolean;
  body?: StoredBody;
}

/** What the hook says of a payload besides its data: the whole size when `data` is not whole, and where the body is. */
interface PayloadFacts {
  size?: number;
  kept?: number;
}

/** The Blob in a page event, whose preview must be read (asynchronously) before the event is converted. */
export function blobOf(e: PageEvent): Blob | null {
  return (e.k === 'msg' || e.k === 'send-fail') && e.data instanceof Blob ? e.data : null;
}

export async function readBlobHead(blob: Blob): Promise<Uint8Array> {
  return new Uint8Array(await bytesOfBlob(blob.slice(0, LIMITS.previewBytes)));
}

/** The bytes of `view` in a buffer of their own. */
function copyOf(view: Uint8Array): ArrayBuffer {
  const copy = new Uint8Array(view.byteLength);
  copy.set(view);
  return copy.buffer;
}

function summarise(data: PagePayload | Uint8Array, facts: PayloadFacts, blobHead?: Uint8Array): PayloadSummary {
  const cutAtSize = facts.size;
  if (facts.kept !== undefined) {
    // The body stayed in the hook, which measured it and sent only the preview.
    if (typeof data !== 'string' || cutAtSize === undefined) throw new ProtocolError('event: a kept body needs its preview text and size');
    const preview = data.length <= LIMITS.previewChars ? data : detach(data.slice(0, LIMITS.previewChars));
    return { binary: false, size: cutAtSize, preview, complete: false, body: { inHook: facts.kept } };
  }
  if (typeof data === 'string') {
    const complete = cutAtSize === undefined && data.length <= LIMITS.previewChars;
    return {
      binary: false,
      size: cutAtSize ?? utf8Length(data),
      preview: complete ? data : detach(data.slice(0, LIMITS.previewChars)),
      complete,
      body: complete ? undefined : data,
    };
  }
  const size = cutAtSize ?? (data instanceof Blob ? data.size : data.byteLength);
  const complete = cutAtSize === undefined && size <= LIMITS.previewBytes;
  if (data instanceof Uint8Array) {
    // A view of its batch's pack (unpack.ts): kept as a copy of its own, which does not hold the whole pack.
    // No subarray() or slice(): they look up the view's `constructor`, which Firefox ESR 140 refuses to a content
    // script when the pack came from the page ("Permission denied to access property"); views and set() do not.
    const head = complete ? data : new Uint8Array(data.buffer, data.byteOffset, LIMITS.previewBytes);
    return { binary: true, size, preview: bytesToBase64(head), complete, body: complete ? undefined : copyOf(data) };
  }
  const head =
    data instanceof Blob ? (blobHead ?? new Uint8Array()) : new Uint8Array(data, 0, Math.min(LIMITS.previewBytes, data.byteLength));
  return { binary: true, size, preview: bytesToBase64(head), complete, body: complete ? undefined : data };
}

/** Synchronous, so that the common case costs no promise per event; Blob events pass their head, read first. */
export function toWire(e: PageEvent, blobHead?: Uint8Array): Converted | null {
  switch (e.k) {
    case 'msg': {
      const s = summarise(e.data, e, blobHead);
      const event: Omit<WireEvent, 'seq'> = {
        k: 'msg',
        conn: e.id,
        t: e.t,
        dir: e.dir,
        binary: s.binary,
        size: s.size,
        preview: s.preview,
        complete: s.complete,
      };
      if (e.hash) event.hash = e.hash;
      if (e.injected) event.injected = true;
      if (e.fx) event.fx = e.fx;
      if (e.from) event.from = e.from;
      return { event, body: s.body };
    }
    case 'held': {
      const s = summarise(e.data, e, blobHead);
      const { binary, size, preview, complete } = s;
      const event: Omit<WireEvent, 'seq'> = { k: 'held', conn: e.id, t: e.t, dir: e.dir, binary, size, preview, complete };
      event.hold = e.hold;
      event.ruleId = e.rule;
      return { event, body: s.body };
    }
    case 'rule-error':
      // An error about a rule as a whole (no socket) has no connection: conn 0 is never a socket's id.
      return { event: { k: 'rule-error', conn: e.id ?? 0, t: e.t, ruleId: e.rule, error: e.error } };
    case 'send-fail': {
      const s = summarise(e.data, e, blobHead);
      return {
        event: {
          k: 'send-fail',
          conn: e.id,
          t: e.t,
          dir: 'send',
          binary: s.binary,
          size: s.size,
          preview: s.preview,
          complete: s.complete,
          error: e.error,
        },
        body: s.body,
      };
    }
    case 'create': {
      const event: Omit<WireEvent, 'seq'> = {
        k: 'create',
        conn: e.id,
        t: e.t,
        url: e.url,
        protocols: e.protocols,
        frameUrl: e.frameUrl,
        stack: e.stack,
      };
      if (e.api !== undefined) event.api = e.api;
      return { event };
    }
    case 'open':
      return { event: { k: 'open', conn: e.id, t: e.t, protocol: e.protocol, extensions: e.extensions } };
    case 'error':
      return { event: e.error === undefined ? { k: 'error', conn: e.id, t: e.t } : { k: 'error', conn: e.id, t: e.t, error: e.error } };
    case 'close':
      return { event: { k: 'close', conn: e.id, t: e.t, code: e.code, reason: e.reason, wasClean: e.wasClean } };
    case 'close-call': {
      const event: Omit<WireEvent, 'seq'> = { k: 'close-call', conn: e.id, t: e.t };
      if (e.code !== undefined) event.code = e.code;
      if (e.reason !== undefined) event.reason = e.reason;
      if (e.error !== undefined) event.error = e.error;
      if (e.via !== undefined) event.via = e.via;
      return { event };
    }
    case 'action': {
      const event: Omit<WireEvent, 'seq'> = { k: 'action', conn: e.id, t: e.t, action: e.action, detail: e.detail };
      if (e.error !== undefined) event.error = e.error;
      if (e.rule !== undefined) event.rule = e.rule;
      return { event };
    }
    case 'fault':
    case 'note':
      return null;
  }
}
