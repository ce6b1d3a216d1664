import { ClassType, Field, Int, ObjectType } from 'type-graphql';
import { DataSource, EntityManager, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { hydrateRows, readEntities } from '../read-entities';
import { shapedQueryAndParameters, shapedSql } from '../sql-shapes';
import { badInput } from './errors';

/** Relay connection arguments as every list field takes them (API.md: Lists). */
export interface PageArgs {
  first?: number | null;
  after?: string | null;
  last?: number | null;
  before?: string | null;
}

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

@ObjectType({ description: 'Where a page sits in the whole list.' })
export class PageInfo {
  @Field({ description: 'More items follow the last edge.' })
  hasNextPage!: boolean;

  @Field({ description: 'Items precede the first edge.' })
  hasPreviousPage!: boolean;

  @Field(() => String, { nullable: true, description: 'Cursor of the first edge.' })
  startCursor!: string | null;

  @Field(() => String, { nullable: true, description: 'Cursor of the last edge.' })
  endCursor!: string | null;
}

/**
 * Lists whose matches can run into the hundreds of thousands (a common word
 * in the customer search, a province's due list) stop counting here:
 * `totalCount` is exact up to this many, and `totalCountCapped` says when
 * more match (docs/api.md: Lists).
 */
export const TOTAL_COUNT_CAP = 1000;

/** How many rows a query returns, counting no further than one past TOTAL_COUNT_CAP (a page's `countCap`). */
export async function cappedCount(db: DataSource | EntityManager, [sql, params]: [string, unknown[]]): Promise<number> {
  const [{ n }] = await db.query(`SELECT count(*)::int AS n FROM (${sql} LIMIT ${TOTAL_COUNT_CAP + 1}) capped`, params);
  return n;
}

export interface Page<T> {
  edges: { cursor: string; node: T }[];
  pageInfo: PageInfo;
  /** How many match; a list with `countCap` counts only up to one past it. */
  count: () => Promise<number>;
  countCap?: number;
}

/**
 * Builds `<Name>Connection` and `<Name>Edge` for a node type. `totalCount`
 * runs its count query only when a client asks for it.
 */
export function Connection<T extends object>(nodeType: ClassType<T>, name: string, description: string) {
  @ObjectType(`${name}Edge`, { description: `One ${name} in a page, with its cursor.` })
  class Edge {
    @Field({ description: 'Opaque cursor for `after`/`before`.' })
    cursor!: string;

    @Field(() => nodeType, { description: `The ${name}.` })
    node!: T;
  }

  @ObjectType(`${name}Connection`, { description })
  class ConnectionType {
    // The page size is counted on the list field itself (`first`); edges and nodes add no factor of their own.
    @Field(() => [Edge], { description: 'The page, in order, with cursors.', complexity: ({ childComplexity }) => childComplexity })
    edges!: Edge[];

    @Field(() => PageInfo, { description: 'Paging state.' })
    pageInfo!: PageInfo;

    count!: () => Promise<number>;
    countCap?: number;
    private counted?: Promise<number>;

    private countOnce(): Promise<number> {
      this.counted ??= this.count();
      return this.counted;
    }

    @Field(() => [nodeType], { description: 'The page, in order, without cursors.', complexity: ({ childComplexity }) => childComplexity })
    nodes(): T[] {
      return this.edges.map((edge) => edge.node);
    }

    @Field(() => Int, {
      description: `How many items match, across all pages: exact up to ${TOTAL_COUNT_CAP.toLocaleString('en')}. Lists a province can fill with hundreds of thousands of items (customers, contacts, opportunities, the due list) stop counting there and say so in \`totalCountCapped\`.`,
    })
    async totalCount(): Promise<number> {
      const n = await this.countOnce();
      return this.countCap != null ? Math.min(n, this.countCap) : n;
    }

    @Field(() => Boolean, {
      description: `True when more items match than \`totalCount\` says: it stopped counting at ${TOTAL_COUNT_CAP.toLocaleString('en')}.`,
    })
    async totalCountCapped(): Promise<boolean> {
      return this.countCap != null && (await this.countOnce()) > this.countCap;
    }

    static of(page: Page<T>): ConnectionType {
      return Object.assign(new ConnectionType(), page);
    }
  }
  return ConnectionType;
}

/** The same page with each node mapped (entity → API type). */
export function mapPage<E, N>(page: Page<E>, map: (e: E) => N): Page<N> {
  return { ...page, edges: page.edges.map((edge) => ({ cursor: edge.cursor, node: map(edge.node) })) };
}

/** Checks the paging arguments once for every list: 1–100, not both directions. */
export function pageSize(args: PageArgs): { size: number; backward: boolean } {
  if (args.first != null && args.last != null) throw badInput('Pass either `first` or `last`, not both');
  if (args.after != null && args.before != null) throw badInput('Pass either `after` or `before`, not both');
  const backward = args.last != null || (args.before != null && args.first == null);
  const size = (backward ? args.last : args.first) ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(size) || size < 1 || size > MAX_PAGE_SIZE) {
    throw badInput(`\`${backward ? 'last' : 'first'}\` must be between 1 and ${MAX_PAGE_SIZE}`);
  }
  if (backward && args.after != null) throw badInput('`after` pages forward; use `before` with `last`');
  return { size, backward };
}

