import { GraphQLSchema, lexicographicSortSchema, printSchema } from 'graphql';
import { DateTimeResolver } from 'graphql-scalars';
import { buildSchema } from 'type-graphql';
import { allResolvers } from '../../modules/resolvers';

let built: Promise<GraphQLSchema> | undefined;

/** The API schema, built once per process from the resolvers. */
export function appSchema(): Promise<GraphQLSchema> {
  built ??= buildSchema({
    resolvers: allResolvers as unknown as [Function, ...Function[]],
    scalarsMap: [{ type: Date, scalar: DateTimeResolver }],
    validate: false,
    emitSchemaFile: false,
  });
  return built;
}

/** The SDL committed as schema/schema.graphql: the contract clients rely on. */
export async function printAppSchema(): Promise<string> {
  return `${printSchema(lexicographicSortSchema(await appSchema()))}\n`;
}
