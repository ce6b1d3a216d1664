import type { Response } from 'express';
import { GraphQLError } from 'graphql';
import { RETRY_AFTER_SECONDS, RETRY_SHORTLY_CODES } from '../../platform/graphql/errors';
import type { Logger } from '../../platform/logger';

/** How the file routes (import, export) answer errors: in GraphQL's shape, with the status /graphql would give. */

/** The HTTP status an error code answers with, as /graphql gives it. */
export function httpStatusOf(code: string): number {
  if (code === 'UNAUTHENTICATED') return 401;
  if (code === 'FORBIDDEN') return 403;
  if (code === 'INTERNAL_SERVER_ERROR') return 500;
  return RETRY_SHORTLY_CODES.has(code) ? 503 : 400;
}

/** Errors in GraphQL's shape, as /graphql answers them. */
export function sendError(res: Response, status: number, code: string, message: string): void {
  if (res.headersSent) return void res.destroy();
  if (status === 503) res.setHeader('retry-after', RETRY_AFTER_SECONDS);
  res.status(status).json({ errors: [{ message, extensions: { code } }] });
}

/** The status and code a thrown error answers with (httpStatusOf); anything but a GraphQL error is an internal one. */
export function sendThrown(res: Response, error: unknown, log: Logger): void {
  if (error instanceof GraphQLError) {
    const code = String(error.extensions?.code ?? 'BAD_REQUEST');
    return sendError(res, httpStatusOf(code), code, error.message);
  }
  log.error({ err: error }, 'file route failed');
  sendError(res, 500, 'INTERNAL_SERVER_ERROR', 'Internal server error');
}
