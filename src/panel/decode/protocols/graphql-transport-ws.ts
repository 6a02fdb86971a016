/**
 * GraphQL over WebSocket as the graphql-ws library speaks it (subprotocol `graphql-transport-ws`):
 * connection_init/connection_ack, ping/pong, and operations subscribe → next… → complete (or error).
 */
import { graphqlDecoder } from './graphql-common';

export const graphqlTransportWs = graphqlDecoder({
  protocol: 'graphql-transport-ws',
  label: 'GraphQL (graphql-transport-ws)',
  subprotocols: ['graphql-transport-ws'],
  types: {
    connection_init: 'init',
    connection_ack: 'ack',
    ping: 'heartbeat',
    pong: 'heartbeat',
    subscribe: 'start',
    next: 'next',
    error: 'error',
    // Sent by the server when an operation is done, or by the client to stop a running one.
    complete: 'end',
  },
  queryRequired: true,
  distinctive: ['subscribe', 'next'],
});
