/**
 * Which protocol each connection is decoded as, and the decoded form of each message row.
 * - The protocol is detected (subprotocol, URL, first frames) unless the user chose one with "Decode as",
 *   a choice remembered per socket origin and path in extension storage.
 * - Rows decode lazily (when shown, filtered or paired) and the result is kept per row object, so
 *   a million rows cost nothing until they are looked at, and once each after.
 */
import { signal } from '@preact/signals';
import type { KeyValueStorage } from '../actions/snippets';
import { type Detection, decodeFrame, detectProtocol } from '../decode/detect';
import { frameOfRow } from '../decode/frame-of-row';
import { DEFAULT_ID_PATHS } from '../decode/protocols/json';
import { isProtocolId } from '../decode/registry';
import type { DecodeResult, ProtocolId } from '../decode/types';
import { type Connection, connectionKey, type Row } from './model';
import { protobufChoiceFor } from './protobuf-choices';

export interface OriginSettings {
  /** "Decode as" per socket path on this origin. */
  protocols: Record<string, ProtocolId>;
  /** Dotted id paths that pair plain-JSON requests with responses. */
  idPaths: string[];
}

/** Settings per socket origin; bumping the signal re-decodes what is shown. */
export const originSettings = signal<ReadonlyMap<string, OriginSettings>>(new Map());

const STORAGE_PREFIX = 'decode:';
const MAX_ID_PATHS = 8;
const MAX_ID_PATH_LENGTH = 200;
/** One shared object, so that rows decoded under the defaults stay cached until a setting changes. */
const DEFAULT_SETTINGS: OriginSettings = Object.freeze({ protocols: {}, idPaths: [...DEFAULT_ID_PATHS] });
let storage: KeyValueStorage | null = null;
const loading = new Set<string>();

/** Where a socket's settings are kept: its origin, and its path within it. */
export function socketPlace(url: string): { origin: string; path: string } {
  try {
    const parsed = new URL(url);
    return { origin: parsed.origin, path: parsed.pathname };
  } catch {
    return { origin: url, path: '' };
  }
}

function parseSettings(stored: unknown): OriginSettings | null {
  if (typeof stored !== 'object' || stored === null) return null;
  const { protocols, idPaths } = stored as Partial<OriginSettings>;
  const kept: Record<string, ProtocolId> = {};
  if (typeof protocols === 'object' && protocols !== null)
    for (const [path, id] of Object.entries(protocols)) if (typeof id === 'string' && isProtocolId(id)) kept[path] = id;
  const paths = Array.isArray(idPaths) ? idPaths.filter((p): p is string => typeof p === 'string' && p.length > 0) : [];
  return { protocols: kept, idPaths: paths.slice(0, MAX_ID_PATHS) };
}

export function settingsFor(origin: string): OriginSettings {
  const known = originSettings.value.get(origin);
  if (known) return known;
  if (storage && !loading.has(origin)) {
    loading.add(origin);
    const from = storage;
    from.get(STORAGE_PREFIX + origin).then(
      (stored) => {
        const parsed = parseSettings(stored);
        if (parsed && !originSettings.value.has(origin)) put(origin, parsed);
      },
      () => undefined,
    );
  }
  return DEFAULT_SETTINGS;
}

function put(origin: string, settings: OriginSettings): void {
  const next = new Map(originSettings.value);
  next.set(origin, settings);
  originSettings.value = next;
}

function save(origin: string, settings: OriginSettings): void {
  put(origin, settings);
  storage?.set(STORAGE_PREFIX + origin, settings).catch(() => undefined);
}

/** Gives the decoding state its storage (the panel's extension storage; tests pass a map). */
export function setDecodeStorage(kept: KeyValueStorage | null): void {
  storage = kept;
}

/** "Decode as": null returns the connection to detection. */
export function chooseProtocol(connection: Pick<Connection, 'url'>, protocol: ProtocolId | null): void {
  const { origin, path } = socketPlace(connection.url);
  const current = settingsFor(origin);
  const protocols = { ...current.protocols };
  if (protocol === null) delete protocols[path];
  else protocols[path] = protocol;
  save(origin, { ...current, protocols });
}

/** The id paths for plain JSON on this origin; an empty or invalid entry is refused with the reason. */
export function setIdPaths(origin: string, text: string): string | null {
  const paths = text
    .split(/[\s,]+/)
    .map((part) => part.trim())
    .filter(Boolean);
  if (paths.length > MAX_ID_PATHS) return `At most ${MAX_ID_PATHS} id paths.`;
  const bad = paths.find((path) => path.length > MAX_ID_PATH_LENGTH || !/^[\w$-]+(\.[\w$-]+)*$/.test(path));
  if (bad !== undefined) return `Not an id path: "${bad.slice(0, 40)}". Use dotted names, such as requestId or meta.id.`;
  save(origin, { ...settingsFor(origin), idPaths: paths });
  return null;
}

