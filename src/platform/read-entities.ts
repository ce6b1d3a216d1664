import { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import type { Alias } from 'typeorm/query-builder/Alias';
import { shapedQueryAndParameters } from './sql-shapes';

/**
 * Runs a single-entity select and builds the entities straight from the rows,
 * converting each column as TypeORM would (prepareHydratedValue). TypeORM's
 * own getMany/getRawAndEntities goes through its relation-aware transformer,
 * which the read path's plain selects do not need and which showed in the
 * profile of every list (issue: Province scale). A joined entity's columns
 * come back in `raw`, for hydrateAlias. `shape` names the query's
 * structure, so its SQL is built once (sql-shapes.ts).
 */
export async function readEntities<E extends ObjectLiteral>(query: SelectQueryBuilder<E>, shape?: string): Promise<{ entities: E[]; raw: Record<string, unknown>[] }> {
  const [sql, params] = shapedQueryAndParameters(query, shape);
  const raw: Record<string, unknown>[] = await query.connection.query(sql, params);
  return { entities: hydrateRows(query, raw), raw };
}

/** Entities from rows a select of `query`'s main alias returned (columns named `<alias>_<column>`, as TypeORM selects them). */
export function hydrateRows<E extends ObjectLiteral>(query: SelectQueryBuilder<E>, raw: Record<string, unknown>[]): E[] {
  const build = builder<E>(query, query.expressionMap.mainAlias!);
  return raw.map(build);
}

/**
 * The entities of a joined alias (`innerJoinAndSelect(Entity, alias, …)`)
 * from the rows `query` read, one per distinct id, rows without one skipped.
 */
export function hydrateAlias<T extends ObjectLiteral>(query: SelectQueryBuilder<ObjectLiteral>, alias: string, raw: Record<string, unknown>[]): T[] {
  const joined = query.expressionMap.aliases.find((a) => a.name === alias);
  if (!joined?.hasMetadata) throw new Error(`no joined entity ${alias}`);
  const build = builder<T>(query, joined);
  const byId = new Map<unknown, T>();
  for (const row of raw) {
    const id = row[`${alias}_id`];
    if (id != null && !byId.has(id)) byId.set(id, build(row));
  }
  return [...byId.values()];
}

/** Builds an entity of `alias` from a row, converting each column as TypeORM would (prepareHydratedValue). */
function builder<T extends ObjectLiteral>(query: SelectQueryBuilder<ObjectLiteral>, alias: Alias): (row: Record<string, unknown>) => T {
  const driver = query.connection.driver;
  const columns = alias.metadata.columns.map((column) => ({ column, key: `${alias.name}_${column.databaseName}` }));
  return (row) => {
    const entity = alias.metadata.create() as T;
    for (const { column, key } of columns) {
      const value = row[key];
      if (value !== undefined) (entity as Record<string, unknown>)[column.propertyName] = driver.prepareHydratedValue(value, column);
    }
    return entity;
  };
}
