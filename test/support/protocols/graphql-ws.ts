/**
 * graphql-ws (the graphql-transport-ws protocol) over `ws` at /graphql: a named query and a named
 * subscription that yields three values and completes.
 */
import { createRequire } from 'node:module';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import { ROOT } from '../paths';
import type { RouteServer } from '../route-server';
import { type ProtocolFixture, servePage } from './fixture';

const require = createRequire(import.meta.url);
// graphql must be the very module graphql-ws uses (its CommonJS build), or it refuses the schema.
const { GraphQLInt, GraphQLObjectType, GraphQLSchema, GraphQLString } = require('graphql') as typeof import('graphql');

const schema = new GraphQLSchema({
  query: new GraphQLObjectType({ name: 'Query', fields: { hello: { type: GraphQLString, resolve: () => 'world' } } }),
  subscription: new GraphQLObjectType({
    name: 'Subscription',
    fields: {
      count: {
        type: GraphQLInt,
        args: { to: { type: GraphQLInt } },
        subscribe: async function* (_root: unknown, { to }: { to: number }) {
          for (let i = 1; i <= to; i++) yield { count: i };
        },
      },
    },
  }),
});

/** One subscribe message the server received: its operation id and name. */
export interface GraphqlReceived {
  id: string;
  operationName: string | null | undefined;
  query: string;
}

export function attachGraphqlWs(server: RouteServer): ProtocolFixture<GraphqlReceived> {
  const received: GraphqlReceived[] = [];
  const wss = new WebSocketServer({ noServer: true, perMessageDeflate: false });
  const graphql = useServer(
    {
      schema,
      onSubscribe: (_ctx, id, payload) => {
        received.push({ id, operationName: payload.operationName, query: payload.query });
      },
    },
    wss,
  );
  const url = server.ws('/graphql', wss);
  const page = servePage(server, 'graphql-ws', { '/lib/graphql-ws.js': `${ROOT}node_modules/graphql-ws/umd/graphql-ws.min.js` }, { url });
  return { page, url, received, close: async () => await graphql.dispose() };
}
