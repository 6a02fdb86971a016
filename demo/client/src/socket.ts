// A WebSocket wrapper with reconnection (exponential backoff, bounded attempts), an offline
// send queue flushed on reconnect, request/response with timeouts, and statistics.
import { backoffDelay } from './backoff.ts';
import { ConnectionStats, type Payload } from './stats.ts';

export type ConnState = 'idle' | 'connecting' | 'open' | 'reconnecting' | 'closed' | 'failed';

/** The part of the WebSocket API used here (browsers' WebSocket and npm ws both fit). */
export interface SocketLike {
  readonly readyState: number;
  binaryType: string;
  send(data: Payload): void;
  close(code?: number, reason?: string): void;
  addEventListener(type: 'open' | 'close' | 'message' | 'error', listener: (event: never) => void): void;
}

export interface ResilientOptions {
  url: string;
  baseDelayMs: number;
  maxDelayMs: number;
  maxRetries: number;
  requestTimeoutMs: number;
  /** Largest offline queue; the oldest queued frame is dropped beyond it. Default 100. */
  maxQueue?: number;
  createSocket?: (url: string) => SocketLike;
}

export interface ResilientEvents {
  state: (state: ConnState) => void;
  /** Every received frame: parsed JSON for text (or the raw string if not JSON), ArrayBuffer for binary. */
  message: (message: unknown, raw: string | ArrayBuffer) => void;
  /** Runs after each successful open, before the queue is flushed (e.g. to rejoin rooms). */
  open: (reconnected: boolean) => void;
  close: (code: number, reason: string) => void;
  retry: (attempt: number, delayMs: number) => void;
  queue: (size: number) => void;
}

interface Pending {
  resolve: (data: unknown) => void;
  reject: (error: Error) => void;
  timer: ReturnType<typeof setTimeout>;
}

const OPEN = 1;

export class ResilientSocket {
  state: ConnState = 'idle';
  /** Attempts in the current outage; back to 0 once connected. */
  retries = 0;
  totalRetries = 0;
  /** Every backoff delay used, in order. */
  readonly delays: number[] = [];
  readonly stats = new ConnectionStats();
  private readonly queue: Payload[] = [];
  private readonly pending = new Map<string, Pending>();
  private readonly listeners: { [K in keyof ResilientEvents]: Set<ResilientEvents[K]> } = {
    state: new Set(),
    message: new Set(),
    open: new Set(),
    close: new Set(),
    retry: new Set(),
    queue: new Set(),
  };
  private socket: SocketLike | null = null;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private requestSeq = 0;
  private everOpened = false;

  constructor(private readonly options: ResilientOptions) {}

  get queueSize(): number {
    return this.queue.length;
  }

  get pendingRequests(): number {
    return this.pending.size;
  }

  on<K extends keyof ResilientEvents>(event: K, listener: ResilientEvents[K]): () => void {
    this.listeners[event].add(listener);
    return () => this.listeners[event].delete(listener);
  }

  /** Connect now, resetting the attempt counter (also used to retry after `failed`). */
  connect(): void {
    this.clearRetryTimer();
    this.retries = 0;
    this.open('connecting');
  }

  /** Close with 1000: no reconnection follows. */
  disconnect(): void {
    this.clearRetryTimer();
    const socket = this.socket;
    this.socket = null;
    if (socket && socket.readyState <= OPEN) socket.close(1000, 'Client disconnect');
    this.stats.closed();
    this.setState('closed');
  }

  /** Send now when open, otherwise queue until the next open. */
  send(data: Payload | object): 'sent' | 'queued' {
    const payload = toPayload(data);
    if (this.socket && this.socket.readyState === OPEN && this.state === 'open') {
      this.transmit(payload);
      return 'sent';
    }
    this.queue.push(payload);
    if (this.queue.length > (this.options.maxQueue ?? 100)) this.queue.shift();
    this.emit('queue', this.queue.length);
    return 'queued';
  }

  /** Send only if open (for ephemeral frames such as typing); returns whether it was sent. */
  sendIfOpen(data: Payload | object): boolean {
    if (!this.socket || this.socket.readyState !== OPEN || this.state !== 'open') return false;
    this.transmit(toPayload(data));
    return true;
  }

