/**
 * Builds a HAR 1.2 document as Chrome DevTools writes WebSocket traffic: one entry per connection
 * (`_resourceType: "websocket"`, a 101 response) with its frames in `_webSocketMessages`. Pure.
 * Failed sends, errors and injected actions have no place in HAR and are left out; close details go
 * in a `_webSocketClose` extension field.
 */

import type { Har, HarEntry, HarHeader, HarPage, HarWebSocketMessage } from '../log-format/har-schema';
import type { Connection } from '../state/model';
import { iso } from './json-log';
import type { ExportInput, ExportItem } from './types';

function decode(raw: string): string {
  try {
    return decodeURIComponent(raw.replace(/\+/g, ' '));
  } catch {
    return raw;
  }
}

/** The query string as HAR lists it (decoded name/value pairs), read from the URL text as it is. */
export function queryString(url: string): HarHeader[] {
  const noHash = url.split('#')[0];
  const q = noHash.indexOf('?');
  if (q < 0) return [];
  return noHash
    .slice(q + 1)
    .split('&')
    .filter(Boolean)
    .map((pair) => {
      const eq = pair.indexOf('=');
      return eq < 0 ? { name: decode(pair), value: '' } : { name: decode(pair.slice(0, eq)), value: decode(pair.slice(eq + 1)) };
    });
}

function message({ row, payload }: ExportItem): HarWebSocketMessage | null {
  if (row.k !== 'msg' || !payload) return null;
  const out: HarWebSocketMessage = {
    type: row.dir === 'send' ? 'send' : 'receive',
    time: row.t / 1000,
    opcode: payload.encoding === 'base64' ? 2 : 1,
    data: payload.data,
  };
  if (payload.trimmed) {
    out._trimmed = true;
    out._size = row.size ?? 0;
    if (row.hash) out._hash = row.hash;
  }
  if (row.injected) out._injected = true;
  if (row.fx) out._ruleEffect = { ...row.fx };
  return out;
}

function entry(c: Connection, messages: HarWebSocketMessage[], pageref: string | undefined): HarEntry {
  const opened = c.openedAt !== undefined;
  const wait = opened ? Math.max(0, c.openedAt! - c.createdAt) : 0;
  const requestHeaders: HarHeader[] = c.protocols.length ? [{ name: 'Sec-WebSocket-Protocol', value: c.protocols.join(', ') }] : [];
  const responseHeaders: HarHeader[] = [];
  if (c.protocol) responseHeaders.push({ name: 'Sec-WebSocket-Protocol', value: c.protocol });
  if (c.extensions) responseHeaders.push({ name: 'Sec-WebSocket-Extensions', value: c.extensions });
  const out: HarEntry = {
    startedDateTime: iso(c.createdAt),
    time: wait,
    request: {
      method: 'GET',
      url: c.url,
      httpVersion: 'HTTP/1.1',
      cookies: [],
      headers: requestHeaders,
      queryString: queryString(c.url),
      headersSize: -1,
      bodySize: 0,
    },
    response: {
      status: opened ? 101 : 0,
      statusText: opened ? 'Switching Protocols' : '',
      httpVersion: 'HTTP/1.1',
      cookies: [],
      headers: responseHeaders,
      content: { size: 0, mimeType: 'x-unknown' },
      redirectURL: '',
      headersSize: -1,
      bodySize: 0,
      _transferSize: 0,
      _error: opened ? null : 'the WebSocket handshake did not complete',
    },
    cache: {},
    timings: { blocked: -1, dns: -1, ssl: -1, connect: -1, send: 0, wait, receive: 0 },
    _resourceType: 'websocket',
    _webSocketMessages: messages,
  };
  if (pageref) out.pageref = pageref;
  if (c.close && c.closedAt !== undefined) out._webSocketClose = { time: c.closedAt / 1000, ...c.close };
  return out;
}

export function buildHar(input: ExportInput): Har {
  const pages: HarPage[] = [];
  const pageOf = new Map<string, string>();
  for (const frame of input.frames) {
    const id = `page_${pages.length + 1}`;
    pageOf.set(frame.info.key, id);
    pages.push({
      startedDateTime: iso(frame.info.startedAt),
      id,
      title: frame.info.url,
      pageTimings: { onContentLoad: -1, onLoad: -1 },
    });
  }
  const byConnection = new Map<string, HarWebSocketMessage[]>();
  for (const item of input.items) {
    const m = message(item);
    if (!m) continue;
    const key = `${item.row.frame}:${item.row.conn}`;
    const list = byConnection.get(key) ?? [];
    list.push(m);
    byConnection.set(key, list);
  }
  const connections = [...input.connections].sort((a, b) => a.createdAt - b.createdAt);
  return {
    log: {
      version: '1.2',
      creator: input.creator,
      pages,
      entries: connections.map((c) => entry(c, byConnection.get(c.key) ?? [], pageOf.get(c.frame))),
    },
  };
}
