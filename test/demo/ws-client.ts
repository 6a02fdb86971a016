// Test helper: a ws client that records every frame and lets a test wait for one.
import { type ClientOptions, type RawData, WebSocket } from 'ws';

export interface Frame {
  type: string;
  [field: string]: unknown;
}

type Waiter = { match: () => boolean };

export class TestClient {
  readonly frames: Frame[] = [];
  readonly binaries: Buffer[] = [];
  closeCode: number | null = null;
  private readonly taken = new Set<Frame | Buffer>();
  private waiters: Waiter[] = [];

  private constructor(readonly socket: WebSocket) {
    socket.on('message', (data: RawData, isBinary: boolean) => {
      const buffer = Buffer.isBuffer(data) ? data : Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data);
      if (isBinary) this.binaries.push(buffer);
      else this.frames.push(parseFrame(buffer.toString('utf8')));
      this.check();
    });
    socket.on('close', (code: number) => {
      this.closeCode = code;
      this.check();
    });
  }

  static connect(url: string, options?: ClientOptions): Promise<TestClient> {
    return new Promise((resolve, reject) => {
      const socket = new WebSocket(url, options);
      const client = new TestClient(socket);
      socket.once('open', () => resolve(client));
      socket.once('error', reject);
    });
  }

  /** Connect to the chat endpoint and wait for the welcome frame. */
  static async join(url: string, name: string, options?: ClientOptions): Promise<TestClient> {
    const client = await TestClient.connect(`${url}?name=${encodeURIComponent(name)}`, options);
    await client.next('welcome');
    return client;
  }

  send(frame: object | string): void {
    this.socket.send(typeof frame === 'string' ? frame : JSON.stringify(frame));
  }

  /** Resolve with the first not-yet-taken JSON frame of this type that matches `where`. */
  next(type: string, where: (frame: Frame) => boolean = () => true, timeoutMs = 2000): Promise<Frame> {
    return this.waitFor(() => this.frames.find((f) => !this.taken.has(f) && f.type === type && where(f)), `frame ${type}`, timeoutMs);
  }

  nextBinary(timeoutMs = 2000): Promise<Buffer> {
    return this.waitFor(() => this.binaries.find((b) => !this.taken.has(b)), 'binary frame', timeoutMs);
  }

  /** Wait for the socket to close and resolve with the close code. */
  closed(timeoutMs = 3000): Promise<number> {
    return this.waitFor(() => this.closeCode ?? undefined, 'close', timeoutMs, false);
  }

  /** Wait `ms`, then return the frames of this type that arrived and were not taken. */
  async quietFor(ms: number, type: string): Promise<Frame[]> {
    await new Promise((resolve) => setTimeout(resolve, ms));
    return this.frames.filter((f) => !this.taken.has(f) && f.type === type);
  }

  close(): Promise<void> {
    if (this.socket.readyState === WebSocket.CLOSED) return Promise.resolve();
    return new Promise((resolve) => {
      this.socket.once('close', () => resolve());
      this.socket.close(1000);
    });
  }

  private waitFor<T>(find: () => T | undefined, what: string, timeoutMs: number, take = true): Promise<T> {
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        match: () => {
          const found = find();
          if (found === undefined) return false;
          if (take && (typeof found === 'object' || Buffer.isBuffer(found))) this.taken.add(found as Frame | Buffer);
          clearTimeout(timer);
          resolve(found);
          return true;
        },
      };
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        reject(new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`));
      }, timeoutMs);
      if (!waiter.match()) this.waiters.push(waiter);
    });
  }

  private check(): void {
    this.waiters = this.waiters.filter((w) => !w.match());
  }
}

/** JSON frames as they are; any other text as a frame of type '(text)'. */
function parseFrame(text: string): Frame {
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value as Frame;
  } catch {
    // not JSON
  }
  return { type: '(text)', text };
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
