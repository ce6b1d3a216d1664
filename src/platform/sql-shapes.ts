import { createHash } from 'node:crypto';
import type { DataSource, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { wrapPooledQueries } from './database';

/**
 * The SQL TypeORM builds for a query, kept under a shape the caller names.
 * Building it (the select lists of every joined entity, alias rewriting over
 * the whole text) was a fifth of a leader's queue's CPU and most of its
 * garbage, for the same text every time. The shape must change whenever the
 * query's structure does (a condition, a join, a literal in the SQL);
 * parameter values may vary freely, arrays included, since they are bound on
 * every call. Under test (NODE_ENV=test) every cached use is checked against
 * a fresh build, so a shape that misses a variant fails the test that makes it.
 */
const built = new Map<string, string>();
/** Shapes are code constants with a few variants; the cap only guards against a caller putting values in one. */
const MAX_SHAPES = 2000;
const verify = process.env.NODE_ENV === 'test';

export class SqlShapeMismatch extends Error {}

/** The query's SQL with named parameters (`getQuery()`), built once per shape. */
export function shapedSql(query: SelectQueryBuilder<ObjectLiteral>, shape: string | undefined): string {
  if (shape === undefined) return query.getQuery();
  const known = built.get(shape);
  if (known === undefined) {
    const sql = query.getQuery();
    if (built.size < MAX_SHAPES) built.set(shape, sql);
    return sql;
  }
  if (verify) {
    const fresh = query.getQuery();
    if (fresh !== known) throw new SqlShapeMismatch(`SQL shape ${JSON.stringify(shape)} names two different queries:\n${known}\n---\n${fresh}`);
  }
  return known;
}

/** `getQueryAndParameters()`, with the SQL built once per shape and the parameters bound now. */
export function shapedQueryAndParameters(query: SelectQueryBuilder<ObjectLiteral>, shape: string | undefined): [string, unknown[]] {
  if (shape === undefined) return query.getQueryAndParameters();
  const [sql, params] = query.connection.driver.escapeQueryWithParameters(shapedSql(query, shape), query.getParameters());
  return [PREPARED + sql, params];
}

/**
 * A statement of a known shape is prepared once per connection (a named
 * statement): PostgreSQL then skips parsing and analysing its text on every
 * later call. Plans stay custom (plan_cache_mode=force_custom_plan, set on
 * the app's sessions): a generic plan cannot use the prefix of a region
 * path's LIKE and was many times slower for a leader's queue.
 */
const PREPARED = '/* shaped */ ';
/** Named statements one connection keeps at most; later shapes run unnamed. */
const MAX_PREPARED_PER_CONNECTION = 200;
const PREPARING = Symbol('crm.preparing');

export function prepareShapedStatements(db: DataSource): void {
  wrapPooledQueries(db, PREPARING, (_client, query) => {
    const names = new Set<string>();
    return (...args: unknown[]) => {
      const [text, values] = args;
      if (typeof text !== 'string' || !text.startsWith(PREPARED) || args.length > 2) return query(...args);
      const name = `crm_${createHash('sha1').update(text).digest('hex').slice(0, 24)}`;
      if (!names.has(name)) {
        if (names.size >= MAX_PREPARED_PER_CONNECTION) return query(text, values);
        names.add(name);
      }
      return query({ name, text, values });
    };
  });
}
