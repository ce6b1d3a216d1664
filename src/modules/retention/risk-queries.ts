import type { Context } from '../../platform/context';
import { Page, PageArgs, paginate, TOTAL_COUNT_CAP } from '../../platform/graphql/connection';
import { uuidOf } from '../../platform/graphql/node-id';
import { EVERYTHING, ScopePredicate } from '../../platform/scope/predicate';
import { startsWith } from '../../platform/sql';
import type { GroupCustomerFilter } from '../customers/customer.types';
import { customerLoaders } from '../customers/customer.loaders';
import { customerSql } from '../customers/customer.sql';
import { organisationSql } from '../organisation/organisation.sql';
import { riskRow, RiskRow, retentionEngine } from './retention-engine';
import { RISK_RANK, RiskLevel } from './retention.enums';
import type { AtRiskCustomerFilter } from './retention.inputs';
import { retentionPolicy } from './retention.policy';
import { RetentionStateEntity } from './retention-state.entity';

/*
 * Reads of the stored risk (retention-engine.ts): a customer's own, the
 * lists, the leader's queue, the revenue series. The lists walk
 * ix_retention_state_priority (level, then revenue, as one key) and check
 * each row's scope, so a page costs the same at any scope size.
 */

/** priority = level_rank × 10¹⁴ + revenue: a level is a range of it. */
const LEVEL_STEP = '100000000000000';
const NOWHERE = '00000000-0000-0000-0000-000000000000';

function levelRange(level: RiskLevel | null | undefined): string {
  if (level == null) return `s.priority >= ${LEVEL_STEP}`;
  const rank = RISK_RANK[level];
  return `s.priority >= ${rank} * ${LEVEL_STEP}::numeric AND s.priority < ${rank + 1} * ${LEVEL_STEP}::numeric`;
}

/** Conditions of a list: on the stored state (alias `s`) and on its customer (alias `c`, the scope among them). */
interface Conditions {
  state: ScopePredicate[];
  customer: ScopePredicate[];
}

/** Scopes wider than this many customers count by walking the list's index; narrower ones by gathering their customers. */
const BROAD_SCOPE = 2000;

const all = (predicates: ScopePredicate[]): ScopePredicate => ({
  sql: predicates.length ? predicates.map((p) => `(${p.sql})`).join(' AND ') : 'TRUE',
  params: Object.assign({}, ...predicates.map((p) => p.params)),
});

/**
 * A page, and a capped count that reads no more than it must.
 *
 * When the viewer's scope is one region subtree (a leader, an admin:
 * retentionPolicy.exactRegionPath), both read the stored risk alone, by the
 * region path each row carries: the page walks ix_retention_state_priority
 * (which holds the path) in the list's order, the count walks the region's
 * prefix of ix_retention_state_risk_region, and neither visits a customer
 * unless a filter asks for one of its columns.
 *
 * Otherwise the scope is checked on each row's customer: for a broad scope
 * the count walks ix_retention_state_priority in the list's order and
 * checks each row's customer on its own (OFFSET 0 keeps the planner from
 * hashing every customer in scope first), stopping at the cap; for a narrow
 * scope it joins the few customers in scope.
 */
async function page(ctx: Context, where: Conditions, args: PageArgs, withCount = false): Promise<Page<RiskRow>> {
  const regionPath = retentionPolicy.exactRegionPath(ctx.viewer);
  const byRegion = regionPath != null;
  const scope = byRegion ? EVERYTHING : retentionPolicy.read('c', ctx.viewer);
  const state = all(regionPath ? [...where.state, startsWith('s.region_path', regionPath, 'riskRegionPath')] : where.state);
  const customer = all([scope, ...where.customer]);
  // Every row's customer is one the viewer reads (retention's scope lies within the customers'): read with the page for its loader.
  const query = ctx.db.getRepository(RetentionStateEntity).createQueryBuilder('s');
  customerSql.joinAndSelectTo(query, 'c', 's.id');
  query.where(state.sql, state.params).andWhere(customer.sql, customer.params);
  return paginate(query, {
    args,
    sort: { expression: 's.priority', type: 'numeric', value: (s) => s.priority },
    direction: 'DESC',
    idExpression: 's.id',
    map: (row) => row as RiskRow,
    capCount: true,
    countWithPage: withCount,
    countSql: { sql: countSql(), params: { ...state.params, ...customer.params } },
    shape: 'retention.risk',
    onRows: (raw) => customerLoaders.primeJoined(ctx, query, 'c', raw),
  });

  function countSql(): string {
    const checksCustomer = !byRegion || where.customer.length > 0;
    const customerCheck = checksCustomer ? `AND EXISTS (SELECT 1 FROM ${customerSql.from('c')} WHERE c.id = s.id AND ${customer.sql} OFFSET 0)` : '';
    const walk = `SELECT 1 FROM retention_state s WHERE ${state.sql} ${customerCheck} ORDER BY s.priority DESC, s.id DESC LIMIT ${TOTAL_COUNT_CAP + 1}`;
    const join = `SELECT 1 FROM retention_state s ${customerSql.join('c', 's.id')} WHERE ${state.sql} AND ${customer.sql} LIMIT ${TOTAL_COUNT_CAP + 1}`;
    // In the partial index's order, so the planner walks the region's prefix of ix_retention_state_risk_region (0.4 ms at L)
    // rather than scanning the table until the cap (1-2 ms), which it prefers when the path matches most rows.
    return byRegion
      ? `SELECT count(*)::int AS n FROM (SELECT 1 FROM retention_state s WHERE ${state.sql} ${customerCheck} ORDER BY s.region_path USING ~<~ LIMIT ${TOTAL_COUNT_CAP + 1}) r`
      : // One statement: PostgreSQL runs only the branch the probe picks.
        `SELECT CASE WHEN (${customerSql.moreThan(BROAD_SCOPE, 'c', scope)}) THEN (SELECT count(*) FROM (${walk}) w) ELSE (SELECT count(*) FROM (${join}) j) END::int AS n`;
  }
}

