/**
 * The legacy subscriptions-transport-ws protocol (subprotocol `graphql-ws`, which it named before the
 * graphql-ws library took the name): connection_init/ack/error, `ka` keep-alives, start → data… →
 * complete (or error), stop from the client, connection_terminate.
 */
import { graphqlDecoder } from './graphql-common';

export const graphqlWsLegacy = graphqlDecoder({
  protocol: 'graphql-ws-legacy',
  label: 'GraphQL (legacy graphql-ws)',
  subprotocols: ['graphql-ws'],
  types: {
    connection_init: 'init',
    connection_ack: 'ack',
    connection_error: 'init-error',
    ka: 'heartbeat',
    start: 'start',
    data: 'next',
    error: 'error',
    complete: 'end',
    stop: 'end',
    connection_terminate: 'none',
  },
  queryRequired: false,
  distinctive: ['start', 'data', 'ka'],
});
