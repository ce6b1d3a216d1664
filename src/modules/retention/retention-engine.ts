import { DataSource, EntityManager } from 'typeorm';
import type { Logger } from '../../platform/logger';
import { customerSql } from '../customers/customer.sql';
import { chinaDate } from '../opportunities/fen';
import { opportunitySql } from '../opportunities/opportunity.sql';
import { businessRules } from '../rules/business-rules';
import type { RetentionRuleValues } from '../rules/sections/retention.rules';
import type { StoredSignal } from './retention-state.entity';
import { segmentMatch, segmentRules, SegmentRuleSetVersion } from './segment-rules';
import { SIGNALS } from './signals';

/*
 * The one computation of churn risk 流失风险 and segment 客户细分 (DOMAIN.md:
 * Retention). It runs over a batch of customers in one statement and is
 * stored in `retention_state`, which every read uses: `churnRisk`,
 * `segment`, `atRiskCustomers`, the leader's queue and the report. The
 * same inputs (rows, rules, day) give the same result.
 */

/** One customer's result, as stored. */
export interface RiskRow {
  id: string;
  levelRank: number;
  signals: string[];
  evidence: StoredSignal[];
  revenue: string;
  priority: string;
  growthPercent: string | null;
  productLines: number;
  segmentCode: string | null;
  segmentRule: number | null;
  segmentVersion: number | null;
  ruleVersion: number;
  computedAt: Date;
}

/** Customers per statement of a full refresh. */
export const REFRESH_BATCH = 2000;

/** One refresh at a time across every instance (pg_try_advisory_lock). */
const REFRESH_LOCK = 'group-crm:retention-refresh';

const COLUMNS = ['id', 'level_rank', 'signals', 'evidence', 'revenue', 'priority', 'growth_percent', 'product_lines', 'segment_code', 'segment_rule', 'segment_version', 'rule_version', 'computed_at'];

/** The first day of the latest month billed for any customer (the window the revenue signals look back from). */
async function anchorMonth(db: DataSource | EntityManager): Promise<string | null> {
  const [row] = await db.query(`SELECT to_char(max(month), 'YYYY-MM-DD') AS anchor FROM customer_monthly_revenue`);
  return row?.anchor ?? null;
}

/** The SELECT that assesses the customers `:ids`: one row per customer, columns as COLUMNS. */
function assessment(rules: RetentionRuleValues): string {
  const found = SIGNALS.map((signal, index) => `SELECT ${index + 1} AS position, '${signal.kind}' AS kind, s.customer_id, s.since, s.evidence FROM (${signal.sql(rules)}) s`).join('\n UNION ALL ');
  const anchor = `CAST(:anchor AS date)`;
  return `WITH candidates AS (
      SELECT c.id, c.grade::text AS grade, c.status::text AS status, c.monthly_revenue, c.created_at FROM ${customerSql.from('c')} WHERE c.id = ANY(CAST(:ids AS uuid[]))),
    assessed AS (
      SELECT id, grade, status, created_at, CASE WHEN status = 'DORMANT' THEN coalesce(${customerSql.statusSetAt('candidates.id', 'DORMANT')}, created_at) END AS dormant_since
      FROM candidates WHERE status IN ('ACTIVE', 'DORMANT')),
    found AS (${found}),
    per AS (
      SELECT customer_id, count(*)::int AS n, array_agg(kind ORDER BY position) AS kinds,
             jsonb_agg(jsonb_build_object('kind', kind, 'since', since, 'evidence', evidence) ORDER BY position) AS evidence
      FROM found GROUP BY customer_id),
    growth AS (
      SELECT r.customer_id, sum(r.revenue) FILTER (WHERE r.month > (${anchor} - interval '6 months')) AS last6,
             sum(r.revenue) FILTER (WHERE r.month <= (${anchor} - interval '6 months')) AS prev6
      FROM customer_monthly_revenue r
      WHERE r.customer_id IN (SELECT id FROM candidates) AND r.month > (${anchor} - interval '12 months') AND r.month <= ${anchor}
      GROUP BY r.customer_id),
    lines AS (${opportunityLines()}),
    scored AS (
      SELECT c.id, CASE WHEN p.n IS NULL THEN 0 WHEN p.n >= ${Number(rules.highRiskSignals) | 0} OR c.grade IN ('A1', 'A2') THEN 2 ELSE 1 END AS level_rank,
             coalesce(p.kinds, '{}')::varchar[] AS signals, coalesce(p.evidence, '[]'::jsonb) AS evidence, c.monthly_revenue AS revenue,
             CASE WHEN g.prev6 > 0 THEN round((g.last6 - g.prev6) * 100 / g.prev6, 1) END AS growth_percent, coalesce(l.lines, 0) AS product_lines
      FROM candidates c LEFT JOIN per p ON p.customer_id = c.id LEFT JOIN growth g ON g.customer_id = c.id LEFT JOIN lines l ON l.customer_id = c.id)
    SELECT s.id, s.level_rank, s.signals, s.evidence, s.revenue, s.level_rank * 100000000000000 + s.revenue AS priority, s.growth_percent, s.product_lines,
           seg.code AS segment_code, seg.position AS segment_rule, CAST(:segmentVersion AS int) AS segment_version, CAST(:ruleVersion AS int) AS rule_version, CAST(:now AS timestamptz) AS computed_at
    FROM scored s LEFT JOIN LATERAL (${segmentMatch('s.revenue', 's.growth_percent', 's.product_lines')}) seg ON TRUE`;
}

