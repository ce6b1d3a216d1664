/**
 * An example partner-portal client (issue 16): the typed documents generated
 * from this folder's .graphql files, sent with plain fetch.
 *
 * - Every document it sends is one of examples/partner-portal/*.graphql, which
 *   the server registers as trusted: partner tokens may run nothing else.
 * - `reportOpportunity` carries an idempotency key chosen once per report, so
 *   a retry after a lost response returns the first result instead of
 *   registering twice; queries are safe to retry anyway. Nothing else is
 *   retried: not a mutation without a key, and never a userError.
 * - Business refusals come back as userErrors and are told apart by `code`
 *   (never by message); thrown errors carry `extensions.code` and the
 *   `requestId` to quote to the operators.
 *
 * Needs Node 18+ (global fetch) and the `graphql` package (to print documents).
 */
import { randomUUID } from 'node:crypto';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { DocumentNode, Kind, OperationDefinitionNode, OperationTypeNode, print } from 'graphql';
import {
  MyRegistrationsDocument,
  type MyRegistrationsQuery,
  PartnerStatisticsDocument,
  type PartnerStatisticsQuery,
  type PeriodInput,
  ReportOpportunityDocument,
  type ReportOpportunityInput,
  type ReportOpportunityMutation,
  type UserErrorCode,
  WonOpportunitiesDocument,
  type WonOpportunitiesQuery,
} from './generated/graphql';

export type Registration = MyRegistrationsQuery['myRegistrations']['nodes'][number];
export type WonOpportunity = WonOpportunitiesQuery['opportunities']['nodes'][number];
export type ReportedOpportunity = NonNullable<ReportOpportunityMutation['reportOpportunity']['opportunity']>;
export type UserError = ReportOpportunityMutation['reportOpportunity']['userErrors'][number];

export interface PartnerPortalOptions {
  /** The GraphQL endpoint, e.g. https://crm.example.cn/graphql. */
  url: string;
  /** The partner user's bearer token (a function is asked before every attempt, so it may refresh). */
  token: string | (() => string | Promise<string>);
  /** Attempts after the first for a request that may be retried (default 4). */
  retries?: number;
  /** First backoff (default 250 ms); it doubles each time, up to `maxDelayMs` (default 8 s), with jitter. */
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** Give up on one attempt after this long (default 15 s); it then counts as a network error. */
  timeoutMs?: number;
  /** Told before each retry: what failed and how long the client waits. */
  onRetry?: (retry: { attempt: number; delayMs: number; reason: string }) => void;
}

/** The server answered with an error that retrying will not cure (or ran out of retries on one that might). */
export class GraphQLRequestError extends Error {
  constructor(
    message: string,
    /** `extensions.code`: UNAUTHENTICATED, FORBIDDEN, DOCUMENT_NOT_TRUSTED, BAD_USER_INPUT, RATE_LIMITED, … */
    readonly code: string,
    /** Quote this to the operators: it finds the request in the server's log. */
    readonly requestId: string | undefined,
    readonly status: number,
  ) {
    super(message);
    this.name = 'GraphQLRequestError';
  }
}

/** No answer reached us, on every attempt. */
export class NetworkError extends Error {
  constructor(
    message: string,
    readonly attempts: number,
    override readonly cause: unknown,
  ) {
    super(message);
    this.name = 'NetworkError';
  }
}

/** What became of a report: each case is one thing the portal shows its user. */
export type ReportOutcome =
  /** 报备成功: registered and submitted; protected for its window from now. */
  | { status: 'ACCEPTED'; opportunity: ReportedOpportunity; idempotencyKey: string }
  /** 撞单: another registration already protects this customer and product line; kept as a refused attempt (see `registrations()`). */
  | { status: 'DUPLICATE'; message: string; idempotencyKey: string }
  /** This key was used before with other input: a bug in the portal (a changed form must get a new key). */
  | { status: 'KEY_REUSED'; message: string; idempotencyKey: string }
  /** Anything else the server refused (VALIDATION …): show each message next to the input field it names. */
  | { status: 'REFUSED'; userErrors: UserError[]; idempotencyKey: string };

