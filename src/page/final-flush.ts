/**
 * When a document goes away (an iframe removed, a navigation), events still waiting for the next
 * batch, and batches posted but not yet delivered, would die with it: a MessagePort message is
 * delivered in a later task, which a dying document never runs. So on pagehide the hook hands them
 * over synchronously, as a string in a CustomEvent the relay reads at once. Written with operators
 * only: JSON and btoa belong to the page.
 */
import { LIMITS } from '../shared/limits';
import type { BodyTrim, PackedBytes, PageEventTuple } from '../shared/page-link';
import { carriesPayload, PAYLOAD } from '../shared/page-tuples';
import type { Natives } from './natives';
import type { Arena } from './pack';
import type { PostedBatch } from './posted';

/** The natives the hand-over's writer uses. */
export type FlushNatives = Pick<Natives, 'apply' | 'charCodeAt' | 'Uint8Array' | 'abByteLength' | 'isArray' | 'blobSize' | 'hasOwn'>;

const HEX = '0123456789abcdef';
const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

function quote(n: FlushNatives, text: string): string {
  let out = '"';
  for (let i = 0; i < text.length; i++) {
    const c = n.apply(n.charCodeAt, text, [i]) as number;
    if (c === 34) out += '\\"';
    else if (c === 92) out += '\\\\';
    else if (c < 32 || (c >= 0xd800 && c <= 0xdfff)) {
      out += `\\u${HEX[(c >> 12) & 15]}${HEX[(c >> 8) & 15]}${HEX[(c >> 4) & 15]}${HEX[c & 15]}`;
    } else out += text[i];
  }
  return `${out}"`;
}

/** Base64 of `bytes` from `from` to `to`. */
function base64(bytes: Uint8Array, from: number, to: number): string {
  let out = '';
  for (let i = from; i < to; i += 3) {
    const a = bytes[i];
    const b = i + 1 < to ? bytes[i + 1] : 0;
    const c = i + 2 < to ? bytes[i + 2] : 0;
    out += B64[a >> 2] + B64[((a & 3) << 4) | (b >> 4)];
    out += i + 1 < to ? B64[((b & 15) << 2) | (c >> 6)] : '=';
    out += i + 2 < to ? B64[c & 63] : '=';
  }
  return out;
}

/** JSON for a value the hook wrote (numbers, strings, booleans, lists and its own small objects); undefined as null. */
function value(n: FlushNatives, v: unknown): string {
  if (typeof v === 'string') return quote(n, v);
  if (typeof v === 'number' || typeof v === 'boolean') return `${v}`;
  if (typeof v !== 'object' || v === null) return 'null';
  if (n.apply(n.isArray, null, [v])) {
    const list = v as unknown[];
    let out = '[';
    for (let i = 0; i < list.length; i++) out += (i ? ',' : '') + value(n, list[i]);
    return `${out}]`;
  }
  const object = v as Readonly<Record<string, unknown>>;
  let fields = '';
  for (const key in object) {
    if (!n.apply(n.hasOwn, object, [key]) || object[key] === undefined) continue;
    fields += `${fields ? ',' : ''}${quote(n, key)}:${value(n, object[key])}`;
  }
  return `{${fields}}`;
}

/**
 * A binary payload, in the forms of shared/page-link.ts's handoverPayload: an ArrayBuffer, or a place in the
 * batch's arena (pack.ts), as {"base64": …}; a Blob (unreadable now) as {"blob": size}; an ArrayBuffer already
 * transferred to the relay (detached) as {"gone": true}.
 */
function payload(n: FlushNatives, v: object, arena: Arena | null): string {
  if (n.apply(n.hasOwn, v, ['p'])) {
    const { p, n: length } = v as PackedBytes;
    return arena ? `{"base64":${quote(n, base64(arena.bytes, p, p + length))}}` : '{"gone":true}';
  }
  try {
    const length = n.apply(n.abByteLength, v, []) as number;
    return `{"base64":${quote(n, base64(new n.Uint8Array(v as ArrayBuffer), 0, length))}}`;
  } catch {
    // not a readable ArrayBuffer
  }
  try {
    return `{"blob":${n.apply(n.blobSize, v, [])}}`;
  } catch {
    return '{"gone":true}';
  }
}

/**
 * The events as JSON text, each in its array form (an absent value as null, which the relay reads back as
 * undefined), payloads as payload() writes them; packed ones read from `arena`.
 */
export function serializeEvents(n: FlushNatives, events: readonly PageEventTuple[], arena: Arena | null = null): string {
  let out = '[';
  for (let e = 0; e < events.length; e++) {
    const event = events[e];
    let values = '';
    for (let i = 0; i < event.length; i++) {
      const v = event[i];
      const encoded = i === PAYLOAD && carriesPayload(event) && typeof v === 'object' && v !== null ? payload(n, v, arena) : value(n, v);
      values += `${i ? ',' : ''}${encoded}`;
    }
    out += `${e ? ',' : ''}[${values}]`;
  }
  return `${out}]`;
}

/** `,"trimmed":[…]` for the bodies the hook let go of (nothing when there are none). */
function trimsField(trims: readonly BodyTrim[] | undefined): string {
  if (!trims || trims.length === 0) return '';
  let out = '';
  for (let i = 0; i < trims.length; i++) out += `${i ? ',' : ''}{"id":${trims[i].id},"bytes":${trims[i].bytes}}`;
  return `,"trimmed":[${out}]`;
}

/**
 * The final hand-over (shared/page-link.ts's `handover`): the hook's token, the batches in flight with the trims each
 * reported, then the events not yet posted (`queueArena`: where their packed payloads are) and the trims not yet
 * reported. Long text bodies are not written: their events carry the preview, the size and `kept`.
 */
export function serializeFinal(
  n: FlushNatives,
  token: string,
  inFlight: readonly PostedBatch[],
  queue: readonly PageEventTuple[],
  queueArena: Arena | null = null,
  trimmed?: readonly BodyTrim[],
): string {
  let posted = '';
  for (let i = 0; i < inFlight.length; i++) {
    const batch = inFlight[i];
    posted += `${i ? ',' : ''}{"b":${batch.b},"events":${serializeEvents(n, batch.events, batch.arena)}${trimsField(batch.trimmed)}}`;
  }
  return `{"token":${quote(n, token)},"posted":[${posted}],"queue":${serializeEvents(n, queue, queueArena)}${trimsField(trimmed)}}`;
}

/** The hand-over's secret: random bits as hex, told to the relay where no page script listens. */
export function handoverToken(n: Natives): string {
  const length = LIMITS.handoverToken / 2;
  const bytes = new n.Uint8Array(length);
  n.apply(n.getRandomValues, n.crypto, [bytes]);
  let out = '';
  for (let i = 0; i < length; i++) out += HEX[bytes[i] >> 4] + HEX[bytes[i] & 15];
  return out;
}
