import type { Context } from '../../platform/context';
import { inTransaction } from '../../platform/context';
import { forbidden } from '../../platform/graphql/errors';
import { uuidOf } from '../../platform/graphql/node-id';
import { fail, failMany, ok, Result, UserErrorCode } from '../../platform/graphql/user-error';
import { validateInput } from '../../platform/graphql/validation';
import { byIds } from '../../platform/sql';
import { CareActivityKind, CareLevel } from '../contacts/contact.enums';
import { contactSql } from '../contacts/contact.sql';
import { CustomerGrade } from '../customers/customer.enums';
import { customerSql } from '../customers/customer.sql';
import { organisationSql } from '../organisation/organisation.sql';
import { ComplianceGrouping, ServiceFrequency, ServiceTier } from './service.enums';
import { dayStart, ServicePeriod } from './service-period';
import { servicePolicy } from './service.policy';
import { ServiceStandardEntity } from './service-standard.entity';
import type { SetServiceStandardInput } from './standards.types';

/*
 * 分层分级服务 — service standards and compliance (DOMAIN.md: Service
 * quality). A standard says what each contact of one care level at a
 * customer of one grade is owed per quarter or year; compliance counts, per
 * standard and contact, the activities of that kind in the period, up to
 * the number owed. The per-customer figures and the report come from one
 * SQL (complianceLines), so they always agree.
 */

/** What one customer is owed of one kind for one care level in a period, and how much of it was done. */
export interface ComplianceLine {
  customerId: string;
  careLevel: CareLevel;
  kind: CareActivityKind;
  tier: ServiceTier;
  owed: number;
  done: number;
}

export interface CustomerCompliance {
  owed: number;
  done: number;
  lines: ComplianceLine[];
}

export interface ComplianceRow {
  key: string | null;
  customers: number;
  owed: number;
  done: number;
}

/**
 * Lines per customer, care level, kind and tier for the customers `where`
 * admits (SQL over group_customer alias `c`): a QUARTER standard is owed
 * once per quarter in the period, a YEAR standard only in a whole year.
 * Activities count from the period's first day to the day after its last,
 * China time, each contact's no more than it owes.
 */
function complianceLines(where: string, extraColumns = ''): string {
  const customers = customerSql.select('c', `c.id, c.grade, c.account_manager_id, ${organisationSql.regionPath('c.region_id')} AS region_path${extraColumns}`, where);
  return `
    cust AS MATERIALIZED (${customers}),
    kc AS (${contactSql.ofCustomers('SELECT id FROM cust')}),
    done AS (${contactSql.careCountsBetween('SELECT contact_id FROM kc', dayStart(':periodFrom'), dayStart(':periodTo'))}),
    owed AS (
      SELECT kc.customer_id, kc.contact_id, s.care_level, s.kind, s.tier,
             s.times * CASE WHEN s.per = '${ServiceFrequency.QUARTER}' THEN CAST(:periodQuarters AS int) ELSE 1 END AS times
      FROM kc JOIN cust ON cust.id = kc.customer_id
      JOIN service_standard s ON s.grade = cust.grade AND s.care_level = kc.care_level
      WHERE s.per = '${ServiceFrequency.QUARTER}' OR CAST(:periodQuarters AS int) = 4),
    lines AS (
      SELECT o.customer_id, o.care_level, o.kind, o.tier, sum(o.times)::int AS owed, sum(least(o.times, coalesce(d.n, 0)))::int AS done
      FROM owed o LEFT JOIN done d ON d.contact_id = o.contact_id AND d.kind = o.kind
      GROUP BY o.customer_id, o.care_level, o.kind, o.tier)`;
}

const periodParams = (period: ServicePeriod) => ({ periodFrom: period.fromDate, periodTo: period.toDate, periodQuarters: period.quarters });

/** The report's grouping key, as SQL over `cust`. */
function groupKey(by: ComplianceGrouping, viewerPath: string): string {
  if (by === ComplianceGrouping.GRADE) return 'cust.grade::text';
  if (by === ComplianceGrouping.ACCOUNT_MANAGER) return 'cust.account_manager_id::text';
  // The region one level below the viewer's, or the viewer's own for customers placed in it.
  const depth = viewerPath.split('/').filter(Boolean).length;
  return `coalesce(nullif(split_part(cust.region_path, '/', ${depth + 2}), ''), split_part(cust.region_path, '/', ${depth + 1}))`;
}

