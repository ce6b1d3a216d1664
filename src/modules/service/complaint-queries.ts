import { SelectQueryBuilder } from 'typeorm';
import type { Context } from '../../platform/context';
import { Page, PageArgs, paginate, SortKey } from '../../platform/graphql/connection';
import { forbidden } from '../../platform/graphql/errors';
import { uuidOf } from '../../platform/graphql/node-id';
import { byIds, paginateEach, startsWith } from '../../platform/sql';
import { customerLoaders } from '../customers/customer.loaders';
import { customerSql } from '../customers/customer.sql';
import { ComplaintEventEntity } from './complaint-event.entity';
import { OPEN_COMPLAINT_STATES } from './complaint-lifecycle';
import { ComplaintEntity } from './complaint.entity';
import { ComplaintFilter } from './complaint.types';
import { servicePolicy } from './service.policy';

/*
 * Reading complaints: lists, the leaders' overdue queue, lookups for `node`
 * and loaders, history. Every read is scoped as the complaint's customer
 * (service.policy.ts); "overdue" is judged at one moment per request.
 */

const NEWEST_FIRST: SortKey<ComplaintEntity> = { expression: 'cp.created_at', type: 'timestamptz' };
const MOST_OVERDUE_FIRST: SortKey<ComplaintEntity> = { expression: 'cp.due_at', type: 'timestamptz' };
const NO_ID = '00000000-0000-0000-0000-000000000000';

/** Open states as SQL literals: the partial indexes' predicate, which a query must repeat for the planner to use them. */
export const OPEN_STATES_SQL = `(${OPEN_COMPLAINT_STATES.map((s) => `'${s}'`).join(', ')})`;

const requestMoments = new WeakMap<Context, Date>();

/** The moment deadlines are judged at: one per request, so a filter and the `overdue` it shows always agree. */
export function serviceNow(ctx: Context): Date {
  let moment = requestMoments.get(ctx);
  if (!moment) {
    moment = new Date();
    requestMoments.set(ctx, moment);
  }
  return moment;
}

/** Whether the complaint is open and past its deadline at the request's moment. */
export function isOverdue(ctx: Context, complaint: { state: string; dueAt: Date }): boolean {
  return (OPEN_COMPLAINT_STATES as readonly string[]).includes(complaint.state) && new Date(complaint.dueAt).getTime() < serviceNow(ctx).getTime();
}

/** Complaints joined to their customer (`c`), in the viewer's scope. */
function scoped(ctx: Context): SelectQueryBuilder<ComplaintEntity> {
  const query = customerSql.joinTo(ctx.db.getRepository(ComplaintEntity).createQueryBuilder('cp'), 'c', 'cp.customer_id');
  const scope = servicePolicy.read('c', ctx.viewer);
  return query.andWhere(scope.sql, scope.params);
}

function applyFilter(ctx: Context, query: SelectQueryBuilder<ComplaintEntity>, filter: ComplaintFilter | null | undefined): SelectQueryBuilder<ComplaintEntity> {
  if (filter?.states?.length) query.andWhere('cp.state IN (:...filterStates)', { filterStates: filter.states });
  if (filter?.severities?.length) query.andWhere('cp.severity IN (:...filterSeverities)', { filterSeverities: filter.severities });
  if (filter?.customerId != null) query.andWhere('cp.customer_id = :filterCustomer', { filterCustomer: uuidOf(filter.customerId, 'GroupCustomer') ?? NO_ID });
  if (filter?.responsibleId != null) {
    query.andWhere('(cp.first_responder_id = :filterResponsible OR cp.handler_id = :filterResponsible)', { filterResponsible: uuidOf(filter.responsibleId, 'Staff') ?? NO_ID });
  }
  if (filter?.overdue != null) {
    const overdue = `(cp.state IN ${OPEN_STATES_SQL} AND cp.due_at < :filterNow)`;
    query.andWhere(filter.overdue ? overdue : `NOT ${overdue}`, { filterNow: serviceNow(ctx) });
  }
  return query;
}

