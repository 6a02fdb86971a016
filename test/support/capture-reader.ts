/**
 * Reads what SocketScope captured, the way the panel does: from inside an extension page (the real
 * DevTools panel frame, or the panel page opened in a tab) it opens a `socketscope-panel` port,
 * subscribes to the inspected tab and syncs, which drives the real relays and background. Payload
 * bodies are fetched with `getPayload`, so byte-exact checks see exactly what the panel would show.
 * Nothing here ships in the extension: the reader lives in the test's evaluate calls.
 */
import type { Frame, Page } from 'puppeteer-core';
import type { FrameInfo, PayloadBody, RelayCounters, WireEvent } from '../../src/shared/protocol';

export interface CapturedEvent extends WireEvent {
  /** The key of the document (relay) that holds the event. */
  frame: string;
}

export interface CaptureSnapshot {
  frames: FrameInfo[];
  /** Every event, per document in capture order (seq), documents in the order they said hello. */
  events: CapturedEvent[];
  counters: Record<string, RelayCounters>;
  errors: string[];
}

export interface CaptureReader {
  read(): Promise<CaptureSnapshot>;
  /** Polls until `predicate` holds for the capture, and returns that capture. */
  waitFor(predicate: (capture: CaptureSnapshot) => boolean, timeout?: number, what?: string): Promise<CaptureSnapshot>;
  /** The whole stored payload of a message event (the preview when it is complete). */
  body(event: CapturedEvent): Promise<PayloadBody>;
  /**
   * Says to the background what the panel would (`{type: 'msg-rules', rules}`, `{type: 'command', …}`).
   * Message rules are kept and said again to every document that says hello, as the panel does.
   */
  post(message: Record<string, unknown>): Promise<void>;
  /** The payload as bytes: text is UTF-8 encoded as a socket sends it. */
  bytes(event: CapturedEvent): Promise<Buffer>;
  close(): Promise<void>;
}

type Context = Frame | Page;

interface ReaderGlobal {
  socketscopeReader?: {
    frames: Record<string, FrameInfo>;
    order: string[];
    events: Record<string, Record<number, WireEvent>>;
    counters: Record<string, RelayCounters>;
    errors: string[];
    payload(frame: string, seq: number): Promise<PayloadBody>;
    post(message: Record<string, unknown>): void;
    close(): void;
  };
}

