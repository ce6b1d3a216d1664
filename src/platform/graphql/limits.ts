import { ApolloServerPlugin } from '@apollo/server';
import depthLimit from 'graphql-depth-limit';
import { ASTVisitor, DocumentNode, GraphQLError, GraphQLSchema, ValidationContext } from 'graphql';
import { ComplexityEstimator, fieldExtensionsEstimator, getComplexity, simpleEstimator } from 'graphql-query-complexity';
import { getNullableType, isListType } from 'graphql';
import { DEFAULT_PAGE_SIZE } from './connection';

export interface Limits {
  maxDepth: number;
  maxCost: number;
  maxAliases: number;
}

/** Refuses documents with more aliased fields than allowed (alias-based amplification). */
export function aliasLimit(max: number) {
  return (context: ValidationContext): ASTVisitor => {
    let count = 0;
    return {
      Field(node) {
        if (node.alias && ++count === max + 1) {
          context.reportError(new GraphQLError(`Query uses more than ${max} aliases`, { nodes: [node], extensions: { code: 'QUERY_TOO_COMPLEX' } }));
        }
      },
    };
  };
}

export function validationRules(limits: Limits) {
  return [depthLimit(limits.maxDepth), aliasLimit(limits.maxAliases)];
}

/** What an unpaged list is assumed to hold when its field declares no bound of its own. */
export const UNPAGED_LIST_ESTIMATE = 20;

/**
 * A list field costs its page size times what each item costs: `first`/`last`
 * (from literals or variables alike), else the default page size; a list
 * without paging costs UNPAGED_LIST_ESTIMATE items unless its field declares
 * its bound (`complexity` in @Field, read by fieldExtensionsEstimator first).
 */
const pagedListEstimator: ComplexityEstimator = ({ args, childComplexity, field }) => {
  const size = typeof args.first === 'number' ? args.first : typeof args.last === 'number' ? args.last : undefined;
  if (size !== undefined) return 1 + Math.max(1, size) * childComplexity;
  if ('first' in args || 'last' in args || 'after' in args) return 1 + DEFAULT_PAGE_SIZE * childComplexity;
  if (isListType(getNullableType(field.type))) return 1 + UNPAGED_LIST_ESTIMATE * childComplexity;
  return undefined;
};

export function computeCost(schema: GraphQLSchema, query: Parameters<typeof getComplexity>[0]['query'], variables: Record<string, unknown>, operationName?: string) {
  return getComplexity({
    schema,
    query,
    variables,
    operationName,
    estimators: [fieldExtensionsEstimator(), pagedListEstimator, simpleEstimator({ defaultComplexity: 1 })],
  });
}

/** The cost of an operation (null when its variables do not coerce), worked out once per document and variables. */
export type CostMeter = (document: DocumentNode, variables: Record<string, unknown>, operationName?: string) => number | null;

export function costMeter(schema: GraphQLSchema): CostMeter {
  // Apollo hands the same parsed document to every request with the same text.
  const costs = new WeakMap<DocumentNode, Map<string, number | null>>();
  return (document, variables, operationName) => {
    const key = JSON.stringify([operationName ?? null, variables]);
    let known = costs.get(document);
    if (!known) costs.set(document, (known = new Map()));
    if (known.has(key)) return known.get(key)!;
    let cost: number | null;
    try {
      cost = computeCost(schema, document, variables, operationName);
    } catch {
      // Variables that do not coerce: execution reports that as BAD_USER_INPUT.
      cost = null;
    }
    if (known.size >= 100) known.delete(known.keys().next().value!);
    known.set(key, cost);
    return cost;
  };
}

/** Rejects an operation whose estimated cost is over the limit, before anything runs. */
export function costLimitPlugin(costOf: CostMeter, maxCost: number): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document }) {
          const cost = costOf(document, request.variables ?? {}, request.operationName ?? undefined);
          if (cost === null) return;
          if (cost > maxCost) {
            throw new GraphQLError(`Query cost ${cost} exceeds the limit of ${maxCost}; ask for smaller pages or fewer nested lists`, {
              extensions: { code: 'QUERY_TOO_COMPLEX', cost, maxCost, http: { status: 400 } },
            });
          }
        },
      };
    },
  };
}
