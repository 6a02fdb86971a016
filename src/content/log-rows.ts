/**
 * The relay log's rows, numbered by seq and kept in chunks of columns. A message whose whole payload fits its
 * preview, the bulk of any capture, is kept as numbers plus its text or its bytes, not as a summary object: a
 * flood's 200,000 kept objects were what the page's garbage collector copied and marked again and again, on the
 * page's own threads (bench/PERFORMANCE.md, issue #17, session 17). Its summary (and a binary preview's base64)
 * is built only when a panel reads it. Any other event is kept as the object it came as.
 */
import { bytesToBase64, utf8Length } from '../shared/codec';
import type { WireEvent } from '../shared/protocol';

/** What a row holds; a message row adds RECV when it was received. */
const OBJECT = 0;
const TEXT = 1;
const BYTES = 2;
const RECV = 4;

/** Rows per chunk: small at first (a page with one quiet socket), then large (a flood). */
const FIRST_ROWS = 64;
const MOST_ROWS = 4096;

class Chunk {
  readonly conn: Float64Array;
  readonly t: Float64Array;
  readonly kind: Uint8Array;
  /** A BYTES row: where its bytes begin in `bytes`, and how many. */
  readonly at: Uint32Array;
  readonly length: Uint16Array;
  /** An OBJECT row's event, a TEXT row's text, null for a BYTES row. */
  readonly items: (WireEvent | string | null)[] = [];
  bytes = new Uint8Array(0);
  bytesUsed = 0;
  rows = 0;

  constructor(
    readonly firstSeq: number,
    readonly capacity: number,
  ) {
    this.conn = new Float64Array(capacity);
    this.t = new Float64Array(capacity);
    this.kind = new Uint8Array(capacity);
    this.at = new Uint32Array(capacity);
    this.length = new Uint16Array(capacity);
  }

  /** Copies `payload` into the chunk's byte pool, which doubles as it fills. */
  keepBytes(row: number, payload: Uint8Array) {
    const end = this.bytesUsed + payload.byteLength;
    if (end > this.bytes.byteLength) {
      const grown = new Uint8Array(Math.max(end, this.bytes.byteLength * 2, 4096));
      grown.set(this.bytes.subarray(0, this.bytesUsed));
      this.bytes = grown;
    }
    this.bytes.set(payload, this.bytesUsed);
    this.at[row] = this.bytesUsed;
    this.length[row] = payload.byteLength;
    this.bytesUsed = end;
  }

  /** Row `row` as the panel gets it. */
  event(row: number): WireEvent {
    const kind = this.kind[row];
    if (kind === OBJECT) return this.items[row] as WireEvent;
    const conn = this.conn[row];
    const t = this.t[row];
    const dir = kind & RECV ? 'recv' : 'send';
    const seq = this.firstSeq + row;
    if (kind & BYTES) {
      const bytes = new Uint8Array(this.bytes.buffer, this.at[row], this.length[row]);
      return { k: 'msg', conn, t, dir, binary: true, size: bytes.byteLength, preview: bytesToBase64(bytes), complete: true, seq };
    }
    const text = this.items[row] as string;
    return { k: 'msg', conn, t, dir, binary: false, size: utf8Length(text), preview: text, complete: true, seq };
  }
}

/** Payload of a whole message: its text (at most LIMITS.previewChars) or its bytes (at most LIMITS.previewBytes). */
export type WholePayload = string | Uint8Array;

export class LogRows {
  private readonly chunks: Chunk[] = [];
  /** The chunk new rows go to; an empty one of no rows before the first. */
  private tail = new Chunk(1, 0);
  /** The oldest row kept: rows before it were dropped, even where their chunk is still here. */
  private first = 1;
  private next = 1;

  get firstSeq(): number {
    return this.first;
  }

  get nextSeq(): number {
    return this.next;
  }

  get size(): number {
    return this.next - this.first;
  }

  /** Keeps `event` (numbered in place: the caller gives a fresh object) and answers its seq. */
  addEvent(event: Omit<WireEvent, 'seq'>): number {
    const row = this.newRow();
    const chunk = this.tail;
    const stored = event as WireEvent;
    stored.seq = chunk.firstSeq + row;
    chunk.kind[row] = OBJECT;
    chunk.items[row] = stored;
    return stored.seq;
  }

  /** Keeps a message whose whole payload fits its preview, as columns; answers its seq. */
  addMessage(conn: number, t: number, dir: 'send' | 'recv', payload: WholePayload): number {
    const row = this.newRow();
    const chunk = this.tail;
    chunk.conn[row] = conn;
    chunk.t[row] = t;
    const received = dir === 'recv' ? RECV : 0;
    if (typeof payload === 'string') {
      chunk.kind[row] = TEXT | received;
      chunk.items[row] = payload;
    } else {
      chunk.kind[row] = BYTES | received;
      chunk.items[row] = null;
      chunk.keepBytes(row, payload);
    }
    return chunk.firstSeq + row;
  }

  /** At most `max` rows after `seq`, oldest first, as summary objects. */
  since(seq: number, max: number): WireEvent[] {
    const out: WireEvent[] = [];
    let s = Math.max(seq + 1, this.first);
    const end = Math.min(this.next, s + Math.max(0, max));
    let c = this.chunkIndexOf(s);
    while (s < end) {
      const chunk = this.chunks[c++];
      const last = Math.min(end, chunk.firstSeq + chunk.rows);
      for (; s < last; s++) out.push(chunk.event(s - chunk.firstSeq));
    }
    return out;
  }

  /** Drops the oldest `count` rows; a chunk goes once none of its rows is kept. */
  dropOldest(count: number) {
    this.first = Math.min(this.next, this.first + count);
    // The tail stays even when all its rows went: new rows go there, and the next chunk's size follows its own.
    while (this.chunks.length > 1 && this.chunks[0].firstSeq + this.chunks[0].capacity <= this.first) this.chunks.shift();
  }

  /** A new row in the last chunk (`tail`), which is full only when a new one is made. */
  private newRow(): number {
    if (this.tail.rows === this.tail.capacity) {
      this.tail = new Chunk(this.next, Math.min(MOST_ROWS, Math.max(FIRST_ROWS, this.tail.capacity * 2)));
      this.chunks.push(this.tail);
    }
    this.next++;
    return this.tail.rows++;
  }

  /** The chunk holding `seq` (a kept row), by halving: a long capture has hundreds of chunks. */
  private chunkIndexOf(seq: number): number {
    let lo = 0;
    let hi = this.chunks.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.chunks[mid].firstSeq <= seq) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }
}
