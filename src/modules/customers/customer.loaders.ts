import DataLoader from 'dataloader';
import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { hydrateAlias } from '../../platform/read-entities';
import type { Context } from '../../platform/context';
import { Page, PageArgs } from '../../platform/graphql/connection';
import { CustomerChangeEntity } from './customer-change.entity';
import { CustomerRelationEntity } from './customer-relation.entity';
import { customerService } from './customer.service';
import { GroupCustomer } from './customer.types';
import { GroupCustomerEntity } from './group-customer.entity';

const argsKey = (args: PageArgs) => JSON.stringify([args.first ?? null, args.after ?? null, args.last ?? null, args.before ?? null]);

/** Per-request loaders for customers; all go through the service, and so through the policy. */
export const customerLoaders = {
  customer: (ctx: Context) =>
    ctx.loaders.get('customers.byId', () => new DataLoader<string, GroupCustomer | null>(async (ids) => (await customerService.byIds(ctx, ids)).map((c) => (c ? GroupCustomer.from(c) : null)))),

  /**
   * Hands the customers a list read with customerSql.joinAndSelectTo (alias
   * `alias` of `query`) to the `customer` loader, so the list's nested
   * `customer` needs no statement of its own. The caller's rows must be
   * confined to customers the viewer reads (customerPolicy.read): these
   * answer as the loader would.
   */
  primeJoined: (ctx: Context, query: SelectQueryBuilder<ObjectLiteral>, alias: string, raw: Record<string, unknown>[]) => {
    const loader = customerLoaders.customer(ctx);
    for (const entity of hydrateAlias<GroupCustomerEntity>(query, alias, raw)) loader.prime(entity.id, GroupCustomer.from(entity));
  },

  childCount: (ctx: Context) => ctx.loaders.get('customers.childCount', () => new DataLoader<string, number>((ids) => customerService.childCounts(ctx, ids))),

  children: (ctx: Context, args: PageArgs) =>
    ctx.loaders.get(
      `customers.children:${argsKey(args)}`,
      () =>
        new DataLoader<string, Page<GroupCustomerEntity>>(async (ids) => {
          const pages = await customerService.childPages(ctx, ids, args, (id) => customerLoaders.childCount(ctx).load(id));
          return ids.map((id) => pages.get(id)!);
        }),
    ),

  ancestors: (ctx: Context) =>
    ctx.loaders.get(
      'customers.ancestors',
      () => new DataLoader<string, (GroupCustomer | null)[]>(async (ids) => (await customerService.ancestors(ctx, ids)).map((chain) => chain.map((c) => (c ? GroupCustomer.from(c) : null)))),
    ),

  subtreeCount: (ctx: Context, maxDepth: number) =>
    ctx.loaders.get(`customers.subtreeCount:${maxDepth}`, () => new DataLoader<string, number>((ids) => customerService.subtreeCounts(ctx, ids, maxDepth))),

  subtree: (ctx: Context, maxDepth: number, args: PageArgs) =>
    ctx.loaders.get(
      `customers.subtree:${maxDepth}:${argsKey(args)}`,
      () =>
        new DataLoader<string, Page<{ depth: number; customer: GroupCustomerEntity }>>(async (ids) => {
          const pages = await customerService.subtreePages(ctx, ids, maxDepth, args, (id) => customerLoaders.subtreeCount(ctx, maxDepth).load(id));
          return ids.map((id) => pages.get(id)!);
        }),
    ),

  relations: (ctx: Context) => ctx.loaders.get('customers.relations', () => new DataLoader<string, CustomerRelationEntity[]>((ids) => customerService.relationsOf(ctx, ids))),

  historyCount: (ctx: Context) => ctx.loaders.get('customers.historyCount', () => new DataLoader<string, number>((ids) => customerService.historyCounts(ctx, ids))),

  history: (ctx: Context, args: PageArgs) =>
    ctx.loaders.get(
      `customers.history:${argsKey(args)}`,
      () =>
        new DataLoader<string, Page<CustomerChangeEntity>>(async (ids) => {
          const pages = await customerService.historyPages(ctx, ids, args, (id) => customerLoaders.historyCount(ctx).load(id));
          return ids.map((id) => pages.get(id)!);
        }),
    ),
};
