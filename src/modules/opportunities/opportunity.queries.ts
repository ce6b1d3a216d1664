import { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { businessRules } from '../rules/business-rules';
import type { Context } from '../../platform/context';
import { Page, PageArgs, paginate, SortKey } from '../../platform/graphql/connection';
import { uuidOf } from '../../platform/graphql/node-id';
import { OrderDirection } from '../../platform/graphql/order';
import { normaliseDecimal } from '../../platform/graphql/scalars';
import { byIds, paginateEach } from '../../platform/sql';
import { customerFacts, customerSql, CustomerSummary } from '../customers/customer.sql';
import { ApprovalDelegationEntity } from './approval-delegation.entity';
import { ApprovalStepEntity } from './approval-step.entity';
import { ContractEntity } from './contract.entity';
import { isoDate, NO_UUID } from './input-checks';
import { ApprovalState, DEAD_STAGES, FINAL_STAGES, OpportunityCategory, OpportunityStage, ProductLine } from './opportunity.enums';
import { OpportunityEventEntity } from './opportunity-event.entity';
import { OpportunityEntity } from './opportunity.entity';
import { opportunityPolicy } from './opportunity.policy';
import { OpportunityFilter, OpportunityOrder, OpportunityOrderField, PipelineFilter } from './opportunity.filters';
import { PipelineReport, PipelineStage } from './opportunity.types';
import { applyStalledFilter } from './stall';

/*
 * The reads: root queries and the batch functions behind the loaders
 * (opportunity.loaders.ts). Every one applies opportunityPolicy in SQL, so
 * lists, `node`, nested fields and loaders agree on what the viewer sees.
 */

const SORTS: Record<OpportunityOrderField, SortKey<OpportunityEntity>> = {
  CREATED_AT: { expression: 'o.created_at', type: 'timestamptz', value: (o) => o.createdAt },
  ESTIMATED_AMOUNT: { expression: 'o.estimated_amount', type: 'numeric', value: (o) => o.estimatedAmount },
  EXPECTED_CLOSE_DATE: { expression: 'o.expected_close_date', type: 'date', value: (o) => String(o.expectedCloseDate) },
  CODE: { expression: 'o.code', type: 'text', value: (o) => o.code },
};

function groupBy<T>(rows: T[], key: (row: T) => string, ids: readonly string[]): T[][] {
  const map = new Map<string, T[]>();
  for (const row of rows) map.set(key(row), [...(map.get(key(row)) ?? []), row]);
  return ids.map((id) => map.get(id) ?? []);
}

/** `YYYY-MM-DD` of a date column, whichever way the driver returned it. */
function dateColumn(value: unknown): string | null {
  if (value == null) return null;
  if (value instanceof Date) return `${value.getFullYear()}-${String(value.getMonth() + 1).padStart(2, '0')}-${String(value.getDate()).padStart(2, '0')}`;
  return String(value).slice(0, 10);
}

/** Rows read with raw SQL (paginateEach) carry enum arrays as `{A,B}` text and dates as Date: make them what TypeORM gives. */
function hydrate(row: OpportunityEntity): OpportunityEntity {
  const products = row.products as unknown;
  if (typeof products === 'string')
    row.products = products
      .replace(/^\{|\}$/g, '')
      .split(',')
      .filter(Boolean) as ProductLine[];
  row.expectedCloseDate = dateColumn(row.expectedCloseDate)!;
  row.competitorContractExpiresOn = dateColumn(row.competitorContractExpiresOn);
  return row;
}

/** The conditions of an opportunity list or report, on alias `o`; every one given must hold (the ranking in ranking.ts applies them too). */
export function applyOpportunityFilter<E extends ObjectLiteral>(query: SelectQueryBuilder<E>, filter: Partial<OpportunityFilter>): SelectQueryBuilder<E> {
  if (filter?.stages?.length) query.andWhere('o.stage IN (:...filterStages)', { filterStages: filter.stages });
  if (filter?.categories?.length) query.andWhere('o.category IN (:...filterCategories)', { filterCategories: filter.categories });
  if (filter?.sources?.length) query.andWhere('o.source IN (:...filterSources)', { filterSources: filter.sources });
  if (filter?.products?.length) query.andWhere('o.products && CAST(:filterProducts AS product_line[])', { filterProducts: filter.products });
  if (filter?.customerId != null) query.andWhere('o.customer_id = :filterCustomer', { filterCustomer: uuidOf(filter.customerId, 'GroupCustomer') ?? NO_UUID });
  if (filter?.ownerId != null) query.andWhere('o.owner_id = :filterOwner', { filterOwner: uuidOf(filter.ownerId, 'Staff') ?? NO_UUID });
  if (filter?.reporterId != null) query.andWhere('o.reporter_id = :filterReporter', { filterReporter: uuidOf(filter.reporterId, 'Staff') ?? NO_UUID });
  if (filter?.partnerId != null) query.andWhere('o.partner_id = :filterPartner', { filterPartner: uuidOf(filter.partnerId, 'Partner') ?? NO_UUID });
  if (filter?.regionId != null) {
    query.andWhere(customerSql.inSubtreeOfRegion('o.customer_id', 'filterRegion'), { filterRegion: uuidOf(filter.regionId, 'Region') ?? NO_UUID });
  }
  if (filter?.amountMin != null) query.andWhere('o.estimated_amount >= :amountMin', { amountMin: filter.amountMin });
  if (filter?.amountMax != null) query.andWhere('o.estimated_amount <= :amountMax', { amountMax: filter.amountMax });
  if (filter?.expectedCloseFrom != null) query.andWhere('o.expected_close_date >= :closeFrom', { closeFrom: isoDate(filter.expectedCloseFrom) });
  if (filter?.expectedCloseTo != null) query.andWhere('o.expected_close_date <= :closeTo', { closeTo: isoDate(filter.expectedCloseTo) });
  if (filter?.overdueApproval != null) {
    query.andWhere(`${filter.overdueApproval ? '' : 'NOT '}EXISTS (SELECT 1 FROM approval_step os WHERE os.opportunity_id = o.id AND os.state = 'PENDING' AND os.due_at < now())`);
  }
  return query;
}

export const opportunityQueries = {
  /** Opportunities by uuid in the viewer's scope; null for unknown or out of scope. */
  async byIds(ctx: Context, ids: readonly string[]): Promise<(OpportunityEntity | null)[]> {
    const query = ctx.db
      .getRepository(OpportunityEntity)
      .createQueryBuilder('o')
      .where('o.id IN (:...ids)', { ids: [...ids] });
    return byIds(await opportunityPolicy.applyRead(query, 'o', ctx.viewer).getMany(), ids);
  },

  async findOne(ctx: Context, by: { id?: string | null; code?: string | null }): Promise<OpportunityEntity | null> {
    const query = ctx.db.getRepository(OpportunityEntity).createQueryBuilder('o');
    if (by.id) query.andWhere('o.id = :uuid', { uuid: uuidOf(by.id, 'Opportunity') ?? NO_UUID });
    if (by.code) query.andWhere('o.code = :code', { code: by.code.trim().toUpperCase() });
    return opportunityPolicy.applyRead(query, 'o', ctx.viewer).getOne();
  },

  async list(ctx: Context, filter: OpportunityFilter | null | undefined, order: OpportunityOrder | null | undefined, args: PageArgs): Promise<Page<OpportunityEntity>> {
    const query = ctx.db.getRepository(OpportunityEntity).createQueryBuilder('o');
    opportunityPolicy.applyRead(query, 'o', ctx.viewer);
    applyOpportunityFilter(query, filter ?? {});
    await applyStalledFilter(query, 'o', filter?.stalled, ctx.viewer, async () => (await businessRules.forRequest(ctx)).rules.followThrough);
    return paginate(query, {
      args,
      sort: SORTS[order?.field ?? OpportunityOrderField.CREATED_AT],
      direction: order?.direction === OrderDirection.ASC ? 'ASC' : 'DESC',
      idExpression: 'o.id',
      map: (row) => row,
      capCount: true,
    });
  },

  /**
   * 商机漏斗: one aggregate over the opportunities in the viewer's scope —
   * count and amount per stage, and the WON row's average cycle in days.
   */
  async pipeline(ctx: Context, filter: PipelineFilter | null | undefined): Promise<PipelineReport> {
    const query = ctx.db
      .getRepository(OpportunityEntity)
      .createQueryBuilder('o')
      .select('o.stage', 'stage')
      .addSelect('count(*)::int', 'count')
      .addSelect('coalesce(sum(o.estimated_amount), 0)::text', 'amount')
      .addSelect('avg(extract(epoch FROM o.closed_at - o.registered_at) / 86400)', 'cycleDays')
      // DOMAIN.md: "The pipeline reports signed amounts beside estimated ones" — the won contracts' amounts.
      .leftJoin(ContractEntity, 'k', 'k.opportunity_id = o.id')
      .addSelect('coalesce(sum(k.signed_amount), 0)::text', 'signedAmount')
      .groupBy('o.stage');
    opportunityPolicy.applyRead(query, 'o', ctx.viewer);
    applyOpportunityFilter(query, filter ?? {});
    if (filter?.registeredFrom != null) query.andWhere('o.registered_at >= CAST(:registeredFrom AS date)', { registeredFrom: isoDate(filter.registeredFrom) });
    if (filter?.registeredTo != null) query.andWhere(`o.registered_at < CAST(:registeredTo AS date) + 1`, { registeredTo: isoDate(filter.registeredTo) });
    const rows: { stage: OpportunityStage; count: number; amount: string; signedAmount: string; cycleDays: string | null }[] = await query.getRawMany();
    const byStage = Object.values(OpportunityStage).map((stage) => {
      const row = rows.find((r) => r.stage === stage);
      return { stage, count: row?.count ?? 0, amount: row?.amount ?? '0', signedAmount: row?.signedAmount ?? '0' };
    });
    const count = (stage: OpportunityStage) => byStage.find((s) => s.stage === stage)!.count;
    const closed = count(OpportunityStage.WON) + count(OpportunityStage.LOST);
    const won = rows.find((r) => r.stage === OpportunityStage.WON);
    // Money is summed exactly, in fen.
    const fen = (amount: string) => BigInt(normaliseDecimal(amount).replace('.', ''));
    const openFen = byStage.filter((s) => !FINAL_STAGES.includes(s.stage)).reduce((sum, s) => sum + fen(s.amount), 0n);
    return Object.assign(new PipelineReport(), {
      byStage: byStage.map((s) => Object.assign(new PipelineStage(), s)),
      totalCount: byStage.reduce((sum, s) => sum + s.count, 0),
      openAmount: `${openFen / 100n}.${String(openFen % 100n).padStart(2, '0')}`,
      signedAmount: normaliseDecimal(won?.signedAmount ?? '0'),
      winRate: closed === 0 ? null : count(OpportunityStage.WON) / closed,
      averageCycleDays: won?.cycleDays == null ? null : Math.round(Number(won.cycleDays) * 10) / 10,
    });
  },

  /** 续约雷达 — COMPETITOR opportunities still open whose rival contract expires within the window, soonest first. */
  async competitorExpiries(ctx: Context, withinDays: number, args: PageArgs): Promise<Page<OpportunityEntity>> {
    const query = ctx.db
      .getRepository(OpportunityEntity)
      .createQueryBuilder('o')
      .where('o.category = :competitor', { competitor: OpportunityCategory.COMPETITOR })
      .andWhere(`o.stage NOT IN ('WON', 'LOST', 'REJECTED', 'CANCELLED')`)
      .andWhere('o.competitor_contract_expires_on BETWEEN current_date AND current_date + CAST(:withinDays AS int)', { withinDays });
    opportunityPolicy.applyRead(query, 'o', ctx.viewer);
    return paginate(query, {
      args,
      sort: { expression: 'o.competitor_contract_expires_on', type: 'date', value: (o) => String(o.competitorContractExpiresOn) },
      direction: 'ASC',
      idExpression: 'o.id',
      map: (row) => row,
    });
  },

  /** A page of each customer's opportunities in the viewer's scope, newest first, in one statement. */
  async customerPages(ctx: Context, customerIds: readonly string[], args: PageArgs, count: (customerId: string) => Promise<number>): Promise<Map<string, Page<OpportunityEntity>>> {
    const query = ctx.db.createQueryBuilder().from(OpportunityEntity, 'o');
    opportunityPolicy.applyRead(query, 'o', ctx.viewer);
    const pages = await paginateEach(ctx.db, {
      entity: OpportunityEntity,
      query,
      alias: 'o',
      partitionExpression: 'o.customer_id',
      parentIds: customerIds,
      sort: SORTS.CREATED_AT,
      direction: 'DESC',
      args,
      count,
    });
    for (const page of pages.values()) for (const edge of page.edges) hydrate(edge.node);
    return pages;
  },

  async customerCounts(ctx: Context, customerIds: readonly string[]): Promise<number[]> {
    const query = ctx.db
      .createQueryBuilder()
      .from(OpportunityEntity, 'o')
      .select('o.customer_id', 'id')
      .addSelect('count(*)::int', 'n')
      .where('o.customer_id IN (:...ids)', { ids: [...customerIds] });
    opportunityPolicy.applyRead(query, 'o', ctx.viewer);
    const rows: { id: string; n: number }[] = await query.groupBy('o.customer_id').getRawMany();
    const counts = new Map(rows.map((row) => [row.id, row.n]));
    return customerIds.map((id) => counts.get(id) ?? 0);
  },

  /** The approval steps of each opportunity, in route order. */
  async stepsOf(ctx: Context, opportunityIds: readonly string[]): Promise<ApprovalStepEntity[][]> {
    const rows = await ctx.db
      .getRepository(ApprovalStepEntity)
      .createQueryBuilder('s')
      .where('s.opportunity_id IN (:...ids)', { ids: [...opportunityIds] })
      .orderBy('s.round', 'ASC')
      .addOrderBy('s.sequence', 'ASC')
      .getMany();
    return groupBy(rows, (row) => row.opportunityId, opportunityIds);
  },

  /** History entries by uuid, visible when their opportunity is. */
  async eventsByIds(ctx: Context, ids: readonly string[]): Promise<(OpportunityEventEntity | null)[]> {
    const query = ctx.db
      .getRepository(OpportunityEventEntity)
      .createQueryBuilder('h')
      .innerJoin(OpportunityEntity, 'o', 'o.id = h.opportunity_id')
      .where('h.id IN (:...ids)', { ids: [...ids] });
    return byIds(await opportunityPolicy.applyRead(query, 'o', ctx.viewer).getMany(), ids);
  },

  async delegationsByIds(ctx: Context, ids: readonly string[]): Promise<(ApprovalDelegationEntity | null)[]> {
    const scope = opportunityPolicy.readDelegation('d', ctx.viewer);
    const rows = await ctx.db
      .getRepository(ApprovalDelegationEntity)
      .createQueryBuilder('d')
      .where('d.id IN (:...ids)', { ids: [...ids] })
      .andWhere(scope.sql, scope.params)
      .getMany();
    return byIds(rows, ids);
  },

  /** Steps by uuid, visible when their opportunity is. */
  async stepsByIds(ctx: Context, ids: readonly string[]): Promise<(ApprovalStepEntity | null)[]> {
    const query = ctx.db
      .getRepository(ApprovalStepEntity)
      .createQueryBuilder('s')
      .innerJoin(OpportunityEntity, 'o', 'o.id = s.opportunity_id')
      .where('s.id IN (:...ids)', { ids: [...ids] });
    return byIds(await opportunityPolicy.applyRead(query, 'o', ctx.viewer).getMany(), ids);
  },

  /** The open (PENDING) step of each opportunity, if any. */
  async currentSteps(ctx: Context, opportunityIds: readonly string[]): Promise<(ApprovalStepEntity | null)[]> {
    const rows = await ctx.db
      .getRepository(ApprovalStepEntity)
      .createQueryBuilder('s')
      .where('s.opportunity_id IN (:...ids)', { ids: [...opportunityIds] })
      .andWhere(`s.state = 'PENDING'`)
      .getMany();
    const map = new Map(rows.map((row) => [row.opportunityId, row]));
    return opportunityIds.map((id) => map.get(id) ?? null);
  },

  /** Each opportunity's history, oldest first, a page per opportunity in one statement. */
  async historyPages(ctx: Context, opportunityIds: readonly string[], args: PageArgs, count: (id: string) => Promise<number>) {
    return paginateEach(ctx.db, {
      entity: OpportunityEventEntity,
      query: ctx.db.createQueryBuilder().from(OpportunityEventEntity, 'h'),
      alias: 'h',
      partitionExpression: 'h.opportunity_id',
      parentIds: opportunityIds,
      sort: { expression: 'h.at', type: 'timestamptz', value: (h) => h.at },
      direction: 'ASC',
      args,
      count,
    });
  },

  async historyCounts(ctx: Context, opportunityIds: readonly string[]): Promise<number[]> {
    const rows: { id: string; n: number }[] = await ctx.db
      .createQueryBuilder()
      .from(OpportunityEventEntity, 'h')
      .select('h.opportunity_id', 'id')
      .addSelect('count(*)::int', 'n')
      .where('h.opportunity_id IN (:...ids)', { ids: [...opportunityIds] })
      .groupBy('h.opportunity_id')
      .getRawMany();
    const counts = new Map(rows.map((row) => [row.id, row.n]));
    return opportunityIds.map((id) => counts.get(id) ?? 0);
  },

  /** The latest history entry of each opportunity. */
  async lastEvents(ctx: Context, opportunityIds: readonly string[]): Promise<(OpportunityEventEntity | null)[]> {
    const rows = await ctx.db
      .getRepository(OpportunityEventEntity)
      .createQueryBuilder('h')
      .distinctOn(['h.opportunity_id'])
      .where('h.opportunity_id IN (:...ids)', { ids: [...opportunityIds] })
      .orderBy('h.opportunity_id')
      .addOrderBy('h.at', 'DESC')
      .addOrderBy('h.id', 'DESC')
      .getMany();
    const map = new Map(rows.map((row) => [row.opportunityId, row]));
    return opportunityIds.map((id) => map.get(id) ?? null);
  },

  /** 疑似撞单 — for each opportunity, the others in scope whose registration protects the same customer and product line. */
  async possibleDuplicates(ctx: Context, opportunityIds: readonly string[]): Promise<OpportunityEntity[][]> {
    const query = ctx.db
      .getRepository(OpportunityEntity)
      .createQueryBuilder('o')
      .innerJoin(OpportunityEntity, 'src', 'src.customer_id = o.customer_id AND src.id <> o.id AND src.products && o.products')
      .addSelect('src.id', 'source_id')
      .where('src.id IN (:...ids)', { ids: [...opportunityIds] })
      .andWhere('o.stage NOT IN (:...dead)', { dead: DEAD_STAGES })
      .andWhere('o.protected_until > now()')
      .orderBy('o.registered_at', 'ASC');
    opportunityPolicy.applyRead(query, 'o', ctx.viewer);
    const { entities, raw } = await query.getRawAndEntities<{ source_id: string; o_id: string }>();
    const entityById = new Map(entities.map((e) => [e.id, e]));
    const pairs = raw.map((row) => ({ source: row.source_id, entity: entityById.get(row.o_id)! }));
    return groupBy(pairs, (pair) => pair.source, opportunityIds).map((list) => list.map((pair) => pair.entity));
  },

  /** What a partner (or anyone who may read the opportunity) may know of its customer: code, name, region. */
  async customerSummaries(ctx: Context, customerIds: readonly string[]): Promise<(CustomerSummary | null)[]> {
    return byIds(await customerFacts.summaries(ctx.db.manager, customerIds), customerIds);
  },

  /** 待审批 — the steps the viewer may decide (own or as a delegate), oldest first; decided states list what they decided. */
  async myApprovals(ctx: Context, state: ApprovalState, args: PageArgs): Promise<Page<ApprovalStepEntity>> {
    const query = ctx.db.getRepository(ApprovalStepEntity).createQueryBuilder('s').where('s.state = :state', { state });
    if (state === ApprovalState.PENDING) {
      const decidable = opportunityPolicy.decidable('s', ctx.viewer);
      query.andWhere(decidable.sql, decidable.params);
    } else {
      query.andWhere('(s.decided_by_id = :me OR s.on_behalf_of_id = :me)', { me: ctx.viewer.staffId });
    }
    return paginate(query, {
      args,
      sort: { expression: 's.created_at', type: 'timestamptz', value: (s) => s.createdAt },
      direction: 'ASC',
      idExpression: 's.id',
      map: (row) => row,
    });
  },
};
