/**
 * Decoders of text protocols, in detection order: the first whose URL pattern matches, or whose content
 * sniff recognises a frame, wins. SockJS comes first because its URLs wrap others (`/stomp/123/abc/websocket`);
 * the JSON protocols with a distinctive mark (a `type` of their own, `"jsonrpc":"2.0"`) come before the
 * ones recognised by shape alone (Phoenix arrays and objects, WAMP arrays), and all before plain JSON.
 */
import { graphqlTransportWs } from './protocols/graphql-transport-ws';
import { graphqlWsLegacy } from './protocols/graphql-ws-legacy';
import { jsonrpc } from './protocols/jsonrpc';
import { phoenix } from './protocols/phoenix';
import { signalrJson } from './protocols/signalr-json';
import { socketio } from './protocols/socketio';
import { sockjs } from './protocols/sockjs';
import { stomp } from './protocols/stomp';
import { wamp } from './protocols/wamp';
import type { Decoder } from './types';

export const textDecoders: readonly Decoder[] = [
  sockjs,
  socketio,
  stomp,
  signalrJson,
  graphqlTransportWs,
  graphqlWsLegacy,
  jsonrpc,
  phoenix,
  wamp,
];