export const complaintQueries = {
  async byIds(ctx: Context, ids: readonly string[]): Promise<(ComplaintEntity | null)[]> {
    return byIds(
      await scoped(ctx)
        .andWhere('cp.id IN (:...ids)', { ids: [...ids] })
        .getMany(),
      ids,
    );
  },

  /** Complaints in the viewer's scope, filtered, newest first. */
  list(ctx: Context, filter: ComplaintFilter | null | undefined, args: PageArgs): Promise<Page<ComplaintEntity>> {
    return paginate(applyFilter(ctx, scoped(ctx), filter), { args, sort: NEWEST_FIRST, direction: 'DESC', idExpression: 'cp.id', map: (row) => row, capCount: true, shape: 'complaint.list' });
  },

  /** 我的投诉 — those the viewer recorded (首问负责) or was handed, newest first. */
  mine(ctx: Context, filter: ComplaintFilter | null | undefined, args: PageArgs): Promise<Page<ComplaintEntity>> {
    const query = applyFilter(ctx, scoped(ctx), filter).andWhere('(cp.first_responder_id = :me OR cp.handler_id = :me)', { me: ctx.viewer.staffId });
    return paginate(query, { args, sort: NEWEST_FIRST, direction: 'DESC', idExpression: 'cp.id', map: (row) => row });
  },

  /**
   * 超时投诉 — the leader's queue: open complaints past their deadline in
   * their region, most overdue first. ix_complaint_open_due walks the open
   * complaints by deadline and filters on the region path it carries, so a
   * page reads a few dozen index entries; the capped count is a prefix range
   * of ix_complaint_open_region_due. Neither reads the region's customers
   * (servicePolicy.queueRegionPath says why none need checking).
   */
  async overdueQueue(ctx: Context, args: PageArgs, withCount: boolean): Promise<Page<ComplaintEntity>> {
    const regionPath = servicePolicy.queueRegionPath(ctx.viewer);
    if (regionPath == null) throw forbidden('The overdue complaint queue is the leaders’');
    const query = ctx.db
      .getRepository(ComplaintEntity)
      .createQueryBuilder('cp')
      .where(`cp.state IN ${OPEN_STATES_SQL}`)
      .andWhere('cp.due_at < :queueNow', { queueNow: serviceNow(ctx) });
    if (regionPath) {
      const inRegion = startsWith('cp.region_path', regionPath, 'queuePath');
      query.andWhere(inRegion.sql, inRegion.params);
    }
    // The queue shows each complaint's customer (which the leader reads: queueRegionPath): read with the page and handed to its
    // loader. Its first responders and handlers come from the staff loader, which keeps staff rows (staff-directory.ts): joining
    // the staff table twice more cost PostgreSQL more planning than the rest of the statement.
    const page = customerSql.joinAndSelectTo(query.clone(), 'qc', 'cp.customer_id');
    return paginate(page, {
      args,
      sort: MOST_OVERDUE_FIRST,
      direction: 'ASC',
      idExpression: 'cp.id',
      map: (row) => row,
      capCount: true,
      countFrom: query,
      countWithPage: withCount,
      shape: 'complaint.overdueQueue',
      onRows: (raw) => customerLoaders.primeJoined(ctx, page, 'qc', raw),
    });
  },

  /** One page of each customer's complaints in scope, newest first, one statement for the batch. */
  customerPages(ctx: Context, customerIds: readonly string[], args: PageArgs, count: (customerId: string) => Promise<number>) {
    return paginateEach(ctx.db, {
      entity: ComplaintEntity,
      query: scoped(ctx),
      alias: 'cp',
      partitionExpression: 'cp.customer_id',
      parentIds: customerIds,
      sort: NEWEST_FIRST,
      direction: 'DESC',
      args,
      count,
    });
  },

  async customerCounts(ctx: Context, customerIds: readonly string[]): Promise<number[]> {
    const rows = await scoped(ctx)
      .select('cp.customer_id', 'customer')
      .addSelect('count(*)::int', 'n')
      .andWhere('cp.customer_id IN (:...countCustomers)', { countCustomers: [...customerIds] })
      .groupBy('cp.customer_id')
      .getRawMany<{ customer: string; n: number }>();
    const counts = new Map(rows.map((row) => [row.customer, row.n]));
    return customerIds.map((id) => counts.get(id) ?? 0);
  },

  /** The history of each complaint (already read in scope), oldest first. */
  async histories(ctx: Context, complaintIds: readonly string[]): Promise<ComplaintEventEntity[][]> {
    const rows = await ctx.db
      .getRepository(ComplaintEventEntity)
      .createQueryBuilder('e')
      .where('e.complaint_id IN (:...ids)', { ids: [...complaintIds] })
      .orderBy('e.at')
      .addOrderBy('e.id')
      .getMany();
    return complaintIds.map((id) => rows.filter((row) => row.complaintId === id));
  },
};
