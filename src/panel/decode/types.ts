/**
 * The contract every protocol decoder keeps. Decoders are pure functions of one frame: they never throw,
 * never mutate their input, and never look at other frames (joining Socket.IO attachments and pairing
 * requests with responses happen later, over decoded results). They run in the panel, never in the page.
 */

/** How many of a connection's first messages content detection reads at most. */
export const SNIFF_FRAMES = 20;

export type ProtocolId =
  | 'socketio'
  | 'sockjs'
  | 'stomp'
  | 'mqtt'
  | 'graphql-transport-ws'
  | 'graphql-ws-legacy'
  | 'signalr-json'
  | 'signalr-msgpack'
  | 'phoenix'
  | 'jsonrpc'
  | 'wamp'
  | 'msgpack'
  | 'cbor'
  | 'protobuf'
  | 'json'
  | 'raw';

/** One frame as a decoder sees it: exactly one of `text` (a text frame) or `bytes` (a binary frame). */
export interface Frame {
  dir: 'send' | 'recv';
  text?: string;
  bytes?: Uint8Array;
  /**
   * False when `text`/`bytes` is only the start of the payload (the timeline's preview). A decoder then
   * returns what the prefix tells (say, the event name) with `partial: true`, or `ok: false` if it cannot.
   */
  complete: boolean;
}

/** Fields the timeline filter can match by name (`event:chat`, `topic:sensors/#`, `id:12`). */
export interface DecodedFields {
  /** The message kind in the protocol's own words: `EVENT`, `PUBLISH`, `next`, `phx_reply`, `invoke`. */
  type?: string;
  event?: string;
  topic?: string;
  destination?: string;
  operation?: string;
  method?: string;
  id?: string;
  namespace?: string;
}

/**
 * How a message takes part in a request/response exchange. `key` is unique per exchange within one
 * connection and already says who started it (an MQTT PUBACK received answers `mqtt:send:7`, the
 * PUBLISH sent with packet id 7), so the pairing only matches equal keys.
 */
export interface PairHint {
  key: string;
  /**
   * request: starts the exchange (carries `name`);
   * response: the answer, which ends it;
   * next: an answer that keeps it open (GraphQL `next`, MQTT PUBREC/PUBREL);
   * end: ends it without being the first answer (GraphQL `complete` after `next`s).
   */
  role: 'request' | 'response' | 'next' | 'end';
  /** Method, event or operation name, for per-name latency stats. */
  name?: string;
  /** An error answer (JSON-RPC error, `phx_reply` with status error, STOMP ERROR…). */
  error?: boolean;
}

export interface DecodedMessage {
  /** One line for the timeline: `EVENT chat`, `ACK 12`, `PUBLISH sensors/t1 qos1`, `SEND /queue/a`. */
  summary: string;
  fields: DecodedFields;
  /** Pings, SockJS `h`, MQTT PINGREQ/PINGRESP, GraphQL `ka`: hidden by "Hide heartbeats". */
  heartbeat?: boolean;
  pair?: PairHint;
  /**
   * The decoded message as plain data for the Decoded tab: objects, arrays, strings, numbers, booleans,
   * null, bigint and Uint8Array (shown as bytes). Never rendered as HTML.
   */
  body: unknown;
  /** Socket.IO: binary frames that follow this one and belong to it. */
  attachments?: number;
}

export type DecodeResult =
  | {
      ok: true;
      protocol: ProtocolId;
      /** One frame can carry several messages (a SockJS array, SignalR records, a JSON-RPC batch). */
      messages: DecodedMessage[];
      /** Decoded from a prefix only: fields are what the prefix showed. */
      partial?: boolean;
    }
  | {
      ok: false;
      protocol: ProtocolId;
      /** Shown as "not valid <protocol label>: <error>". */
      error: string;
    };

/** What is known of a connection before its frames are read. */
export interface ConnectionHints {
  url: string;
  /** The protocols the page asked for. */
  protocols: readonly string[];
  /** The negotiated subprotocol ('' when none). */
  protocol: string;
}

/** User choices a decoder may need. */
export interface DecodeOptions {
  /** A compiled protobuf message type for this connection and direction (see protocols/protobuf.ts). */
  protobuf?: unknown;
  /**
   * For plain JSON: dotted paths (`requestId`, `meta.id`) whose value pairs a sent request with the
   * received message carrying the same value. The first path present in a message is used.
   */
  idPaths?: readonly string[];
}

export interface Decoder {
  id: ProtocolId;
  /** As shown in the "Decode as" menu and in "not valid <label>". */
  label: string;
  /** Subprotocol names that select this decoder (matched case-insensitively), strongest evidence. */
  subprotocols?: readonly string[];
  /** URL patterns that select it, next strongest (`/socket.io/?EIO=4`). */
  url?: RegExp;
  /** Content detection: cheap, never throws; true when this frame is clearly this protocol. */
  sniff?(frame: Frame): boolean;
  decode(frame: Frame, options: DecodeOptions): DecodeResult;
}