/** `groupCustomers(filter: { segments })`: registered on the customers module when the app is composed. */
export function segmentCondition(alias: string, filter: GroupCustomerFilter): ScopePredicate | null {
  if (!filter.segments?.length) return null;
  return {
    sql: `EXISTS (SELECT 1 FROM retention_state seg_s WHERE seg_s.id = ${alias}.id AND seg_s.segment_code IN (:...filterSegments))`,
    params: { filterSegments: filter.segments.map((code) => code.trim().toUpperCase()) },
  };
}

export const riskQueries = {
  /**
   * The stored risk of each customer the viewer may see retention of; a
   * customer added since the last refresh is computed on the spot (the same
   * computation, not stored by a read). Null when out of scope.
   */
  async ofCustomers(ctx: Context, ids: readonly string[]): Promise<(RiskRow | null)[]> {
    const scope = retentionPolicy.read('c', ctx.viewer);
    const [scopedSql, scopedParams] = ctx.db.driver.escapeQueryWithParameters(
      `SELECT c.id AS "customerId", s.* FROM ${customerSql.from('c')} LEFT JOIN retention_state s ON s.id = c.id WHERE c.id = ANY(CAST(:riskIds AS uuid[])) AND ${scope.sql}`,
      { ...scope.params, riskIds: [...ids] },
    );
    const rows: Record<string, unknown>[] = await ctx.db.query(scopedSql, scopedParams);
    const missing = rows.filter((row) => row.id == null).map((row) => row.customerId as string);
    const computed = await retentionEngine.compute(ctx.db, missing);
    const byId = new Map<string, RiskRow>(computed.map((row) => [row.id, row]));
    for (const row of rows) if (row.id != null) byId.set(row.id as string, riskRow(row));
    return ids.map((id) => byId.get(id) ?? null);
  },

  /** 流失预警名单: customers at risk in the viewer's scope, highest risk then highest revenue first. */
  atRisk(ctx: Context, filter: AtRiskCustomerFilter | null | undefined, args: PageArgs, withCount = false): Promise<Page<RiskRow>> {
    const where: Conditions = { state: [{ sql: levelRange(filter?.level), params: {} }], customer: [] };
    if (filter?.signal) where.state.push({ sql: ':riskSignal = ANY(s.signals)', params: { riskSignal: filter.signal } });
    if (filter?.grade) where.customer.push({ sql: 'c.grade = :riskGrade', params: { riskGrade: filter.grade } });
    if (filter?.regionId != null) {
      where.customer.push({ sql: organisationSql.inSubtreeOfRegion('c.region_id', 'riskRegionId'), params: { riskRegionId: uuidOf(filter.regionId, 'Region') ?? NOWHERE } });
    }
    return page(ctx, where, args, withCount);
  },

  /** The leader's queue: HIGH risks in scope with no open retention case, each a proposed case to accept. */
  proposals(ctx: Context, args: PageArgs, withCount = false): Promise<Page<RiskRow>> {
    const state = [
      { sql: levelRange(RiskLevel.HIGH), params: {} },
      { sql: 'NOT EXISTS (SELECT 1 FROM retention_case rc WHERE rc.customer_id = s.id AND rc.closed_at IS NULL)', params: {} },
    ];
    return page(ctx, { state, customer: [] }, args, withCount);
  },

  /** The billed months of each customer, oldest first, the `months` up to the latest month billed; one statement for all. */
  async revenueHistory(ctx: Context, ids: readonly string[], months: number): Promise<({ month: string; revenue: string }[] | null)[]> {
    const scope = retentionPolicy.read('c', ctx.viewer);
    const [sql, params] = ctx.db.driver.escapeQueryWithParameters(
      `SELECT c.id AS "customerId", to_char(r.month, 'YYYY-MM') AS month, r.revenue::text AS revenue
       FROM ${customerSql.from('c')} LEFT JOIN customer_monthly_revenue r ON r.customer_id = c.id
         AND r.month > (SELECT max(month) FROM customer_monthly_revenue) - make_interval(months => CAST(:historyMonths AS int))
       WHERE c.id = ANY(CAST(:historyIds AS uuid[])) AND ${scope.sql}
       ORDER BY c.id, r.month`,
      { ...scope.params, historyIds: [...ids], historyMonths: months },
    );
    const rows: { customerId: string; month: string | null; revenue: string | null }[] = await ctx.db.query(sql, params);
    const byId = new Map<string, { month: string; revenue: string }[]>();
    for (const row of rows) {
      const list = byId.get(row.customerId) ?? [];
      if (row.month) list.push({ month: row.month, revenue: row.revenue! });
      byId.set(row.customerId, list);
    }
    return ids.map((id) => byId.get(id) ?? null);
  },
};
