/**
 * The GraphQL schema the loopback graphql-ws servers answer with: a query `hello` and a subscription
 * `count(to)` that yields 1..to and completes.
 */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
// graphql must be the very module graphql-ws uses (its CommonJS build), or it refuses the schema.
const { GraphQLInt, GraphQLObjectType, GraphQLSchema, GraphQLString } = require('graphql') as typeof import('graphql');

export const countSchema = new GraphQLSchema({
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
