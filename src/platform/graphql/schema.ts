import { GraphQLSchema, lexicographicSortSchema, printSchema } from 'graphql';
import { DateTimeResolver } from 'graphql-scalars';
import { buildSchema } from 'type-graphql';
import { nodeResolver, NodeTypes } from './node';

/** What the composition root passes in to build the API: the modules' resolvers and their node types. */
export interface ApiParts {
  resolvers: readonly Function[];
  nodeTypes: NodeTypes;
}

export function buildApiSchema(parts: ApiParts): Promise<GraphQLSchema> {
  return buildSchema({
    resolvers: [nodeResolver(parts.nodeTypes), ...parts.resolvers],
    scalarsMap: [{ type: Date, scalar: DateTimeResolver }],
    validate: false,
    emitSchemaFile: false,
    // Every subscription brings its own `subscribe` (src/platform/live/stream.ts); type-graphql still asks for a PubSub.
    pubSub: {
      publish: () => {
        throw new Error('Publish with src/platform/live/events.ts');
      },
      subscribe: () => {
        throw new Error('Subscriptions pass `subscribe` (src/platform/live/stream.ts)');
      },
    },
  });
}

/** The SDL as committed in schema/schema.graphql: the contract clients rely on. */
export function printApiSchema(schema: GraphQLSchema): string {
  return `${printSchema(lexicographicSortSchema(schema))}\n`;
}
