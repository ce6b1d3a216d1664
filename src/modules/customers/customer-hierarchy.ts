import type { Context } from '../../platform/context';
import { decodeCursor, encodeCursor, Page, PageArgs, pageSize, SortKey } from '../../platform/graphql/connection';
import { badInput } from '../../platform/graphql/errors';
import { entityColumns, paginateEach } from '../../platform/sql';
import { customerPolicy } from './customer.policy';
import { GroupCustomerEntity } from './group-customer.entity';

/** Member units are listed by name (the customer list's NAME order). */
const BY_NAME: SortKey<GroupCustomerEntity> = { expression: 'c.name', type: 'text', value: (c) => c.name };

/** Walks down from several customers at once: (root, member, depth, path of codes for depth-first order). */
function subtreeCte(offset: number): string {
  return `WITH RECURSIVE tree(root_id, id, depth, sort_path) AS (
      SELECT c.parent_id, c.id, 1, c.code::text FROM group_customer c WHERE c.parent_id = ANY($${offset + 1}::uuid[])
      UNION ALL
      SELECT tree.root_id, c.id, tree.depth + 1, tree.sort_path || '/' || c.code FROM tree JOIN group_customer c ON c.parent_id = tree.id WHERE tree.depth < $${offset + 2}
    ) CYCLE id SET is_cycle USING visited`;
}

/**
 * The group hierarchy 集团层级 read for a batch of customers at once (the
 * loaders feed it): member units, their counts, ancestors and subtrees, each
 * one statement, each in the viewer's scope.
 */
