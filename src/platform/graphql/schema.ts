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
  });
}

/** The SDL as committed in schema/schema.graphql: the contract clients rely on. */
export function printApiSchema(schema: GraphQLSchema): string {
  return `${printSchema(lexicographicSortSchema(schema))}\n`;
}
