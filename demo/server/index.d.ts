// Types of the demo server API (the implementation is plain ES module JavaScript in index.mjs).

export interface RateLimitOptions {
  /** Frames allowed per window and per client; 0 disables the limit. */
  max: number;
  windowMs: number;
}

export interface DemoServerOptions {
  /** Port to listen on; 0 (the default) lets the OS choose. */
  port?: number;
  /** Interface to listen on; default 127.0.0.1. */
  host?: string;
  /** Messages kept per room and sent on join; default 50. */
  historySize?: number;
  /** Per-client rate limit; default 10 frames per 1000 ms; false disables it. */
  rateLimit?: RateLimitOptions | false;
  /** Interval of the server ping; default 30000; 0 disables the heartbeat. */
  heartbeatMs?: number;
  /** Directory of the built client; default demo/dist. */
  staticDir?: string;
  /** Receives diagnostic lines; silent by default. */
  log?: (line: string) => void;
}

export interface RoomSummary {
  roomId: string;
  members: number;
}

export interface DemoServerStats {
  accepting: boolean;
  chatClients: number;
  echoClients: number;
  rooms: RoomSummary[];
}

export interface DemoServer {
  port: number;
  host: string;
  /** Chat endpoint, e.g. ws://127.0.0.1:PORT/ws */
  url: string;
  /** Echo endpoint (no compression), e.g. ws://127.0.0.1:PORT/echo; /echo-deflate negotiates permessage-deflate. */
  echoUrl: string;
  /** e.g. http://127.0.0.1:PORT */
  httpUrl: string;
  /** False while a restart is in progress. */
  readonly accepting: boolean;
  stats(): DemoServerStats;
  /** Terminate every socket abruptly (the peer sees 1006), or close them with `code`. Returns the count. */
  dropAll(code?: number): number;
  /** Close every socket with 1012, refuse upgrades (HTTP 503) for `downMs` (default 1000), then accept again. */
  restart(downMs?: number): Promise<void>;
  close(): Promise<void>;
}

export const DEFAULT_DIST_DIR: string;
export const DEFAULT_RATE_LIMIT: Readonly<RateLimitOptions>;
export function startDemoServer(options?: DemoServerOptions): Promise<DemoServer>;