export interface ConnectionProtocol {
  protocol: ProtocolId;
  /** user: "Decode as"; log: what the imported log recorded. */
  by: Detection['by'] | 'user' | 'log';
}

const detections = new WeakMap<Connection, { samples: number; detection: Detection }>();

export function protocolOf(connection: Connection): ConnectionProtocol {
  const { origin, path } = socketPlace(connection.url);
  const chosen = settingsFor(origin).protocols[path];
  if (chosen) return { protocol: chosen, by: 'user' };
  if (connection.decodeAs) return { protocol: connection.decodeAs, by: 'log' };
  const samples = connection.samples;
  const cached = detections.get(connection);
  if (cached && cached.samples === samples.length) return cached.detection;
  const detection = detectProtocol(connection, samples.map(frameOfRow));
  detections.set(connection, { samples: samples.length, detection });
  return detection;
}

/**
 * Rows decoded lately, oldest first. Bounded: a million decoded rows would hold a million parsed
 * bodies. The timeline decodes the few rows on screen; filter and pairing passes decode each row once.
 */
const decodedRows = new Map<Row, { protocol: ProtocolId; settings: OriginSettings; choice: unknown; result: DecodeResult }>();
export const DECODED_ROWS_KEPT = 20_000;

/** What the timeline, filter and pairing read of a decoded row: everything but the bodies (decoded again for the Decoded tab). */
function light(result: DecodeResult): DecodeResult {
  if (!result.ok) return result;
  return { ...result, messages: result.messages.map(({ body: _body, ...rest }) => ({ ...rest, body: undefined })) };
}

/** What decoding a connection's rows needs, worked out once per connection (not per row: a URL parse costs). */
interface ConnectionDecoding {
  protocol: ProtocolId;
  settings: OriginSettings;
  samples: number;
  origins: unknown;
}
const connectionDecoding = new WeakMap<Connection, ConnectionDecoding>();

function decodingOf(connection: Connection): ConnectionDecoding {
  const known = connectionDecoding.get(connection);
  if (known && known.samples === connection.samples.length && known.origins === originSettings.value) return known;
  const fresh = {
    protocol: protocolOf(connection).protocol,
    settings: settingsFor(socketPlace(connection.url).origin),
    samples: connection.samples.length,
    origins: originSettings.value,
  };
  connectionDecoding.set(connection, fresh);
  return fresh;
}

/**
 * The row's preview decoded with its connection's protocol; null for rows that carry no message.
 * `keep: false` for passes over every row (the filter, pairing): they read each row once, and keeping
 * a million results would only push out the rows on screen.
 */
export function decodedRow(row: Row, connections: ReadonlyMap<string, Connection>, keep = true): DecodeResult | null {
  if (row.k !== 'msg') return null;
  const connection = connections.get(connectionKey(row.frame, row.conn));
  if (!connection) return null;
  const { protocol, settings } = decodingOf(connection);
  if (protocol === 'raw') return null;
  const choice = protocol === 'protobuf' ? protobufChoiceFor(connection.key, row.dir) : undefined;
  const cached = decodedRows.get(row);
  if (cached && cached.protocol === protocol && cached.settings === settings && cached.choice === choice) return cached.result;
  const result = light(decodeFrame(protocol, frameOfRow(row), { idPaths: settings.idPaths, protobuf: choice }));
  if (!keep) return result;
  decodedRows.delete(row);
  decodedRows.set(row, { protocol, settings, choice, result });
  if (decodedRows.size > DECODED_ROWS_KEPT) decodedRows.delete(decodedRows.keys().next().value as Row);
  return result;
}

/** Empties the decoded-rows cache: its rows were replaced (Clear, a navigation, the row cap), and it would keep them alive. */
export function forgetDecodedRows(): void {
  decodedRows.clear();
}

const MAX_SUMMARIES = 3;

/** The timeline's one-line decoded summary of a row, or null when it has none. */
export function decodedSummary(row: Row, connections: ReadonlyMap<string, Connection>): string | null {
  const result = decodedRow(row, connections);
  if (!result?.ok || result.messages.length === 0) return null;
  const shown = result.messages
    .slice(0, MAX_SUMMARIES)
    .map((message) => message.summary)
    .filter(Boolean);
  if (shown.length === 0) return null;
  const more = result.messages.length - shown.length;
  return `${shown.join(' · ')}${more > 0 ? ` · +${more} more` : ''}${result.partial ? ' …' : ''}`;
}