/** Thrown error codes after which the same request may succeed: the request wrote nothing, or its key makes a retry harmless. */
const RETRYABLE_CODES = new Set(['SERVICE_UNAVAILABLE', 'SERVER_BUSY', 'REQUEST_TIMEOUT', 'RATE_LIMITED']);
const RETRYABLE_STATUS = new Set([429, 502, 503, 504]);

interface GraphQLResponseBody<T> {
  data?: T | null;
  errors?: { message: string; extensions?: { code?: string; requestId?: string } }[];
}

/** One attempt's failure, and whether another attempt may cure it. */
class AttemptFailed extends Error {
  constructor(
    readonly error: Error,
    readonly retryable: boolean,
    readonly retryAfterMs = 0,
  ) {
    super(error.message);
  }
}

const printed = new WeakMap<DocumentNode, string>();

export class PartnerPortalClient {
  private readonly retries: number;
  private readonly baseDelayMs: number;
  private readonly maxDelayMs: number;
  private readonly timeoutMs: number;

  constructor(private readonly options: PartnerPortalOptions) {
    this.retries = options.retries ?? 4;
    this.baseDelayMs = options.baseDelayMs ?? 250;
    this.maxDelayMs = options.maxDelayMs ?? 8000;
    this.timeoutMs = options.timeoutMs ?? 15000;
  }

  /**
   * 商机报备. Pass the key you stored with the user's draft when you have one
   * (a report retried after the portal itself restarted must reuse it);
   * otherwise one is made here and kept for every retry of this call.
   */
  async reportOpportunity(input: Omit<ReportOpportunityInput, 'idempotencyKey'>, idempotencyKey: string = randomUUID()): Promise<ReportOutcome> {
    const { reportOpportunity: payload } = await this.execute(ReportOpportunityDocument, { input: { ...input, idempotencyKey } }, { idempotent: true });
    if (payload.opportunity && payload.userErrors.length === 0) return { status: 'ACCEPTED', opportunity: payload.opportunity, idempotencyKey };
    const byCode = (code: UserErrorCode) => payload.userErrors.find((e) => e.code === code);
    const duplicate = byCode('DUPLICATE_OPPORTUNITY');
    if (duplicate) return { status: 'DUPLICATE', message: duplicate.message, idempotencyKey };
    const reused = byCode('IDEMPOTENCY_MISMATCH');
    if (reused) return { status: 'KEY_REUSED', message: reused.message, idempotencyKey };
    return { status: 'REFUSED', userErrors: payload.userErrors, idempotencyKey };
  }

  /** Every registration attempt, newest first, fetched a page at a time as you iterate. */
  async *registrations(pageSize = 50): AsyncGenerator<Registration> {
    let after: string | null = null;
    for (;;) {
      const page: MyRegistrationsQuery = await this.execute(MyRegistrationsDocument, { first: pageSize, after });
      yield* page.myRegistrations.nodes;
      const { hasNextPage, endCursor } = page.myRegistrations.pageInfo;
      if (!hasNextPage || !endCursor) return;
      after = endCursor;
    }
  }

  /** One page of the won opportunities with contract and commission 酬金. */
  async wonOpportunities(first = 20, after: string | null = null): Promise<WonOpportunitiesQuery['opportunities']> {
    return (await this.execute(WonOpportunitiesDocument, { first, after })).opportunities;
  }

  /** The partner's figures for a period (dates as YYYY-MM-DD, China time). */
  async statistics(period: PeriodInput): Promise<PartnerStatisticsQuery['partnerStatistics']> {
    return (await this.execute(PartnerStatisticsDocument, { period })).partnerStatistics;
  }

