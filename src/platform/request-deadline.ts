import type { Pool, PoolClient } from 'pg';
import type { DataSource } from 'typeorm';
import { PooledQuery, wrapPooledQueries } from './database';
import { currentRequestScope, outsideRequestScope, RequestScope } from './request-scope';

/**
 * A whole-request deadline. Every pooled connection's `query` notes which
 * backend runs a statement for which request; when the request's deadline
 * passes or its client goes away, the statements still running are cancelled
 * (pg_cancel_backend) and any later one fails at once, so a transaction rolls
 * back and nothing is half-written. Statement timeouts stay as they are.
 */

/** Thrown for a statement a stopped request tries to start. */
export class RequestStopped extends Error {
  constructor(readonly reason: 'deadline' | 'disconnected') {
    super(reason === 'deadline' ? 'The request passed its deadline' : 'The client went away');
  }
}

const TRACKED = Symbol('crm.tracked');

/** The statement-tracking `query` of one pooled connection. */
function tracked(client: PoolClient & { processID?: number }, query: PooledQuery): PooledQuery {
  return (...args: unknown[]) => {
    const stopped = currentRequestScope()?.stopped;
    // Streams and callback-style calls pass through; TypeORM's statements are promise-style.
    if (!stopped || typeof args[args.length - 1] === 'function' || (args[0] as { submit?: unknown })?.submit) return query(...args);
    // ROLLBACK must still run, or the connection would go back to the pool inside a failed transaction.
    if (stopped.reason && !/^\s*ROLLBACK\b/i.test(String(args[0]))) return Promise.reject(new RequestStopped(stopped.reason));
    const pid = client.processID!;
    stopped.running.add(pid);
    // A statement the stop is cancelling keeps its connection until the cancel is done: released earlier, the
    // connection could already run another request's statement when the cancel signal reaches its backend.
    const settle = async () => {
      stopped.running.delete(pid);
      if (stopped.cancelled) await stopped.cancelled;
    };
    return (query(...args) as Promise<unknown>).then(
      async (value) => (await settle(), value),
      async (error) => {
        await settle();
        throw error;
      },
    );
  };
}

/** Cancels run on connections of their own: when every pooled connection is busy, a cancel must not queue behind them. */
const cancellers = new WeakMap<DataSource, Pool>();

/** Tracks every connection the DataSource's pool hands out. */
export function trackStatements(db: DataSource): void {
  wrapPooledQueries(db, TRACKED, tracked);
  const pool = (db.driver as unknown as { master: Pool }).master;
  const PoolClass = pool.constructor as new (options: object) => Pool;
  const options = (pool as unknown as { options: object }).options;
  cancellers.set(db, new PoolClass({ ...options, max: 2, idleTimeoutMillis: 1000, allowExitOnIdle: true }));
}

/** Closes the cancel connections (on shutdown). */
export async function stopTrackingStatements(db: DataSource): Promise<void> {
  await cancellers.get(db)?.end();
  cancellers.delete(db);
}

/** Stops a request: no new statement starts, and the running ones are cancelled. */
export async function stopRequest(db: DataSource, scope: RequestScope, reason: 'deadline' | 'disconnected'): Promise<void> {
  const stopped = scope.stopped;
  if (!stopped || stopped.reason) return;
  stopped.reason = reason;
  const pids = [...stopped.running];
  if (pids.length === 0) return;
  // Set before the first await, so that every statement in `pids` sees it when it settles.
  const canceller = cancellers.get(db);
  stopped.cancelled = outsideRequestScope(() => (canceller ? canceller.query('SELECT pg_cancel_backend(pid) FROM unnest($1::int[]) AS pid', [pids]) : Promise.resolve())).then(
    () => undefined,
    () => undefined,
  );
  await stopped.cancelled;
}

/** Whether `error` is what a stopped request's statements fail with (our refusal, or PostgreSQL's 57014 query_canceled). */
export function isStoppedStatement(error: unknown): boolean {
  for (let e = error as { code?: string; driverError?: unknown; originalError?: unknown } | null | undefined; e;) {
    if (e instanceof RequestStopped || e.code === '57014') return true;
    e = (e.originalError ?? e.driverError) as typeof e;
  }
  return false;
}
