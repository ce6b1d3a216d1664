/* eslint-disable */
import * as types from './graphql';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "query CareDue($withinDays: Int! = 7, $first: Int = 20, $after: String) {\n  careDue(withinDays: $withinDays, first: $first, after: $after) {\n    totalCount\n    totalCountCapped\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n    nodes {\n      id\n      name\n      title\n      careLevel\n      careStatus\n      lastCaredAt\n      nextCareDueAt\n      careDueReasons(withinDays: $withinDays)\n      mobile\n      customer {\n        id\n        name\n      }\n    }\n  }\n}": typeof types.CareDueDocument,
    "query MyCustomers($text: String, $first: Int = 20, $after: String) {\n  groupCustomers(\n    first: $first\n    after: $after\n    filter: {text: $text}\n    orderBy: {field: MONTHLY_REVENUE, direction: DESC}\n  ) {\n    totalCount\n    totalCountCapped\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n    nodes {\n      id\n      code\n      name\n      grade\n      status\n      monthlyRevenue\n      parent {\n        name\n      }\n      accountManager {\n        name\n      }\n    }\n  }\n}": typeof types.MyCustomersDocument,
    "mutation RecordCareActivity($input: RecordCareActivityInput!) {\n  recordCareActivity(input: $input) {\n    careActivity {\n      id\n      kind\n      occurredAt\n      cost\n      contact {\n        id\n        careStatus\n        lastCaredAt\n        nextCareDueAt\n      }\n    }\n    userErrors {\n      code\n      field\n      message\n    }\n  }\n}": typeof types.RecordCareActivityDocument,
};
const documents: Documents = {
    "query CareDue($withinDays: Int! = 7, $first: Int = 20, $after: String) {\n  careDue(withinDays: $withinDays, first: $first, after: $after) {\n    totalCount\n    totalCountCapped\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n    nodes {\n      id\n      name\n      title\n      careLevel\n      careStatus\n      lastCaredAt\n      nextCareDueAt\n      careDueReasons(withinDays: $withinDays)\n      mobile\n      customer {\n        id\n        name\n      }\n    }\n  }\n}": types.CareDueDocument,
    "query MyCustomers($text: String, $first: Int = 20, $after: String) {\n  groupCustomers(\n    first: $first\n    after: $after\n    filter: {text: $text}\n    orderBy: {field: MONTHLY_REVENUE, direction: DESC}\n  ) {\n    totalCount\n    totalCountCapped\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n    nodes {\n      id\n      code\n      name\n      grade\n      status\n      monthlyRevenue\n      parent {\n        name\n      }\n      accountManager {\n        name\n      }\n    }\n  }\n}": types.MyCustomersDocument,
    "mutation RecordCareActivity($input: RecordCareActivityInput!) {\n  recordCareActivity(input: $input) {\n    careActivity {\n      id\n      kind\n      occurredAt\n      cost\n      contact {\n        id\n        careStatus\n        lastCaredAt\n        nextCareDueAt\n      }\n    }\n    userErrors {\n      code\n      field\n      message\n    }\n  }\n}": types.RecordCareActivityDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query CareDue($withinDays: Int! = 7, $first: Int = 20, $after: String) {\n  careDue(withinDays: $withinDays, first: $first, after: $after) {\n    totalCount\n    totalCountCapped\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n    nodes {\n      id\n      name\n      title\n      careLevel\n      careStatus\n      lastCaredAt\n      nextCareDueAt\n      careDueReasons(withinDays: $withinDays)\n      mobile\n      customer {\n        id\n        name\n      }\n    }\n  }\n}"): (typeof documents)["query CareDue($withinDays: Int! = 7, $first: Int = 20, $after: String) {\n  careDue(withinDays: $withinDays, first: $first, after: $after) {\n    totalCount\n    totalCountCapped\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n    nodes {\n      id\n      name\n      title\n      careLevel\n      careStatus\n      lastCaredAt\n      nextCareDueAt\n      careDueReasons(withinDays: $withinDays)\n      mobile\n      customer {\n        id\n        name\n      }\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query MyCustomers($text: String, $first: Int = 20, $after: String) {\n  groupCustomers(\n    first: $first\n    after: $after\n    filter: {text: $text}\n    orderBy: {field: MONTHLY_REVENUE, direction: DESC}\n  ) {\n    totalCount\n    totalCountCapped\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n    nodes {\n      id\n      code\n      name\n      grade\n      status\n      monthlyRevenue\n      parent {\n        name\n      }\n      accountManager {\n        name\n      }\n    }\n  }\n}"): (typeof documents)["query MyCustomers($text: String, $first: Int = 20, $after: String) {\n  groupCustomers(\n    first: $first\n    after: $after\n    filter: {text: $text}\n    orderBy: {field: MONTHLY_REVENUE, direction: DESC}\n  ) {\n    totalCount\n    totalCountCapped\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n    nodes {\n      id\n      code\n      name\n      grade\n      status\n      monthlyRevenue\n      parent {\n        name\n      }\n      accountManager {\n        name\n      }\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation RecordCareActivity($input: RecordCareActivityInput!) {\n  recordCareActivity(input: $input) {\n    careActivity {\n      id\n      kind\n      occurredAt\n      cost\n      contact {\n        id\n        careStatus\n        lastCaredAt\n        nextCareDueAt\n      }\n    }\n    userErrors {\n      code\n      field\n      message\n    }\n  }\n}"): (typeof documents)["mutation RecordCareActivity($input: RecordCareActivityInput!) {\n  recordCareActivity(input: $input) {\n    careActivity {\n      id\n      kind\n      occurredAt\n      cost\n      contact {\n        id\n        careStatus\n        lastCaredAt\n        nextCareDueAt\n      }\n    }\n    userErrors {\n      code\n      field\n      message\n    }\n  }\n}"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;