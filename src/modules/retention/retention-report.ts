import type { Context } from '../../platform/context';
import { forbidden } from '../../platform/graphql/errors';
import { uuidOf } from '../../platform/graphql/node-id';
import { CustomerGrade } from '../customers/customer.enums';
import { customerSql } from '../customers/customer.sql';
import { chinaDate } from '../opportunities/fen';
import type { PeriodInput } from '../opportunities/money.inputs';
import { reportPeriod } from '../opportunities/report-period';
import { organisationFacts, organisationSql } from '../organisation/organisation.sql';
import { RetentionReportBy } from './retention.enums';
import { retentionPolicy } from './retention.policy';
import { RetentionReport, RetentionReportRow } from './retention.types';

/*
 * 流失分析 (DOMAIN.md: Retention — report by region, grade and month): one
 * statement counts, in the viewer's scope, the customers at risk now (as
 * `atRiskCustomers` lists them), the cases opened and closed in the period
 * (as `retentionCases` lists them), and 中高端客户保有率 — A and B grade
 * customers in service at the start of the period, and how many of them are
 * not CHURNED at its end (grade and status then rebuilt from the customers'
 * history).
 */

const HIGH_END = `('A1', 'A2', 'B1', 'B2')`;
const CHINA = `'Asia/Shanghai'`;
const NOWHERE = '00000000-0000-0000-0000-000000000000';

interface Counted {
  metric: string;
  key: string | null;
  n: number;
  m: number;
}

/** The group of a customer row (alias c) or event for each way of grouping. */
function keys(by: RetentionReportBy) {
  return {
    customer: by === RetentionReportBy.REGION ? 'c.region_id::text' : by === RetentionReportBy.GRADE ? 'c.grade::text' : `to_char(CAST(:reportToday AS date), 'YYYY-MM')`,
    event: (column: string) => (by === RetentionReportBy.MONTH ? `to_char(${column} AT TIME ZONE ${CHINA}, 'YYYY-MM')` : by === RetentionReportBy.REGION ? 'c.region_id::text' : 'c.grade::text'),
    start: by === RetentionReportBy.REGION ? 'a.region_id::text' : by === RetentionReportBy.GRADE ? 'a.grade' : 'NULL',
  };
}

const rate = (part: number, whole: number) => (whole > 0 ? Math.round((part / whole) * 10000) / 10000 : null);

function row(values: Partial<RetentionReportRow>): RetentionReportRow {
  return Object.assign(new RetentionReportRow(), {
    grade: null,
    month: null,
    regionUuid: null,
    atRisk: 0,
    highRisk: 0,
    casesOpened: 0,
    retained: 0,
    lost: 0,
    abandoned: 0,
    highEndAtStart: 0,
    highEndKept: 0,
    ...values,
  });
}

function addRisk(target: RetentionReportRow, counted: Counted) {
  target.atRisk = (target.atRisk ?? 0) + counted.n;
  target.highRisk = (target.highRisk ?? 0) + counted.m;
}

function finish(r: RetentionReportRow): RetentionReportRow {
  r.retentionRate = rate(r.retained, r.retained + r.lost);
  r.highEndRetentionRate = rate(r.highEndKept!, r.highEndAtStart!);
  return r;
}

/** A pattern no region path matches: paths start with a single '/'. */
const NO_PATH = '//';

/** The narrower of the scope's region path and the report region's, or NO_PATH when the report region lies outside the scope. */
function narrowest(scopePath: string, rootPath: string | null): string {
  if (rootPath == null) return NO_PATH;
  if (rootPath.startsWith(scopePath)) return rootPath;
  return scopePath.startsWith(rootPath) ? scopePath : NO_PATH;
}