/** Attaches a reader to the extension page `context` for the tab `tabId`. */
export async function attachCaptureReader(context: Context, tabId: number): Promise<CaptureReader> {
  await context.evaluate((tabId: number) => {
    const g = globalThis as unknown as ReaderGlobal & { browser?: typeof chrome; chrome?: typeof chrome };
    g.socketscopeReader?.close();
    const api = g.browser ?? g.chrome;
    if (!api?.runtime?.connect) throw new Error('not an extension page');
    const port = api.runtime.connect({ name: 'socketscope-panel' });
    const state: NonNullable<ReaderGlobal['socketscopeReader']> = {
      frames: {},
      order: [],
      events: {},
      counters: {},
      errors: [],
      payload: (frame, seq) =>
        new Promise((resolve) => {
          const requestId = nextRequest++;
          pending.set(requestId, resolve);
          port.postMessage({ type: 'getPayload', requestId, frame, seq });
        }),
      post(message) {
        if (message.type === 'msg-rules') msgRules = message;
        port.postMessage(message);
      },
      close: () => port.disconnect(),
    };
    let msgRules: Record<string, unknown> | null = null;
    let nextRequest = 1;
    const pending = new Map<number, (body: PayloadBody) => void>();
    const noteFrame = (frame: FrameInfo) => {
      if (!state.frames[frame.key]) state.order.push(frame.key);
      state.frames[frame.key] = frame;
      state.events[frame.key] ??= {};
    };
    const since = () => {
      const out: Record<string, number> = {};
      for (const key of state.order) {
        const seqs = Object.keys(state.events[key]).map(Number);
        out[key] = seqs.length ? Math.max(...seqs) : 0;
      }
      return out;
    };
    port.onMessage.addListener((message: Record<string, unknown>) => {
      if (message.type === 'hello') {
        noteFrame(message.frame as FrameInfo);
        if (msgRules) port.postMessage(msgRules);
        port.postMessage({ type: 'sync', since: since() });
      } else if (message.type === 'events') {
        const frame = message.frame as FrameInfo;
        noteFrame(frame);
        // A batch's events travel as their JSON (src/shared/event-batch.ts); the panel checks them, this reader trusts them.
        for (const event of JSON.parse(message.events as string) as WireEvent[]) state.events[frame.key][event.seq] = event;
        state.counters[frame.key] = message.counters as RelayCounters;
      } else if (message.type === 'payload') {
        pending.get(message.requestId as number)?.(message.body as PayloadBody);
        pending.delete(message.requestId as number);
      } else if (message.type === 'error') state.errors.push(String(message.message));
    });
    port.postMessage({ type: 'subscribe', tabId });
    port.postMessage({ type: 'sync', since: {} });
    g.socketscopeReader = state;
  }, tabId);

  const read = async (): Promise<CaptureSnapshot> =>
    context.evaluate(() => {
      const state = (globalThis as unknown as ReaderGlobal).socketscopeReader;
      if (!state) throw new Error('the capture reader is not attached');
      const events: CapturedEvent[] = [];
      for (const key of state.order) {
        const seqs = Object.keys(state.events[key])
          .map(Number)
          .sort((a, b) => a - b);
        for (const seq of seqs) events.push({ ...state.events[key][seq], frame: key });
      }
      return { frames: state.order.map((k) => state.frames[k]), events, counters: state.counters, errors: state.errors };
    });

  const body = async (event: CapturedEvent): Promise<PayloadBody> => {
    if (event.complete && event.preview !== undefined) return event.binary ? { base64: event.preview } : { text: event.preview };
    return context.evaluate(
      (frame: string, seq: number) => (globalThis as unknown as ReaderGlobal).socketscopeReader!.payload(frame, seq),
      event.frame,
      event.seq,
    );
  };

  return {
    read,
    body,
    async waitFor(predicate, timeout = 15_000, what = 'the expected capture') {
      const deadline = Date.now() + timeout;
      for (;;) {
        const capture = await read();
        if (predicate(capture)) return capture;
        if (Date.now() > deadline) {
          throw new Error(`timed out waiting for ${what}; captured:\n${summarise(capture)}`);
        }
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    },
    async post(message) {
      await context.evaluate(
        (message: Record<string, unknown>) => (globalThis as unknown as ReaderGlobal).socketscopeReader!.post(message),
        message,
      );
    },
    async bytes(event) {
      const b = await body(event);
      if ('text' in b) return Buffer.from(b.text, 'utf8');
      if ('base64' in b) return Buffer.from(b.base64, 'base64');
      throw new Error(`payload of event ${event.seq} is missing: ${b.missing}`);
    },
    async close() {
      await context.evaluate(() => (globalThis as unknown as ReaderGlobal).socketscopeReader?.close()).catch(() => undefined);
    },
  };
}

/** One line per event, for failure messages. */
export function summarise(capture: CaptureSnapshot): string {
  return capture.events
    .map((e) => {
      const detail =
        e.k === 'msg' || e.k === 'send-fail' ? `${e.dir} ${e.binary ? 'bin' : 'text'} ${e.size}` : (e.url ?? e.protocol ?? e.code ?? '');
      return `  ${e.frame.slice(0, 6)}#${e.seq} conn ${e.conn} ${e.k} ${detail}${e.error ? ` (${e.error})` : ''}`;
    })
    .join('\n');
}

/** Messages of one connection in one document, in capture order. */
export const messagesOf = (capture: CaptureSnapshot, conn: CapturedEvent) =>
  capture.events.filter((e) => e.frame === conn.frame && e.conn === conn.conn && e.k === 'msg');
