import type { Response } from 'express';
import { GraphQLError } from 'graphql';
import type { Logger } from '../../platform/logger';

/** How the file routes (import, export) answer errors: in GraphQL's shape, with the status /graphql would give. */

/** Errors in GraphQL's shape, as /graphql answers them. */
export function sendError(res: Response, status: number, code: string, message: string): void {
  if (!res.headersSent) res.status(status).json({ errors: [{ message, extensions: { code } }] });
  else res.destroy();
}

/** The status and code a thrown authentication error answers with (as /graphql: 401 UNAUTHENTICATED, 403 FORBIDDEN, 503 unavailable). */
export function sendThrown(res: Response, error: unknown, log: Logger): void {
  if (error instanceof GraphQLError) {
    const code = String(error.extensions?.code ?? 'BAD_REQUEST');
    const status = code === 'UNAUTHENTICATED' ? 401 : code === 'FORBIDDEN' ? 403 : code === 'SERVICE_UNAVAILABLE' ? 503 : 400;
    return sendError(res, status, code, error.message);
  }
  log.error({ err: error }, 'file route failed');
  sendError(res, 500, 'INTERNAL_SERVER_ERROR', 'Internal server error');
}
