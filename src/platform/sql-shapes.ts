import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';

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
  return query.connection.driver.escapeQueryWithParameters(shapedSql(query, shape), query.getParameters());
}
