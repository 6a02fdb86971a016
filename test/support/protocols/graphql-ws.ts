/**
 * graphql-ws (the graphql-transport-ws protocol) over `ws` at /graphql: a named query and a named
 * subscription that yields three values and completes.
 */
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import { countSchema as schema } from '../graphql-schema';
import { ROOT } from '../paths';
import type { RouteServer } from '../route-server';
import { type ProtocolFixture, servePage } from './fixture';

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