export type SortValueType = 'text' | 'numeric' | 'timestamptz' | 'int' | 'date';

/** One ordering of a list: the SQL expression (never null) and its type. */
export interface SortKey<E> {
  expression: string;
  type: SortValueType;
  /** Reads the key off a row; informative only — cursors come from the database (cursorSql). */
  value?: (row: E) => string | number | Date | null;
}

type CursorValue = string | number;

/** A date or timestamp as PostgreSQL prints it (`::text`), microseconds and offset included. */
const TIMESTAMP_TEXT = /^\d{4}-\d{2}-\d{2}([ T]\d{2}:\d{2}:\d{2}(\.\d{1,6})?([+-]\d{2}(:?\d{2})?|Z)?)?$/;

/**
 * The SQL that gives a sort key's cursor value: the key as the database
 * prints it. Timestamps keep their microseconds this way; a JavaScript Date
 * would cut them to milliseconds, and a seek past a cut value repeats or
 * skips rows.
 */
export function cursorSql(sort: SortKey<never> | { expression: string }): string {
  return `(${sort.expression})::text`;
}

export function encodeCursor(value: CursorValue, id: string): string {
  return Buffer.from(JSON.stringify([value, id]), 'utf8').toString('base64');
}

export function decodeCursor(cursor: string, type: SortValueType): [CursorValue, string] {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64').toString('utf8'));
    if (Array.isArray(parsed) && parsed.length === 2 && typeof parsed[1] === 'string' && /^[0-9a-f-]{36}$/.test(parsed[1])) {
      const [value] = parsed as [unknown, string];
      const valid =
        type === 'int'
          ? Number.isInteger(value)
          : type === 'numeric'
            ? typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value)
            : type === 'timestamptz' || type === 'date'
              ? typeof value === 'string' && TIMESTAMP_TEXT.test(value)
              : typeof value === 'string';
      if (valid) return parsed as [CursorValue, string];
    }
  } catch {
    /* fall through */
  }
  throw badInput('Invalid cursor');
}

/**
 * A text test the planner cannot place well (the customer search): a word in
 * most names fills the page within the list's first rows in order, while a
 * word clustered late in that order (all 西安… names sort together) would
 * make an index walk read most of the list. So the page is first cut from
 * at most `rows` rows of the list in order, tested one by one; only when
 * they do not fill it are `narrow`'s conditions (an index the matches come
 * from) added and the matches sorted, at a cost that follows the matches,
 * not the list.
 */
export interface Sift<E extends ObjectLiteral> {
  rows: number;
  /** The test on a row of the window, whose columns are named `<alias>_<column>`; `param` holds `value`. */
  test: (windowAlias: string, param: string) => string;
  value: unknown;
  /** Adds the test, and what lets an index find its matches, to the list query. */
  narrow: (query: SelectQueryBuilder<E>) => void;
}

