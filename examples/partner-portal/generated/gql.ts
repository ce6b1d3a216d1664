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
    "query MyOpportunities($first: Int = 20, $after: String) {\n  opportunities(first: $first, after: $after) {\n    totalCount\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n    nodes {\n      id\n      code\n      title\n      stage\n      estimatedAmount\n      createdAt\n    }\n  }\n}": typeof types.MyOpportunitiesDocument,
    "query MyRegistrations($first: Int = 20, $after: String) {\n  myRegistrations(first: $first, after: $after) {\n    totalCount\n    totalCountCapped\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n    nodes {\n      id\n      outcome\n      registeredAt\n      protectedUntil\n      products\n      customerSummary {\n        code\n        name\n      }\n      opportunity {\n        id\n        code\n        stage\n      }\n      collidedWith {\n        code\n        registeredAt\n        protectedUntil\n      }\n    }\n  }\n}": typeof types.MyRegistrationsDocument,
    "query PartnerStatistics($period: PeriodInput!) {\n  partnerStatistics(period: $period) {\n    reported\n    accepted\n    refusedAsDuplicates\n    won\n    lost\n    winRate\n    commissionPending\n    commissionApproved\n    commissionPaid\n  }\n}": typeof types.PartnerStatisticsDocument,
    "mutation ReportOpportunity($input: ReportOpportunityInput!) {\n  reportOpportunity(input: $input) {\n    opportunity {\n      id\n      code\n      title\n      stage\n      estimatedAmount\n      customerSummary {\n        code\n        name\n      }\n    }\n    userErrors {\n      code\n      field\n      message\n    }\n  }\n}": typeof types.ReportOpportunityDocument,
    "query WonOpportunities($first: Int = 20, $after: String) {\n  opportunities(first: $first, after: $after, filter: {stages: [WON]}) {\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n    nodes {\n      id\n      code\n      title\n      closedAt\n      contract {\n        number\n        signedAmount\n        signedOn\n        provisioningState\n      }\n      commission {\n        state\n        amount\n        ratePercent\n        refusalReason\n        note\n        paymentReference\n        paidOn\n      }\n    }\n  }\n}": typeof types.WonOpportunitiesDocument,
};
const documents: Documents = {
    "query MyOpportunities($first: Int = 20, $after: String) {\n  opportunities(first: $first, after: $after) {\n    totalCount\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n    nodes {\n      id\n      code\n      title\n      stage\n      estimatedAmount\n      createdAt\n    }\n  }\n}": types.MyOpportunitiesDocument,
    "query MyRegistrations($first: Int = 20, $after: String) {\n  myRegistrations(first: $first, after: $after) {\n    totalCount\n    totalCountCapped\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n    nodes {\n      id\n      outcome\n      registeredAt\n      protectedUntil\n      products\n      customerSummary {\n        code\n        name\n      }\n      opportunity {\n        id\n        code\n        stage\n      }\n      collidedWith {\n        code\n        registeredAt\n        protectedUntil\n      }\n    }\n  }\n}": types.MyRegistrationsDocument,
    "query PartnerStatistics($period: PeriodInput!) {\n  partnerStatistics(period: $period) {\n    reported\n    accepted\n    refusedAsDuplicates\n    won\n    lost\n    winRate\n    commissionPending\n    commissionApproved\n    commissionPaid\n  }\n}": types.PartnerStatisticsDocument,
    "mutation ReportOpportunity($input: ReportOpportunityInput!) {\n  reportOpportunity(input: $input) {\n    opportunity {\n      id\n      code\n      title\n      stage\n      estimatedAmount\n      customerSummary {\n        code\n        name\n      }\n    }\n    userErrors {\n      code\n      field\n      message\n    }\n  }\n}": types.ReportOpportunityDocument,
    "query WonOpportunities($first: Int = 20, $after: String) {\n  opportunities(first: $first, after: $after, filter: {stages: [WON]}) {\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n    nodes {\n      id\n      code\n      title\n      closedAt\n      contract {\n        number\n        signedAmount\n        signedOn\n        provisioningState\n      }\n      commission {\n        state\n        amount\n        ratePercent\n        refusalReason\n        note\n        paymentReference\n        paidOn\n      }\n    }\n  }\n}": types.WonOpportunitiesDocument,
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
export function graphql(source: "query MyOpportunities($first: Int = 20, $after: String) {\n  opportunities(first: $first, after: $after) {\n    totalCount\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n    nodes {\n      id\n      code\n      title\n      stage\n      estimatedAmount\n      createdAt\n    }\n  }\n}"): (typeof documents)["query MyOpportunities($first: Int = 20, $after: String) {\n  opportunities(first: $first, after: $after) {\n    totalCount\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n    nodes {\n      id\n      code\n      title\n      stage\n      estimatedAmount\n      createdAt\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query MyRegistrations($first: Int = 20, $after: String) {\n  myRegistrations(first: $first, after: $after) {\n    totalCount\n    totalCountCapped\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n    nodes {\n      id\n      outcome\n      registeredAt\n      protectedUntil\n      products\n      customerSummary {\n        code\n        name\n      }\n      opportunity {\n        id\n        code\n        stage\n      }\n      collidedWith {\n        code\n        registeredAt\n        protectedUntil\n      }\n    }\n  }\n}"): (typeof documents)["query MyRegistrations($first: Int = 20, $after: String) {\n  myRegistrations(first: $first, after: $after) {\n    totalCount\n    totalCountCapped\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n    nodes {\n      id\n      outcome\n      registeredAt\n      protectedUntil\n      products\n      customerSummary {\n        code\n        name\n      }\n      opportunity {\n        id\n        code\n        stage\n      }\n      collidedWith {\n        code\n        registeredAt\n        protectedUntil\n      }\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query PartnerStatistics($period: PeriodInput!) {\n  partnerStatistics(period: $period) {\n    reported\n    accepted\n    refusedAsDuplicates\n    won\n    lost\n    winRate\n    commissionPending\n    commissionApproved\n    commissionPaid\n  }\n}"): (typeof documents)["query PartnerStatistics($period: PeriodInput!) {\n  partnerStatistics(period: $period) {\n    reported\n    accepted\n    refusedAsDuplicates\n    won\n    lost\n    winRate\n    commissionPending\n    commissionApproved\n    commissionPaid\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ReportOpportunity($input: ReportOpportunityInput!) {\n  reportOpportunity(input: $input) {\n    opportunity {\n      id\n      code\n      title\n      stage\n      estimatedAmount\n      customerSummary {\n        code\n        name\n      }\n    }\n    userErrors {\n      code\n      field\n      message\n    }\n  }\n}"): (typeof documents)["mutation ReportOpportunity($input: ReportOpportunityInput!) {\n  reportOpportunity(input: $input) {\n    opportunity {\n      id\n      code\n      title\n      stage\n      estimatedAmount\n      customerSummary {\n        code\n        name\n      }\n    }\n    userErrors {\n      code\n      field\n      message\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query WonOpportunities($first: Int = 20, $after: String) {\n  opportunities(first: $first, after: $after, filter: {stages: [WON]}) {\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n    nodes {\n      id\n      code\n      title\n      closedAt\n      contract {\n        number\n        signedAmount\n        signedOn\n        provisioningState\n      }\n      commission {\n        state\n        amount\n        ratePercent\n        refusalReason\n        note\n        paymentReference\n        paidOn\n      }\n    }\n  }\n}"): (typeof documents)["query WonOpportunities($first: Int = 20, $after: String) {\n  opportunities(first: $first, after: $after, filter: {stages: [WON]}) {\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n    nodes {\n      id\n      code\n      title\n      closedAt\n      contract {\n        number\n        signedAmount\n        signedOn\n        provisioningState\n      }\n      commission {\n        state\n        amount\n        ratePercent\n        refusalReason\n        note\n        paymentReference\n        paidOn\n      }\n    }\n  }\n}"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;