  /** Send `{...data, requestId}` and resolve with the `data` of the matching response. */
  request<T = unknown>(data: Record<string, unknown>, timeoutMs = this.options.requestTimeoutMs): Promise<T> {
    const requestId = `req-${++this.requestSeq}`;
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(requestId);
        reject(new Error('Request timeout'));
      }, timeoutMs);
      this.pending.set(requestId, { resolve: resolve as (data: unknown) => void, reject, timer });
      this.send({ ...data, requestId });
    });
  }

  private open(state: 'connecting' | 'reconnecting'): void {
    this.setState(state);
    const create = this.options.createSocket ?? ((url: string) => new WebSocket(url) as SocketLike);
    let socket: SocketLike;
    try {
      socket = create(this.options.url);
    } catch {
      this.socket = null;
      this.scheduleReconnect();
      return;
    }
    this.socket = socket;
    socket.binaryType = 'arraybuffer';
    socket.addEventListener('open', () => {
      if (socket === this.socket) this.onOpen();
    });
    socket.addEventListener('message', (event: MessageEvent) => {
      if (socket === this.socket) this.onMessage(event.data as string | ArrayBuffer);
    });
    socket.addEventListener('close', (event: CloseEvent) => {
      if (socket === this.socket) this.onClose(event.code, event.reason);
    });
    // 'error' is always followed by 'close', which handles reconnection.
    socket.addEventListener('error', () => {});
  }

  private onOpen(): void {
    const reconnected = this.everOpened;
    this.everOpened = true;
    this.retries = 0;
    this.stats.opened();
    this.setState('open');
    this.emit('open', reconnected);
    while (this.queue.length > 0 && this.socket?.readyState === OPEN) {
      this.transmit(this.queue.shift() as Payload);
    }
    this.emit('queue', this.queue.length);
  }

  private onMessage(raw: string | ArrayBuffer): void {
    this.stats.received(raw);
    let message: unknown = raw;
    if (typeof raw === 'string') {
      try {
        message = JSON.parse(raw);
      } catch {
        message = raw;
      }
      this.settleRequest(message);
    }
    this.emit('message', message, raw);
  }

  private settleRequest(message: unknown): void {
    if (typeof message !== 'object' || message === null) return;
    const { type, requestId, data, error } = message as Record<string, unknown>;
    if (typeof requestId !== 'string') return;
    const pending = this.pending.get(requestId);
    if (!pending || (type !== 'response' && type !== 'error')) return;
    clearTimeout(pending.timer);
    this.pending.delete(requestId);
    if (type === 'response') pending.resolve(data);
    else pending.reject(new Error(typeof error === 'string' ? error : 'Request failed'));
  }

  private onClose(code: number, reason: string): void {
    this.socket = null;
    this.stats.closed();
    this.emit('close', code, reason);
    if (code === 1000) {
      this.setState('closed');
      return;
    }
    this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    if (this.retries >= this.options.maxRetries) {
      this.setState('failed');
      return;
    }
    this.retries++;
    this.totalRetries++;
    const delay = backoffDelay(this.retries, this.options.baseDelayMs, this.options.maxDelayMs);
    this.delays.push(delay);
    this.setState('reconnecting');
    this.emit('retry', this.retries, delay);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      this.open('reconnecting');
    }, delay);
  }

  private transmit(payload: Payload): void {
    this.socket?.send(payload);
    this.stats.sent(payload);
  }

  private clearRetryTimer(): void {
    if (this.retryTimer !== null) clearTimeout(this.retryTimer);
    this.retryTimer = null;
  }

  private setState(state: ConnState): void {
    if (this.state === state) return;
    this.state = state;
    this.emit('state', state);
  }

  private emit<K extends keyof ResilientEvents>(event: K, ...args: Parameters<ResilientEvents[K]>): void {
    for (const listener of this.listeners[event]) {
      (listener as (...a: Parameters<ResilientEvents[K]>) => void)(...args);
    }
  }
}

function toPayload(data: Payload | object): Payload {
  if (typeof data === 'string' || data instanceof ArrayBuffer || ArrayBuffer.isView(data)) return data;
  return JSON.stringify(data);
}
