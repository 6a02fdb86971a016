/** The subset of HAR 1.2 that SocketScope writes and reads, as Chrome DevTools writes WebSocket entries. */
import type { RuleEffect } from '../../shared/message-rules';

export interface HarHeader {
  name: string;
  value: string;
}

export interface HarWebSocketMessage {
  type: 'send' | 'receive';
  /** Seconds since the epoch, with a fraction. */
  time: number;
  /** 1 = text, 2 = binary (data in base64). */
  opcode: number;
  data: string;
  /** SocketScope extensions (HAR allows `_` fields): set only when `data` is not the whole message. */
  _trimmed?: boolean;
  _size?: number;
  _hash?: string;
  _injected?: boolean;
  /** What a message rule did to it (delayed, dropped, rewritten, mocked…), as in the JSON log's `fx`. */
  _ruleEffect?: RuleEffect;
}

export interface HarEntry {
  pageref?: string;
  startedDateTime: string;
  time: number;
  request: {
    method: string;
    url: string;
    httpVersion: string;
    cookies: unknown[];
    headers: HarHeader[];
    queryString: HarHeader[];
    headersSize: number;
    bodySize: number;
  };
  response: {
    status: number;
    statusText: string;
    httpVersion: string;
    cookies: unknown[];
    headers: HarHeader[];
    content: { size: number; mimeType: string };
    redirectURL: string;
    headersSize: number;
    bodySize: number;
    _transferSize: number;
    _error: string | null;
  };
  cache: Record<string, never>;
  timings: { blocked: number; dns: number; ssl: number; connect: number; send: number; wait: number; receive: number };
  _resourceType: 'websocket';
  _webSocketMessages: HarWebSocketMessage[];
  /** SocketScope extension: how the socket closed, when it did. */
  _webSocketClose?: { time: number; code: number; reason: string; wasClean: boolean };
}

export interface HarPage {
  startedDateTime: string;
  id: string;
  title: string;
  pageTimings: { onContentLoad: number; onLoad: number };
}

export interface Har {
  log: {
    version: '1.2';
    creator: { name: string; version: string };
    pages: HarPage[];
    entries: HarEntry[];
  };
}
