import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, GraphQLFormattedError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import { isDatabaseUnavailable, isPoolExhausted } from '../database';

/**
 * Codes of errors that are thrown (auth and infrastructure), as opposed to
 * business failures, which are userErrors. `formatError` below is the one
 * place they become GraphQL errors.
 */
export type ThrownErrorCode =
  'UNAUTHENTICATED' | 'FORBIDDEN' | 'BAD_USER_INPUT' | 'SERVICE_UNAVAILABLE' | 'SERVER_BUSY' | 'QUERY_TOO_COMPLEX' | 'RATE_LIMITED' | 'REQUEST_TIMEOUT' | 'INTERNAL_SERVER_ERROR';

const HTTP_STATUS: Record<ThrownErrorCode, number | undefined> = {
  UNAUTHENTICATED: 401,
  FORBIDDEN: undefined,
  BAD_USER_INPUT: undefined,
  SERVICE_UNAVAILABLE: 503,
  SERVER_BUSY: 503,
  QUERY_TOO_COMPLEX: 400,
  RATE_LIMITED: 429,
  REQUEST_TIMEOUT: undefined,
  INTERNAL_SERVER_ERROR: undefined,
};

/** Codes answered with HTTP 503 and `Retry-After`: nothing was done, and the same request may succeed shortly. */
export const RETRY_SHORTLY_CODES: ReadonlySet<string> = new Set<ThrownErrorCode>(['SERVICE_UNAVAILABLE', 'SERVER_BUSY']);
/** The `Retry-After` (seconds) those codes answer with. */
export const RETRY_AFTER_SECONDS = '1';

export function apiError(code: ThrownErrorCode, message: string): GraphQLError {
  const status = HTTP_STATUS[code];
  const headers = RETRY_SHORTLY_CODES.has(code) ? { headers: new Map([['retry-after', RETRY_AFTER_SECONDS]]) } : {};
  return new GraphQLError(message, { extensions: { code, ...(status ? { http: { status, ...headers } } : {}) } });
}

export const unauthenticated = (message = 'Authentication required') => apiError('UNAUTHENTICATED', message);
export const forbidden = (message = 'You are not allowed to do this') => apiError('FORBIDDEN', message);
export const badInput = (message: string) => apiError('BAD_USER_INPUT', message);
const serviceUnavailable = () => apiError('SERVICE_UNAVAILABLE', 'The database is unavailable; try again shortly');
export const serverBusy = () => apiError('SERVER_BUSY', 'The server is busy; try again shortly');

/** The thrown error that a database failure reads as: unavailable, busy, or null when it is neither. */
export function databaseTrouble(error: unknown): GraphQLError | null {
  if (isPoolExhausted(error)) return serverBusy();
  if (isDatabaseUnavailable(error)) return serviceUnavailable();
  return null;
}

/** Codes a client may see as they are; anything else is an internal error and is masked. */
const PUBLIC_CODES = new Set<string>([
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'BAD_USER_INPUT',
  'SERVICE_UNAVAILABLE',
  'SERVER_BUSY',
  'QUERY_TOO_COMPLEX',
  'RATE_LIMITED',
  'REQUEST_TIMEOUT',
  'DOCUMENT_NOT_TRUSTED',
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
]);

/**
 * Apollo's formatError: known codes pass, a lost database becomes
 * SERVICE_UNAVAILABLE, everything else becomes INTERNAL_SERVER_ERROR without
 * SQL or stack (the original is logged by the server's logging plugin).
 */
export function formatError(production: boolean) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrapResolverError(error);
    const trouble = databaseTrouble(original);
    if (trouble) return { message: trouble.message, path: formatted.path, extensions: { code: trouble.extensions.code } };
    const code = String(formatted.extensions?.code ?? '');
    if (PUBLIC_CODES.has(code)) {
      const { stacktrace: _stack, ...extensions } = formatted.extensions ?? {};
      void _stack;
      return { ...formatted, extensions };
    }
    return {
      message: production ? 'Internal server error' : formatted.message,
      locations: formatted.locations,
      path: formatted.path,
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    };
  };
}

/**
 * A response that failed because the database is away or the server is out
 * of connections answers HTTP 503 with `Retry-After` (docs/operations.md:
 * Health), whether the viewer lookup or a resolver met it: clients and load
 * balancers then know to retry.
 */
export function unavailableStatusPlugin<C extends object>(): ApolloServerPlugin<C> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response }) {
          const body = response.body;
          if (body.kind === 'single' && body.singleResult.errors?.some((e) => RETRY_SHORTLY_CODES.has(String(e.extensions?.code)))) {
            response.http.status = 503;
            response.http.headers.set('retry-after', RETRY_AFTER_SECONDS);
          }
        },
      };
    },
  };
}