export const standards = {
  /** The standards, by grade, care level and kind; our staff read them. */
  async list(ctx: Context, grade: CustomerGrade | null): Promise<ServiceStandardEntity[]> {
    if (!servicePolicy.mayReadStandards(ctx.viewer)) throw forbidden('Partners do not read the service standards');
    const query = ctx.db.getRepository(ServiceStandardEntity).createQueryBuilder('s');
    if (grade) query.where('s.grade = :grade', { grade });
    const rows = await query.getMany();
    const order = (values: object) => Object.values(values) as string[];
    const rank = (s: ServiceStandardEntity) => [order(CustomerGrade).indexOf(s.grade), order(CareLevel).indexOf(s.careLevel), order(CareActivityKind).indexOf(s.kind)];
    return rows.sort((a, b) => {
      const [x, y] = [rank(a), rank(b)];
      return x[0] - y[0] || x[1] - y[1] || x[2] - y[2];
    });
  },

  async byIds(ctx: Context, ids: readonly string[]): Promise<(ServiceStandardEntity | null)[]> {
    if (!servicePolicy.mayReadStandards(ctx.viewer)) return ids.map(() => null);
    return byIds(
      await ctx.db
        .getRepository(ServiceStandardEntity)
        .createQueryBuilder('s')
        .where('s.id IN (:...ids)', { ids: [...ids] })
        .getMany(),
      ids,
    );
  },

  /** Admins set what a grade × care level is owed of one kind: a new standard, or the existing one changed. */
  async set(ctx: Context, input: SetServiceStandardInput): Promise<Result<ServiceStandardEntity>> {
    if (!servicePolicy.mayKeepStandards(ctx.viewer)) throw forbidden('Only an administrator keeps the service standards');
    const errors = await validateInput(input);
    if (errors.length) return failMany(errors);
    return inTransaction(ctx, async (tx) => {
      await tx
        .createQueryBuilder()
        .insert()
        .into(ServiceStandardEntity)
        .values({ grade: input.grade, careLevel: input.careLevel, kind: input.kind, times: input.times, per: input.per, tier: input.tier, updatedById: ctx.viewer.staffId })
        .orUpdate(['times', 'per', 'tier', 'updated_by_id', 'updated_at'], ['grade', 'care_level', 'kind'])
        .execute();
      return ok(await tx.getRepository(ServiceStandardEntity).findOneByOrFail({ grade: input.grade, careLevel: input.careLevel, kind: input.kind }));
    });
  },

  async remove(ctx: Context, id: string): Promise<Result<ServiceStandardEntity>> {
    if (!servicePolicy.mayKeepStandards(ctx.viewer)) throw forbidden('Only an administrator keeps the service standards');
    return inTransaction(ctx, async (tx) => {
      const uuid = uuidOf(id, 'ServiceStandard');
      const [rows] = uuid
        ? await tx.query(
            `DELETE FROM service_standard WHERE id = $1 RETURNING id, grade, care_level AS "careLevel", kind, times, per, tier, updated_by_id AS "updatedById", updated_at AS "updatedAt"`,
            [uuid],
          )
        : [[]];
      if (!rows?.length) return fail(UserErrorCode.NOT_FOUND, 'Service standard not found', 'id');
      return ok(Object.assign(new ServiceStandardEntity(), rows[0]));
    });
  },

  /** Each customer's compliance in the period; null where the viewer does not see its care. */
  async ofCustomers(ctx: Context, customerIds: readonly string[], period: ServicePeriod): Promise<(CustomerCompliance | null)[]> {
    const scope = servicePolicy.readCare('c', ctx.viewer);
    const sql = `WITH ${complianceLines(`c.id IN (:...complianceIds) AND ${scope.sql}`)}
      SELECT cust.id::text AS "customerId", l.care_level AS "careLevel", l.kind, l.tier, l.owed, l.done FROM cust LEFT JOIN lines l ON l.customer_id = cust.id
      ORDER BY cust.id, l.tier, l.care_level, l.kind`;
    const [query, values] = ctx.db.driver.escapeQueryWithParameters(sql, { ...scope.params, ...periodParams(period), complianceIds: [...customerIds] });
    const rows: (ComplianceLine | { customerId: string; careLevel: null })[] = await ctx.db.query(query, values);
    const found = new Map<string, CustomerCompliance>();
    for (const row of rows) {
      const entry = found.get(row.customerId) ?? { owed: 0, done: 0, lines: [] };
      found.set(row.customerId, entry);
      if (row.careLevel == null) continue;
      const line = row as ComplianceLine;
      entry.owed += line.owed;
      entry.done += line.done;
      entry.lines.push(line);
    }
    return customerIds.map((id) => found.get(id) ?? null);
  },

  /** 服务达标 — one aggregate over the viewer's customers (those whose care they see), grouped. */
  async report(ctx: Context, period: ServicePeriod, by: ComplianceGrouping): Promise<ComplianceRow[]> {
    if (!servicePolicy.mayReadReports(ctx.viewer)) throw forbidden('Partners do not read service reports');
    const scope = servicePolicy.readCare('c', ctx.viewer);
    const key = groupKey(by, ctx.viewer.regionPath);
    const sql = `WITH ${complianceLines(scope.sql)},
      per_customer AS (SELECT customer_id, sum(owed)::int AS owed, sum(done)::int AS done FROM lines GROUP BY customer_id)
      SELECT ${key} AS key, count(*)::int AS customers, coalesce(sum(pc.owed), 0)::int AS owed, coalesce(sum(pc.done), 0)::int AS done
      FROM cust LEFT JOIN per_customer pc ON pc.customer_id = cust.id GROUP BY 1 ORDER BY 1`;
    const [query, values] = ctx.db.driver.escapeQueryWithParameters(sql, { ...scope.params, ...periodParams(period) });
    return ctx.db.query(query, values);
  },
};
