/**
 * A row-scope rule as SQL: a boolean expression over a table alias, with its
 * named parameters. Each policy builds these, so one rule reaches every
 * query that touches the entity (DOMAIN.md: Who sees what).
 */
export interface ScopePredicate {
  sql: string;
  params: Record<string, unknown>;
}

export const NOTHING: ScopePredicate = { sql: 'FALSE', params: {} };
export const EVERYTHING: ScopePredicate = { sql: 'TRUE', params: {} };

/** Rows any of the predicates admits; none admits nothing. */
export function anyOf(predicates: ScopePredicate[]): ScopePredicate {
  if (predicates.length === 0) return NOTHING;
  return {
    sql: `(${predicates.map((p) => p.sql).join(' OR ')})`,
    params: Object.assign({}, ...predicates.map((p) => p.params)),
  };
}
