import DataLoader from 'dataloader';
import type { GraphQLFormattedError } from 'graphql';
import { DataSource, EntityManager } from 'typeorm';
import type { Viewer } from './auth/viewer';
import type { Config } from './config';
import type { LiveSession } from './live/stream';
import type { Logger } from './logger';
import { Result, UserErrorValue } from './graphql/user-error';

/** Per-request DataLoaders, created on first use under a stable key. */
export class Loaders {
  private readonly loaders = new Map<string, DataLoader<unknown, unknown>>();

  get<K, V>(key: string, create: () => DataLoader<K, V>): DataLoader<K, V> {
    let loader = this.loaders.get(key);
    if (!loader) {
      loader = create() as unknown as DataLoader<unknown, unknown>;
      this.loaders.set(key, loader);
    }
    return loader as unknown as DataLoader<K, V>;
  }
}

/** What every resolver and service receives: who asks, and how to reach the database. */
export interface Context {
  requestId: string;
  viewer: Viewer;
  db: DataSource;
  log: Logger;
  config: Config;
  loaders: Loaders;
  /** Only in a subscription over WebSocket: the instance's live events and the subscriber as of now (src/platform/live). */
  live?: LiveSession;
  /** Runs a query of this same API as this viewer (fresh loaders each call; errors formatted as /graphql formats them): exports read through it. */
  execute?: (document: string, variables: Record<string, unknown>) => Promise<QueryResult>;
}

/** What `execute` answers. */
export interface QueryResult {
  data?: unknown;
  errors?: readonly GraphQLFormattedError[];
}

class Rollback<T> extends Error {
  constructor(readonly result: Result<T>) {
    super('rollback');
  }
}

/**
 * One mutation, one transaction: commits when the work returns ok, rolls
 * back (writing nothing) when it returns user errors or throws. A unique
 * constraint named in `uniqueConflicts` that a concurrent writer won becomes
 * that user error instead of an internal one.
 */
export async function inTransaction<T>(ctx: Context, work: (tx: EntityManager) => Promise<Result<T>>, uniqueConflicts: Record<string, UserErrorValue> = {}): Promise<Result<T>> {
  try {
    return await ctx.db.transaction(async (tx) => {
      const result = await work(tx);
      if (!result.ok) throw new Rollback(result);
      return result;
    });
  } catch (error) {
    if (error instanceof Rollback) return error.result as Result<T>;
    const driver = (error as { driverError?: { code?: string; constraint?: string } }).driverError;
    const conflict = driver?.code === '23505' && driver.constraint ? uniqueConflicts[driver.constraint] : undefined;
    if (conflict) return { ok: false, errors: [conflict] };
    throw error;
  }
}