  /**
   * Runs one typed document and returns its data, or throws
   * GraphQLRequestError / NetworkError. Queries are retried; a mutation only
   * when `idempotent` says a second delivery is harmless (an idempotency key).
   */
  async execute<TResult, TVariables>(document: TypedDocumentNode<TResult, TVariables>, variables: TVariables, { idempotent = false } = {}): Promise<TResult> {
    const retryable = idempotent || operationOf(document) === OperationTypeNode.QUERY;
    const callId = randomUUID();
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.attempt(document, variables, `${callId}.${attempt}`);
      } catch (failure) {
        if (!(failure instanceof AttemptFailed)) throw failure;
        if (!retryable || !failure.retryable || attempt > this.retries) {
          throw failure.error instanceof GraphQLRequestError
            ? failure.error
            : new NetworkError(`No answer from ${this.options.url} after ${attempt} attempt(s): ${failure.message}`, attempt, failure.error);
        }
        const backoff = Math.min(this.maxDelayMs, this.baseDelayMs * 2 ** (attempt - 1));
        const delayMs = Math.max(failure.retryAfterMs, Math.round(backoff / 2 + (Math.random() * backoff) / 2));
        this.options.onRetry?.({ attempt, delayMs, reason: failure.message });
        await new Promise((resolve) => setTimeout(resolve, delayMs));
      }
    }
  }

  private async attempt<TResult, TVariables>(document: TypedDocumentNode<TResult, TVariables>, variables: TVariables, requestId: string): Promise<TResult> {
    const token = typeof this.options.token === 'function' ? await this.options.token() : this.options.token;
    let response: Response;
    let text: string;
    try {
      response = await fetch(this.options.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'x-request-id': requestId },
        body: JSON.stringify({ query: printOnce(document), variables, operationName: operationNameOf(document) }),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      text = await response.text();
    } catch (error) {
      // Refused, reset, timed out, or cut off mid-answer: the server may or may not have acted.
      throw new AttemptFailed(new Error(describeNetworkError(error), { cause: error }), true);
    }
    let body: GraphQLResponseBody<TResult>;
    try {
      body = JSON.parse(text) as GraphQLResponseBody<TResult>;
    } catch {
      // Not our server's answer (a proxy's error page, say).
      const error = new GraphQLRequestError(`HTTP ${response.status} without a GraphQL answer`, `HTTP_${response.status}`, undefined, response.status);
      throw new AttemptFailed(error, RETRYABLE_STATUS.has(response.status), retryAfterMs(response));
    }
    const [first] = body.errors ?? [];
    if (first || body.data == null) {
      const code = first?.extensions?.code ?? `HTTP_${response.status}`;
      const error = new GraphQLRequestError(first?.message ?? 'No data in the answer', code, first?.extensions?.requestId ?? response.headers.get('x-request-id') ?? undefined, response.status);
      throw new AttemptFailed(error, RETRYABLE_CODES.has(code), retryAfterMs(response));
    }
    return body.data;
  }
}

/** fetch says "fetch failed" and keeps the reason in `cause` (ECONNREFUSED, "other side closed", a timeout). */
function describeNetworkError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause as { code?: string; message?: string } | undefined;
  return cause ? `${error.message} (${cause.code ?? cause.message})` : error.message;
}

/** Retry-After (seconds) of a 429 or 503, in ms; 0 without one. */
function retryAfterMs(response: Response): number {
  const seconds = Number(response.headers.get('retry-after'));
  return Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : 0;
}

function printOnce(document: DocumentNode): string {
  let text = printed.get(document);
  if (text === undefined) printed.set(document, (text = print(document)));
  return text;
}

function operationDefinition(document: DocumentNode): OperationDefinitionNode {
  const operation = document.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  if (!operation) throw new Error('The document holds no operation');
  return operation;
}

const operationOf = (document: DocumentNode) => operationDefinition(document).operation;
const operationNameOf = (document: DocumentNode) => operationDefinition(document).name?.value;