export const customerHierarchy = {
  /** A page of member units for each parent, one statement for the batch. */
  async childPages(ctx: Context, parentIds: readonly string[], args: PageArgs, count: (parentId: string) => Promise<number>) {
    const query = ctx.db.createQueryBuilder().from(GroupCustomerEntity, 'c');
    customerPolicy.applyRead(query, 'c', ctx.viewer);
    return paginateEach(ctx.db, {
      entity: GroupCustomerEntity,
      query,
      alias: 'c',
      partitionExpression: 'c.parent_id',
      parentIds,
      sort: BY_NAME,
      direction: 'ASC',
      args,
      count,
    });
  },

  /** How many member units in scope each parent has. */
  async childCounts(ctx: Context, parentIds: readonly string[]): Promise<number[]> {
    const query = ctx.db
      .createQueryBuilder()
      .from(GroupCustomerEntity, 'c')
      .select('c.parent_id', 'parent')
      .addSelect('count(*)::int', 'n')
      .where('c.parent_id IN (:...parentIds)', { parentIds: [...parentIds] });
    customerPolicy.applyRead(query, 'c', ctx.viewer);
    const rows: { parent: string; n: number }[] = await query.groupBy('c.parent_id').getRawMany();
    const counts = new Map(rows.map((row) => [row.parent, row.n]));
    return parentIds.map((id) => counts.get(id) ?? 0);
  },

  /**
   * Ancestors of each customer, root first, in one recursive query. An
   * ancestor out of the viewer's scope comes back as null: its place in the
   * chain shows, its data does not.
   */
  async ancestors(ctx: Context, customerIds: readonly string[]): Promise<(GroupCustomerEntity | null)[][]> {
    const scope = customerPolicy.read('a', ctx.viewer);
    const [select, params] = ctx.db
      .createQueryBuilder()
      .select([...entityColumns(ctx.db, GroupCustomerEntity, 'a'), 'up.start_id AS "__start"', 'up.depth AS "__depth"', `(${scope.sql}) AS "__visible"`])
      .from('up', 'up')
      .innerJoin(GroupCustomerEntity, 'a', 'a.id = up.ancestor_id')
      .setParameters(scope.params)
      .getQueryAndParameters();
    // Walks up from every start customer at once; CYCLE guards against bad data.
    const rows: (GroupCustomerEntity & { __start: string; __depth: number; __visible: boolean })[] = await ctx.db.query(
      `WITH RECURSIVE up(start_id, ancestor_id, depth) AS (
         SELECT c.id, c.parent_id, 1 FROM group_customer c WHERE c.id = ANY($${params.length + 1}::uuid[]) AND c.parent_id IS NOT NULL
         UNION ALL
         SELECT up.start_id, p.parent_id, up.depth + 1 FROM up JOIN group_customer p ON p.id = up.ancestor_id WHERE p.parent_id IS NOT NULL
       ) CYCLE ancestor_id SET is_cycle USING visited
       ${select}`,
      [...params, [...customerIds]],
    );
    return customerIds.map((id) =>
      rows
        .filter((row) => row.__start === id)
        .sort((a, b) => b.__depth - a.__depth)
        .map(({ __start, __depth, __visible, ...entity }) => {
          void __start;
          void __depth;
          return __visible ? Object.assign(new GroupCustomerEntity(), entity) : null;
        }),
    );
  },

  /**
   * The member units under each of several customers down to `maxDepth`
   * levels, depth-first by code, a page per customer: one recursive
   * statement for the whole batch (a loader feeds it).
   */
  async subtreePages(
    ctx: Context,
    rootIds: readonly string[],
    maxDepth: number,
    args: PageArgs,
    count: (rootId: string) => Promise<number>,
  ): Promise<Map<string, Page<{ depth: number; customer: GroupCustomerEntity }>>> {
    if (args.last != null || args.before != null) throw badInput('Nested lists page forward only: use `first` and `after`');
    const { size } = pageSize(args);
    const scope = customerPolicy.read('c', ctx.viewer);
    const inner = ctx.db
      .createQueryBuilder()
      .select([
        ...entityColumns(ctx.db, GroupCustomerEntity, 'c'),
        'tree.root_id AS "__root"',
        'tree.depth AS "__depth"',
        'tree.sort_path AS "__sortPath"',
        'row_number() OVER (PARTITION BY tree.root_id ORDER BY tree.sort_path COLLATE "C") AS "__rn"',
      ])
      .from('tree', 'tree')
      .innerJoin(GroupCustomerEntity, 'c', 'c.id = tree.id')
      .where(scope.sql, scope.params);
    if (args.after) {
      const [value] = decodeCursor(args.after, 'text');
      inner.andWhere('tree.sort_path COLLATE "C" > :afterPath', { afterPath: value });
    }
    const [sql, params] = inner.getQueryAndParameters();
    const rows: (GroupCustomerEntity & { __root: string; __depth: number; __sortPath: string; __rn: string })[] = await ctx.db.query(
      `${subtreeCte(params.length)} SELECT * FROM (${sql}) paged WHERE paged."__rn" <= ${size + 1} ORDER BY paged."__root", paged."__rn"`,
      [...params, [...rootIds], maxDepth],
    );
    const pages = new Map<string, Page<{ depth: number; customer: GroupCustomerEntity }>>();
    for (const rootId of rootIds) {
      const list = rows.filter((row) => row.__root === rootId);
      const edges = list.slice(0, size).map(({ __root: _root, __depth, __sortPath, __rn: _rn, ...rest }) => {
        void _root;
        void _rn;
        return { cursor: encodeCursor(__sortPath, rest.id), node: { depth: __depth, customer: Object.assign(new GroupCustomerEntity(), rest) } };
      });
      pages.set(rootId, {
        edges,
        pageInfo: {
          hasNextPage: list.length > size,
          hasPreviousPage: args.after != null,
          startCursor: edges[0]?.cursor ?? null,
          endCursor: edges[edges.length - 1]?.cursor ?? null,
        },
        count: () => count(rootId),
      });
    }
    return pages;
  },

  /** How many member units in scope lie under each customer, down to `maxDepth` levels. */
  async subtreeCounts(ctx: Context, rootIds: readonly string[], maxDepth: number): Promise<number[]> {
    const scope = customerPolicy.read('c', ctx.viewer);
    const [sql, params] = ctx.db
      .createQueryBuilder()
      .select('tree.root_id', 'root')
      .addSelect('count(*)::int', 'n')
      .from('tree', 'tree')
      .innerJoin(GroupCustomerEntity, 'c', 'c.id = tree.id')
      .where(scope.sql, scope.params)
      .groupBy('tree.root_id')
      .getQueryAndParameters();
    const rows: { root: string; n: number }[] = await ctx.db.query(`${subtreeCte(params.length)} ${sql}`, [...params, [...rootIds], maxDepth]);
    const counts = new Map(rows.map((row) => [row.root, row.n]));
    return rootIds.map((id) => counts.get(id) ?? 0);
  },
};
