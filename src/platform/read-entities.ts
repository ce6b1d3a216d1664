import { ObjectLiteral, SelectQueryBuilder } from 'typeorm';

/**
 * Runs a single-entity select and builds the entities straight from the rows,
 * converting each column as TypeORM would (prepareHydratedValue). TypeORM's
 * own getMany/getRawAndEntities goes through its relation-aware transformer,
 * which the read path's plain selects do not need and which showed in the
 * profile of every list (issue: Province scale). Joined relations are not
 * hydrated: use getMany for those.
 */
export async function readEntities<E extends ObjectLiteral>(query: SelectQueryBuilder<E>): Promise<{ entities: E[]; raw: Record<string, unknown>[] }> {
  const [sql, params] = query.getQueryAndParameters();
  const raw: Record<string, unknown>[] = await query.connection.query(sql, params);
  return { entities: hydrateRows(query, raw), raw };
}

/** Entities from rows a select of `query`'s main alias returned (columns named `<alias>_<column>`, as TypeORM selects them). */
export function hydrateRows<E extends ObjectLiteral>(query: SelectQueryBuilder<E>, raw: Record<string, unknown>[]): E[] {
  const main = query.expressionMap.mainAlias!;
  const driver = query.connection.driver;
  const columns = main.metadata.columns.map((column) => ({ column, key: `${main.name}_${column.databaseName}` }));
  return raw.map((row) => {
    const entity = main.metadata.create() as E;
    for (const { column, key } of columns) {
      const value = row[key];
      if (value !== undefined) (entity as Record<string, unknown>)[column.propertyName] = driver.prepareHydratedValue(value, column);
    }
    return entity;
  });
}

/**
 * The entities of a joined alias (`innerJoinAndSelect(Entity, alias, …)`)
 * from the rows `query` read, one per distinct id, rows without one skipped.
 */
export function hydrateAlias<T extends ObjectLiteral>(query: SelectQueryBuilder<ObjectLiteral>, alias: string, raw: Record<string, unknown>[]): T[] {
  const joined = query.expressionMap.aliases.find((a) => a.name === alias);
  if (!joined?.hasMetadata) throw new Error(`no joined entity ${alias}`);
  const driver = query.connection.driver;
  const columns = joined.metadata.columns.map((column) => ({ column, key: `${alias}_${column.databaseName}` }));
  const byId = new Map<unknown, T>();
  for (const row of raw) {
    const id = row[`${alias}_id`];
    if (id == null || byId.has(id)) continue;
    const entity = joined.metadata.create() as T;
    for (const { column, key } of columns) {
      const value = row[key];
      if (value !== undefined) (entity as Record<string, unknown>)[column.propertyName] = driver.prepareHydratedValue(value, column);
    }
    byId.set(id, entity);
  }
  return [...byId.values()];
}