export async function retentionReport(ctx: Context, period: PeriodInput, by: RetentionReportBy, regionId: string | null | undefined): Promise<RetentionReport> {
  if (!retentionPolicy.mayRead(ctx.viewer)) throw forbidden('Partners, support managers and integrations do not read the retention report');
  const { from, to } = reportPeriod(period);
  const today = chinaDate();
  const scope = retentionPolicy.read('c', ctx.viewer);
  const rootId = regionId != null ? (uuidOf(regionId, 'Region') ?? NOWHERE) : ctx.viewer.regionId;
  const within = `${scope.sql} AND ${organisationSql.inSubtreeOfRegion('c.region_id', 'reportRegionId')}`;
  const k = keys(by);
  const period_ = (column: string) => `${column} >= (CAST(:reportFrom AS date)::timestamp AT TIME ZONE ${CHINA}) AND ${column} < ((CAST(:reportTo AS date) + 1)::timestamp AT TIME ZONE ${CHINA})`;
  // Each part joins the customers in scope by id: no materialised scope, so the at-risk part walks the stored risk and looks customers up.
  const inScope = (idExpression: string) => `${customerSql.join('c', idExpression)} AND ${within}`;
  // A leader's or an admin's risk by region or month needs no customer: each stored risk carries its region path (risk-queries.ts),
  // which stands for the region as its key.
  const regionPath = by === RetentionReportBy.GRADE ? null : retentionPolicy.exactRegionPath(ctx.viewer);
  const reportPath =
    regionPath == null ? null : narrowest(regionPath, regionId == null ? ctx.viewer.regionPath : ((await organisationFacts.regionPaths(ctx.db.manager, [rootId])).get(rootId) ?? null));
  const risk =
    reportPath == null
      ? `SELECT 'risk' AS metric, ${k.customer} AS key, count(*)::int AS n, count(*) FILTER (WHERE s.priority >= 200000000000000)::int AS m
      FROM retention_state s ${inScope('s.id')} WHERE s.priority >= 100000000000000 GROUP BY 2`
      : `SELECT 'risk' AS metric, ${by === RetentionReportBy.REGION ? 's.region_path' : k.customer} AS key, count(*)::int AS n,
        count(*) FILTER (WHERE s.priority >= 200000000000000)::int AS m
      FROM retention_state s WHERE s.priority >= 100000000000000 AND s.region_path LIKE :reportPath GROUP BY 2`;
  const sql = `${risk}
    UNION ALL
    SELECT 'opened', ${k.event('rc.opened_at')}, count(*)::int, 0 FROM retention_case rc ${inScope('rc.customer_id')} WHERE ${period_('rc.opened_at')} GROUP BY 2
    UNION ALL
    SELECT rc.outcome::text, ${k.event('rc.closed_at')}, count(*)::int, 0 FROM retention_case rc ${inScope('rc.customer_id')} WHERE ${period_('rc.closed_at')} GROUP BY 1, 2
    UNION ALL
    SELECT 'highEnd', ${k.start}, count(*)::int, count(*) FILTER (WHERE a.status_at_end <> 'CHURNED')::int
      FROM (${customerSql.asOf(within, 'reportStart', 'reportEnd')}) a
      WHERE a.grade IN ${HIGH_END} AND a.status IN ('ACTIVE', 'DORMANT') GROUP BY 2`;
  const end = to >= today ? new Date().toISOString() : `${to}T23:59:59.999+08:00`;
  const [bound, params] = ctx.db.driver.escapeQueryWithParameters(sql, {
    ...scope.params,
    reportPath: `${reportPath ?? ''}%`,
    reportRegionId: rootId,
    reportFrom: from,
    reportTo: to,
    reportToday: today,
    reportStart: `${from}T00:00:00+08:00`,
    reportEnd: end,
  });
  const counted: Counted[] = await ctx.db.query(bound, params);

  // REGION: customers' own regions roll up to the regions one level below the report region.
  let groupOf = (key: string | null) => key;
  if (by === RetentionReportBy.REGION) {
    const isPath = (key: string) => key.startsWith('/');
    const regionIds = [...new Set(counted.map((c) => c.key).filter((key): key is string => !!key && !isPath(key)))];
    const paths = await organisationFacts.regionPaths(ctx.db.manager, [...regionIds, rootId]);
    const rootPath = paths.get(rootId) ?? '';
    groupOf = (key) => {
      const path = key ? (isPath(key) ? key : paths.get(key)) : undefined;
      if (!path || !path.startsWith(rootPath)) return rootId;
      return path.slice(rootPath.length).split('/')[0] || rootId;
    };
  }
  const groups = new Map<string, RetentionReportRow>();
  const total = row({});
  for (const c of counted) {
    const key = groupOf(c.key);
    const outside = by === RetentionReportBy.MONTH && key != null && (key < from.slice(0, 7) || key > to.slice(0, 7));
    if (key == null || outside) {
      if (outside && c.metric === 'risk') addRisk(total, c);
      if (c.metric === 'highEnd') Object.assign(total, { highEndAtStart: c.n, highEndKept: c.m });
      continue;
    }
    let r = groups.get(key);
    if (!r) {
      r = row(by === RetentionReportBy.REGION ? { regionUuid: key } : by === RetentionReportBy.GRADE ? { grade: key as CustomerGrade } : { month: key });
      groups.set(key, r);
    }
    for (const target of [r, total]) {
      if (c.metric === 'risk') addRisk(target, c);
      else if (c.metric === 'opened') target.casesOpened += c.n;
      else if (c.metric === 'RETAINED') target.retained += c.n;
      else if (c.metric === 'LOST') target.lost += c.n;
      else if (c.metric === 'ABANDONED') target.abandoned += c.n;
      else if (c.metric === 'highEnd') {
        target.highEndAtStart! += c.n;
        target.highEndKept! += c.m;
      }
    }
  }
  const rows = [...groups.values()].map(finish);
  if (by === RetentionReportBy.MONTH) {
    // Risk is a present state: past months have no count of it.
    const current = today.slice(0, 7);
    for (const r of rows) {
      if (r.month !== current) Object.assign(r, { atRisk: null, highRisk: null });
      Object.assign(r, { highEndAtStart: null, highEndKept: null, highEndRetentionRate: null });
    }
    rows.sort((a, b) => a.month!.localeCompare(b.month!));
  } else if (by === RetentionReportBy.GRADE) {
    const order = Object.values(CustomerGrade) as string[];
    rows.sort((a, b) => order.indexOf(a.grade!) - order.indexOf(b.grade!));
  } else {
    rows.sort((a, b) => b.atRisk! - a.atRisk! || a.regionUuid!.localeCompare(b.regionUuid!));
  }
  return Object.assign(new RetentionReport(), { from, to, rows, total: finish(total) });
}