/** The same order without a usable index, so the planner gathers the matches and sorts them. */
function unindexed(sort: SortKey<never> | SortKey<ObjectLiteral>): string {
  const plus = { text: "|| ''", numeric: '+ 0', int: '+ 0', date: '+ 0', timestamptz: "+ interval '0 seconds'" }[sort.type];
  return `(${sort.expression} ${plus})`;
}

/** The text of a query's conditions, without their values: what tells one variant of a list from another. */
function conditionsOf(query: SelectQueryBuilder<ObjectLiteral>): string {
  return JSON.stringify(query.expressionMap.wheres);
}

/**
 * Keyset pagination over a TypeORM query: orders by (sort key, id), seeks
 * past the cursor with a row comparison, fetches one extra row to know
 * whether another page exists. Never OFFSET.
 */
export async function paginate<E extends ObjectLiteral & { id: string }, N>(
  query: SelectQueryBuilder<E>,
  options: {
    args: PageArgs;
    sort: SortKey<E>;
    direction: 'ASC' | 'DESC';
    idExpression: string;
    map: (row: E) => N;
    /** Count no further than TOTAL_COUNT_CAP (lists a province can fill with hundreds of thousands of rows). */
    capCount?: boolean;
    /**
     * The capped count travels with the page, as a column of the same
     * statement (one round trip instead of two), when the caller knows it
     * will be asked for (`totalCount` selected). A page past the last row
     * carries nothing, and then the count runs on its own.
     */
    countWithPage?: boolean;
    /** What to count, when the page's query joins what the count need not (a joined entity for its loader); the same conditions. */
    countFrom?: SelectQueryBuilder<E>;
    /** A count of the caller's own (a `SELECT` of one integer, named parameters), capped as it sees fit, in place of counting the query. */
    countSql?: { sql: string; params: ObjectLiteral };
    /** Sees the page's rows as read, for columns the caller added to the query (a joined entity to hand to its loader). */
    onRows?: (raw: Record<string, unknown>[]) => void;
    sift?: Sift<E>;
    /**
     * Names the list for platform/sql-shapes.ts, so the page's SQL is built
     * once per variant. The variants are told apart here by the query's
     * conditions (their text, not their values), the order, cursor, size and
     * count; a caller whose joins or selects vary must say so in the name.
     */
    shape?: string;
  },
): Promise<Page<N>> {
  const { args, sort, idExpression, sift } = options;
  const { size, backward } = pageSize(args);
  const narrowed = query.clone();
  sift?.narrow(narrowed);
  const countQuery = (options.countFrom && !sift ? options.countFrom : narrowed).clone();
  const cursor = backward ? args.before : args.after;
  // Paging backward walks the reversed order, then flips the page.
  const ascending = (options.direction === 'ASC') !== backward;
  const order = ascending ? 'ASC' : 'DESC';
  const pageOf = (base: SelectQueryBuilder<E>, expression: string) => {
    const page = base.clone();
    if (cursor != null) {
      const [value, id] = decodeCursor(cursor, sort.type);
      page.andWhere(`(${expression}, ${idExpression}) ${ascending ? '>' : '<'} (CAST(:cursorValue AS ${sort.type}), CAST(:cursorId AS uuid))`, {
        cursorValue: value,
        cursorId: id,
      });
    }
    page.orderBy(expression, order).addOrderBy(idExpression, order).take(undefined);
    return page.addSelect(cursorSql({ expression }), '__cursor').addSelect(`${idExpression}::text`, '__cursor_id');
  };
  const inlineCount = options.countWithPage === true && options.capCount === true && !sift;
  const own = options.countSql;
  const shape = options.shape !== undefined && !sift ? `${options.shape}|${sort.expression}|${order}|${cursor != null}|${size}|${inlineCount}|${own?.sql ?? ''}|${conditionsOf(narrowed)}` : undefined;
  const countShape = shape && `${shape}|count|${conditionsOf(countQuery)}`;
  const countedSql = () => (own ? own.sql : `SELECT count(*) FROM (${shapedSql(countQuery.clone().select('1', 'one'), countShape)} LIMIT ${TOTAL_COUNT_CAP + 1}) capped`);
  const separateCount = async () => {
    if (!own) return cappedCount(countQuery.connection, shapedQueryAndParameters(countQuery.clone().select('1', 'one'), countShape));
    const [{ n }] = await query.connection.query(...query.connection.driver.escapeQueryWithParameters(`SELECT (${own.sql})::int AS n`, own.params));
    return n as number;
  };
  let found: { entities: E[]; raw: Record<string, unknown>[] } | null = null;
  if (sift) {
    const window = pageOf(query, sort.expression).addSelect(`(${sort.expression})`, '__sort').limit(sift.rows);
    const [sql, params] = window.getQueryAndParameters();
    const hits: Record<string, unknown>[] = await query.connection.query(
      `SELECT w.* FROM (${sql}) w WHERE ${sift.test('w', `$${params.length + 1}`)} ORDER BY w."__sort" ${order}, w."__cursor_id" ${order} LIMIT ${size + 1}`,
      [...params, sift.value],
    );
    // A full page (plus the one that says more follow) from the window is exact; anything less may have missed matches past it.
    if (hits.length > size) found = { entities: hydrateRows(query, hits), raw: hits };
  }
  if (!found) {
    const page = pageOf(narrowed, sift ? unindexed(sort as SortKey<ObjectLiteral>) : sort.expression).limit(size + 1);
    if (inlineCount) page.addSelect(`(${countedSql()})::int`, '__total').setParameters({ ...page.getParameters(), ...own?.params });
    found = await readEntities(page, shape);
  }
  const { entities: rows, raw } = found;
  options.onRows?.(raw);
  const carried = inlineCount && raw.length > 0 ? Number(raw[0].__total) : null;
  const cursorOf = new Map(raw.map((r) => [r.__cursor_id as string, r.__cursor as string]));
  const hasMore = rows.length > size;
  const slice = rows.slice(0, size);
  if (backward) slice.reverse();
  const edges = slice.map((row) => ({ cursor: encodeCursor(cursorOf.get(row.id)!, row.id), node: options.map(row) }));
  return {
    edges,
    pageInfo: {
      hasNextPage: backward ? args.before != null : hasMore,
      hasPreviousPage: backward ? hasMore : args.after != null,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges[edges.length - 1]?.cursor ?? null,
    },
    count: carried != null ? async () => carried : options.capCount ? separateCount : () => countQuery.getCount(),
    countCap: options.capCount ? TOTAL_COUNT_CAP : undefined,
  };
}

/** A page over rows already in memory (small bounded lists such as a loader's result). */
export function paginateArray<N extends { id: string }>(items: N[], args: PageArgs): Page<N> {
  const { size, backward } = pageSize(args);
  const keyed = items.map((node, index) => ({ cursor: encodeCursor(index, node.id), node, index }));
  const position = (cursor: string) => {
    const [index] = decodeCursor(cursor, 'int');
    return Number(index);
  };
  let start = 0;
  let end = keyed.length;
  if (args.after != null) start = position(args.after) + 1;
  if (args.before != null) end = Math.min(end, position(args.before));
  const window = keyed.slice(start, Math.max(start, end));
  const chosen = backward ? window.slice(Math.max(0, window.length - size)) : window.slice(0, size);
  return {
    edges: chosen.map(({ cursor, node }) => ({ cursor, node })),
    pageInfo: {
      hasNextPage: backward ? end < keyed.length : window.length > size,
      hasPreviousPage: backward ? window.length > size : start > 0,
      startCursor: chosen[0]?.cursor ?? null,
      endCursor: chosen[chosen.length - 1]?.cursor ?? null,
    },
    count: async () => items.length,
  };
}
