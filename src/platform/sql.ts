import { DataSource, EntityManager, EntityTarget, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { cursorSql, decodeCursor, encodeCursor, Page, PageArgs, pageSize, SortKey, TOTAL_COUNT_CAP } from './graphql/connection';
import { badInput } from './graphql/errors';

/** How many rows a query returns, counting no further than one past TOTAL_COUNT_CAP (a page's `countCap`). */
export async function cappedCount(db: DataSource | EntityManager, [sql, params]: [string, unknown[]]): Promise<number> {
  const [{ n }] = await db.query(`SELECT count(*)::int AS n FROM (${sql} LIMIT ${TOTAL_COUNT_CAP + 1}) capped`, params);
  return n;
}

/** Escapes LIKE/ILIKE wildcards so user text matches literally. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** Rows put in the order of the ids asked for, null where one was not found (DataLoader's contract). */
export function byIds<T extends { id: string }>(rows: T[], ids: readonly string[]): (T | null)[] {
  const map = new Map(rows.map((row) => [row.id, row]));
  return ids.map((id) => map.get(id) ?? null);
}

/** `alias.column AS "property"` for every column of an entity, so raw rows map straight onto it. */
export function entityColumns(db: DataSource | EntityManager, entity: EntityTarget<ObjectLiteral>, alias: string): string[] {
  const metadata = 'getMetadata' in db ? db.getMetadata(entity) : db.connection.getMetadata(entity);
  return metadata.columns.map((column) => `${alias}.${column.databaseName} AS "${column.propertyName}"`);
}

/**
 * One page per parent for a whole batch of parents, in one statement: the
 * rows of each partition are numbered in sort order and cut after the page
 * (plus one, to know whether more follow). For nested connections fed by a
 * DataLoader; they page forward only.
 */
export async function paginateEach<E extends ObjectLiteral & { id: string }>(
  db: DataSource | EntityManager,
  options: {
    entity: new () => E;
    query: SelectQueryBuilder<ObjectLiteral>;
    alias: string;
    partitionExpression: string;
    parentIds: readonly string[];
    sort: SortKey<E>;
    direction: 'ASC' | 'DESC';
    args: PageArgs;
    /** totalCount of one parent's list; batch it with a DataLoader. */
    count: (parentId: string) => Promise<number>;
  },
): Promise<Map<string, Page<E>>> {
  const { query, alias, sort, direction, args } = options;
  if (args.last != null || args.before != null) throw badInput('Nested lists page forward only: use `first` and `after`');
  const { size } = pageSize(args);
  query.select([...entityColumns(db, options.entity, alias), `${options.partitionExpression} AS "__parent"`, `${cursorSql(sort)} AS "__cursor"`]);
  query.andWhere(`${options.partitionExpression} IN (:...pageParentIds)`, { pageParentIds: [...options.parentIds] });
  if (args.after != null) {
    const [value, id] = decodeCursor(args.after, sort.type);
    query.andWhere(`(${sort.expression}, ${alias}.id) ${direction === 'ASC' ? '>' : '<'} (CAST(:pageCursorValue AS ${sort.type}), CAST(:pageCursorId AS uuid))`, {
      pageCursorValue: value,
      pageCursorId: id,
    });
  }
  query.addSelect(`row_number() OVER (PARTITION BY ${options.partitionExpression} ORDER BY ${sort.expression} ${direction}, ${alias}.id ${direction})`, '__rn');
  const [sql, params] = query.getQueryAndParameters();
  const rows: (E & { __parent: string; __rn: string; __cursor: string })[] = await db.query(`SELECT * FROM (${sql}) paged WHERE paged."__rn" <= ${size + 1} ORDER BY paged."__parent", paged."__rn"`, params);
  const byParent = new Map<string, { node: E; cursor: string }[]>();
  for (const row of rows) {
    const { __parent: parent, __rn: _rn, __cursor: cursor, ...rest } = row;
    void _rn;
    const list = byParent.get(parent) ?? [];
    list.push({ node: Object.assign(new options.entity(), rest), cursor: encodeCursor(cursor, rest.id) });
    byParent.set(parent, list);
  }
  const pages = new Map<string, Page<E>>();
  for (const parentId of options.parentIds) {
    const list = byParent.get(parentId) ?? [];
    const edges = list.slice(0, size);
    pages.set(parentId, {
      edges,
      pageInfo: { hasNextPage: list.length > size, hasPreviousPage: args.after != null, startCursor: edges[0]?.cursor ?? null, endCursor: edges[edges.length - 1]?.cursor ?? null },
      count: () => options.count(parentId),
    });
  }
  return pages;
}