const opportunityLines = () => opportunitySql.productLinesInService('SELECT id FROM candidates');

interface Inputs {
  rules: RetentionRuleValues;
  ruleVersion: number;
  segments: SegmentRuleSetVersion;
  anchor: string | null;
  now: Date;
}

async function inputs(db: DataSource | EntityManager): Promise<Inputs> {
  const manager = 'manager' in db ? db.manager : db;
  const [rules, segments, anchor] = [await businessRules.inForce(manager), await segmentRules.inForce(manager), await anchorMonth(manager)];
  return { rules: rules.rules.retention, ruleVersion: rules.version, segments, anchor, now: new Date() };
}

function bind(db: DataSource | EntityManager, sql: string, ids: readonly string[], given: Inputs): [string, unknown[]] {
  const driver = ('driver' in db ? db.driver : db.connection.driver) as DataSource['driver'];
  return driver.escapeQueryWithParameters(sql, {
    ids: [...ids],
    anchor: given.anchor,
    today: chinaDate(given.now),
    now: given.now.toISOString(),
    careNow: given.now.toISOString(),
    factsToday: chinaDate(given.now),
    segmentRules: JSON.stringify(given.segments.rules),
    segmentVersion: given.segments.version,
    ruleVersion: given.ruleVersion,
  });
}

/** A raw row of the assessment or of retention_state (snake_case columns) as a RiskRow. */
export function riskRow(raw: Record<string, unknown>): RiskRow {
  return {
    id: raw.id as string,
    levelRank: Number(raw.level_rank),
    signals: raw.signals as string[],
    evidence: raw.evidence as StoredSignal[],
    revenue: String(raw.revenue),
    priority: String(raw.priority),
    growthPercent: raw.growth_percent == null ? null : String(raw.growth_percent),
    productLines: Number(raw.product_lines),
    segmentCode: (raw.segment_code as string | null) ?? null,
    segmentRule: raw.segment_rule == null ? null : Number(raw.segment_rule),
    segmentVersion: raw.segment_version == null ? null : Number(raw.segment_version),
    ruleVersion: Number(raw.rule_version),
    computedAt: new Date(raw.computed_at as string),
  };
}

export const retentionEngine = {
  /** Computes the customers' risk and segment without storing it (a customer added since the last refresh). */
  async compute(db: DataSource | EntityManager, ids: readonly string[]): Promise<RiskRow[]> {
    if (ids.length === 0) return [];
    const given = await inputs(db);
    const rows: Record<string, unknown>[] = await db.query(...bind(db, assessment(given.rules), ids, given));
    return rows.map(riskRow);
  },

  /** Computes and stores the customers' risk and segment, in the caller's transaction. */
  async store(tx: EntityManager, ids: readonly string[], given?: Inputs): Promise<number> {
    if (ids.length === 0) return 0;
    const use = given ?? (await inputs(tx));
    const updates = COLUMNS.filter((c) => c !== 'id')
      .map((c) => `${c} = EXCLUDED.${c}`)
      .join(', ');
    const [sql, params] = bind(
      tx,
      `INSERT INTO retention_state (${COLUMNS.join(', ')}) SELECT ${COLUMNS.join(', ')} FROM (${assessment(use.rules)}) a ON CONFLICT (id) DO UPDATE SET ${updates}`,
      ids,
      use,
    );
    await tx.query(sql, params);
    return ids.length;
  },

  /**
   * Recomputes every customer, a batch per transaction, once across all
   * instances: a run that finds another under way does nothing and says so
   * (null). `staleAfterMs` skips the run when every customer was computed
   * more recently than that (the timer on each instance).
   */
  async refreshAll(db: DataSource, options: { staleAfterMs?: number; log?: Logger } = {}): Promise<{ customers: number; computedAt: Date } | null> {
    const runner = db.createQueryRunner();
    await runner.connect();
    try {
      const [{ locked }] = await runner.query(`SELECT pg_try_advisory_lock(hashtext($1)) AS locked`, [REFRESH_LOCK]);
      if (!locked) return null;
      try {
        if (options.staleAfterMs != null) {
          const [{ fresh }] = await runner.query(
            `SELECT NOT EXISTS (SELECT 1 FROM ${customerSql.from('c')} LEFT JOIN retention_state s ON s.id = c.id WHERE s.id IS NULL OR s.computed_at < now() - make_interval(secs => $1)) AS fresh`,
            [options.staleAfterMs / 1000],
          );
          if (fresh) return { customers: 0, computedAt: new Date() };
        }
        const started = Date.now();
        const given = await inputs(db);
        let after = '00000000-0000-0000-0000-000000000000';
        let customers = 0;
        for (;;) {
          const batch: { id: string }[] = await runner.query(`SELECT c.id FROM ${customerSql.from('c')} WHERE c.id > $1 ORDER BY c.id LIMIT ${REFRESH_BATCH}`, [after]);
          if (batch.length === 0) break;
          await db.transaction((tx) =>
            retentionEngine.store(
              tx,
              batch.map((row) => row.id),
              given,
            ),
          );
          customers += batch.length;
          after = batch[batch.length - 1].id;
        }
        options.log?.info({ customers, ms: Date.now() - started }, 'retention state refreshed');
        return { customers, computedAt: given.now };
      } finally {
        await runner.query(`SELECT pg_advisory_unlock(hashtext($1))`, [REFRESH_LOCK]);
      }
    } finally {
      await runner.release();
    }
  },
};
