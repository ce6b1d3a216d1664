import { EntityManager } from 'typeorm';
import { REFRESH_BATCH, retentionEngine } from '../modules/retention/retention-engine';
import { SeedStep } from './runner';

/*
 * Retention demo data (issue 12): twelve billed months for every customer in
 * service, and rows that make about one customer in twenty show each churn
 * signal — a revenue drop, a contract ending with no renewal open, a rival
 * contract renewing; DORMANT customers come from the customers step and
 * overdue key contacts from the contacts step. bench/data.ts runs the same
 * statements at every scale. Buckets come from a hash of the customer code,
 * so the same customers show the same signals on every load.
 */

/** 0–19 per customer: bucket 0 drops, 2 has a contract ending, 3 a rival renewing; 5–6 grew, 7 declined (segments). */
const BUCKET = `(abs(hashtext(c.code || ':retention')) % 20)`;
const CHINA_MONTH = `date_trunc('month', now() AT TIME ZONE 'Asia/Shanghai')`;

/** The last 12 months billed: the latest month is the customer's monthlyRevenue; earlier months vary ±3%. */
const revenueSql = `
  INSERT INTO customer_monthly_revenue (customer_id, month, revenue, recorded_by_id, recorded_at)
  SELECT c.id, (${CHINA_MONTH} - make_interval(months => m.k))::date,
         round(CASE WHEN c.b = 0 AND m.k > 3 THEN c.monthly_revenue / 0.55
                    WHEN c.b IN (5, 6) AND m.k > 6 THEN c.monthly_revenue / 1.25
                    WHEN c.b = 7 AND m.k > 6 THEN c.monthly_revenue * 1.4
                    ELSE c.monthly_revenue END
               * CASE WHEN m.k = 1 THEN 1 ELSE 0.97 + (abs(hashtext(c.code || m.k::text)) % 7) / 100.0 END, 2),
         $1, now()
  FROM (SELECT c.id, c.code, c.monthly_revenue, ${BUCKET} AS b FROM group_customer c WHERE c.status IN ('ACTIVE', 'DORMANT') AND c.monthly_revenue > 0) c
  CROSS JOIN generate_series(1, 12) AS m(k)
  ON CONFLICT (customer_id, month) DO NOTHING`;

/** Won a year ago with a 12-month IDC contract that ends in 10–84 days; no renewal is open. */
const expiringSql = `
  WITH won AS (
    INSERT INTO opportunity (code, customer_id, title, category, source, products, estimated_amount, expected_close_date, stage, reporter_id, owner_id,
                             registered_at, closed_at, close_reason, version, protected_until, rule_version)
    SELECT 'SJ' || to_char(now(), 'YYYYMM') || '-' || lpad(nextval('opportunity_code_seq')::text, 6, '0'), c.id, left(c.name, 10) || ' IDC托管', 'STANDARD_PRODUCT', 'ACCOUNT_MANAGER',
           '{IDC}', greatest(c.monthly_revenue * 12, 1000), current_date - 300, 'WON', c.account_manager_id, c.account_manager_id,
           now() - interval '13 months', now() - interval '12 months' + make_interval(days => c.d), '已签约', 5, now() - interval '10 months', 1
    FROM (SELECT c.*, 10 + abs(hashtext(c.code)) % 75 AS d FROM group_customer c
          WHERE c.status IN ('ACTIVE', 'DORMANT') AND c.account_manager_id IS NOT NULL AND ${BUCKET} = 2) c
    RETURNING id, customer_id, estimated_amount, registered_at, closed_at, reporter_id, owner_id),
  history AS (
    INSERT INTO opportunity_event (opportunity_id, action, from_stage, to_stage, actor_id, at)
    SELECT id, 'CREATE', NULL, 'DRAFT'::opportunity_stage, reporter_id, registered_at FROM won
    UNION ALL SELECT id, 'CLOSE_WON', 'IN_PROGRESS'::opportunity_stage, 'WON'::opportunity_stage, owner_id, closed_at FROM won)
  INSERT INTO contract (opportunity_id, number, signed_amount, term_months, signed_on, product_line, provisioning_state, in_service_on, signed_by_id)
  SELECT won.id, 'HT-RET-' || c.code, won.estimated_amount, 12, (won.closed_at AT TIME ZONE 'Asia/Shanghai')::date, 'IDC', 'IN_SERVICE',
         (won.closed_at AT TIME ZONE 'Asia/Shanghai')::date, won.owner_id
  FROM won JOIN group_customer c ON c.id = won.customer_id`;

/** A rival's line at the customer: a COMPETITOR opportunity whose rival contract renews in 10–84 days. */
const rivalSql = `
  WITH rival AS (
  INSERT INTO opportunity (code, customer_id, title, category, source, products, estimated_amount, expected_close_date, stage, reporter_id,
                           competitor_carrier, competitor_product, competitor_monthly_fee, competitor_bandwidth_mbps, competitor_contract_expires_on,
                           registered_at, version, protected_until, rule_version)
  SELECT 'SJ' || to_char(now(), 'YYYYMM') || '-' || lpad(nextval('opportunity_code_seq')::text, 6, '0'), c.id, left(c.name, 10) || ' 异网专线替换', 'COMPETITOR', 'ACCOUNT_MANAGER',
         '{INTERNET_LINE}', 80000, current_date + 60, 'DRAFT', c.account_manager_id,
         (ARRAY['CHINA_TELECOM', 'CHINA_UNICOM', 'CHINA_BROADNET'])[1 + abs(hashtext(c.code)) % 3]::carrier, '政企精品专线 200M', 4200, 200,
         current_date + 10 + abs(hashtext(c.code)) % 75, now() - interval '3 days', 1, now() + interval '87 days', 1
  FROM group_customer c WHERE c.status IN ('ACTIVE', 'DORMANT') AND c.account_manager_id IS NOT NULL AND ${BUCKET} = 3
  RETURNING id, reporter_id, registered_at)
  INSERT INTO opportunity_event (opportunity_id, action, from_stage, to_stage, actor_id, at) SELECT id, 'CREATE', NULL, 'DRAFT', reporter_id, registered_at FROM rival`;

/** Loads the rows behind the signals (the revenue feed is recorded as `recorderId`), then computes every customer's state. */
export async function seedRetentionSignals(tx: EntityManager, recorderId: string): Promise<void> {
  await tx.query(revenueSql, [recorderId]);
  await tx.query(expiringSql);
  await tx.query(rivalSql);
  // Statistics for the assessment's plans over the rows just loaded (at bench scale, a million contacts).
  await tx.query(`ANALYZE customer_monthly_revenue, opportunity, contract, contact, group_customer`);
  await storeAll(tx);
}

async function storeAll(tx: EntityManager, only?: string[]): Promise<void> {
  const ids: string[] = only ?? (await tx.query(`SELECT id FROM group_customer ORDER BY id`)).map((row: { id: string }) => row.id);
  for (let i = 0; i < ids.length; i += REFRESH_BATCH) await retentionEngine.store(tx, ids.slice(i, i + REFRESH_BATCH));
}

/** Stage, outcome and the actions taken, for the demo cases in priority order. */
const CASES: { stage: 'OPEN' | 'IN_PROGRESS' | 'CLOSED'; outcome?: string; lossReason?: string; rival?: string; abandon?: string; actions: [string, string][] }[] = [
  { stage: 'OPEN', actions: [] },
  { stage: 'OPEN', actions: [] },
  { stage: 'IN_PROGRESS', actions: [['VISIT', '拜访信息中心主任, 了解续约顾虑']] },
  {
    stage: 'IN_PROGRESS',
    actions: [
      ['VISIT', '上门慰留, 客户反映专线故障处理慢'],
      ['ESCALATION', '升级至地市政企部领导, 约高层会面'],
    ],
  },
  { stage: 'IN_PROGRESS', actions: [['OFFER', '提出三年期续约优惠方案']] },
  {
    stage: 'CLOSED',
    outcome: 'RETAINED',
    actions: [
      ['VISIT', '高层拜访'],
      ['OFFER', '续约优惠8%'],
      ['NOTE', '客户同意续约'],
    ],
  },
  {
    stage: 'CLOSED',
    outcome: 'RETAINED',
    actions: [
      ['VISIT', '处理故障并回访'],
      ['NOTE', '满意度恢复'],
    ],
  },
  { stage: 'CLOSED', outcome: 'RETAINED', actions: [['OFFER', '赠送云存储扩容']] },
  {
    stage: 'CLOSED',
    outcome: 'LOST',
    lossReason: 'COMPETITOR',
    rival: 'CHINA_TELECOM',
    actions: [
      ['VISIT', '慰留未果'],
      ['NOTE', '电信低价中标'],
    ],
  },
  { stage: 'CLOSED', outcome: 'LOST', lossReason: 'RELOCATION', actions: [['NOTE', '总部迁往外省']] },
  { stage: 'CLOSED', outcome: 'ABANDONED', abandon: 'MALICIOUS_ARREARS', actions: [['NOTE', '连续六个月恶意欠费']] },
];

/**
 * Key contacts cared for lately, except at the customers of bucket 4: the
 * contacts step leaves most key people never cared for, which would put
 * nearly every customer at risk.
 */
const keyCareSql = `
  INSERT INTO care_activity (contact_id, kind, occurred_at, note, recorded_by_id)
  SELECT ct.id, 'VISIT', now() - make_interval(days => 1 + abs(hashtext(ct.id::text)) % 10), '季度关怀走访', coalesce(c.account_manager_id, $1)
  FROM contact ct JOIN group_customer c ON c.id = ct.customer_id
  WHERE ct.care_level IN ('MANAGEMENT', 'KEY_PERSON') AND c.status IN ('ACTIVE', 'DORMANT') AND ${BUCKET} <> 4
    AND (ct.last_cared_at IS NULL OR ct.next_care_due_at < now())`;

export const retentionSeed: SeedStep = {
  name: 'retention-v1',
  async run(tx: EntityManager) {
    const [admin] = await tx.query(`SELECT id FROM staff WHERE 'ADMIN' = ANY(roles) ORDER BY employee_no LIMIT 1`);
    await tx.query(keyCareSql, [admin.id]);
    await seedRetentionSignals(tx, admin.id);

    // Cases on the highest risks, led as 分级挽回 says; closed ones last month.
    const top: { id: string; code: string; grade: string; manager: string | null; lead: string | null; rank: number }[] = await tx.query(
      `SELECT c.id, c.code, c.grade, c.account_manager_id AS manager, rs.level_rank AS rank,
              (SELECT s.id FROM staff s JOIN region r ON r.id = s.region_id WHERE s.active AND 'CITY_LEADER' = ANY(s.roles) AND r.level = 'CITY' AND cr.path LIKE r.path || '%' ORDER BY s.employee_no LIMIT 1) AS lead
       FROM retention_state rs JOIN group_customer c ON c.id = rs.id JOIN region cr ON cr.id = c.region_id
       WHERE rs.level_rank >= 1 AND c.account_manager_id IS NOT NULL
       ORDER BY rs.priority DESC, c.id LIMIT ${CASES.length}`,
    );
    const lastMonth = `(${CHINA_MONTH} - interval '1 month')`;
    const churned: string[] = [];
    for (const [i, plan] of CASES.slice(0, top.length).entries()) {
      const c = top[i];
      const aGrade = c.grade === 'A1' || c.grade === 'A2';
      const lead = aGrade && c.lead ? c.lead : c.manager!;
      const coLead = aGrade && c.lead ? c.manager : null;
      const closed = plan.stage === 'CLOSED';
      const [row] = await tx.query(
        `INSERT INTO retention_case (customer_id, origin, stage, risk_level_at_open, signals_at_open, lead_id, co_lead_id, opened_by_id, opened_at, note,
                                     outcome, loss_reason, rival_carrier, abandon_reason, closed_at, closed_by_id, version)
         SELECT $1, CASE WHEN rs.level_rank = 2 THEN 'PROPOSED' ELSE 'MANUAL' END::retention_case_origin, $2, (ARRAY['LOW', 'MEDIUM', 'HIGH'])[rs.level_rank + 1]::risk_level, rs.evidence, $3, $4, $3,
                CASE WHEN $5 THEN ${lastMonth} + make_interval(days => $6) ELSE now() - make_interval(days => $6) END, '高风险客户, 立即慰留',
                $7, $8, $9, $10, CASE WHEN $5 THEN ${lastMonth} + make_interval(days => $6 + 12) END, CASE WHEN $5 THEN $3::uuid END, $11
         FROM retention_state rs WHERE rs.id = $1 RETURNING id, opened_at`,
        [c.id, plan.stage, lead, coLead, closed, 2 + i, plan.outcome ?? null, plan.lossReason ?? null, plan.rival ?? null, plan.abandon ?? null, 1 + plan.actions.length + (closed ? 1 : 0)],
      );
      for (const [j, [kind, note]] of plan.actions.entries()) {
        await tx.query(
          `INSERT INTO retention_action (case_id, kind, occurred_on, note, recorded_by_id, recorded_at) VALUES ($1, $2, ($3::timestamptz AT TIME ZONE 'Asia/Shanghai')::date + $4::int, $5, $6, $3::timestamptz + make_interval(days => $4::int))`,
          [row.id, kind, row.opened_at, j + 1, note, j % 2 === 0 ? (c.manager ?? lead) : lead],
        );
      }
      if (plan.outcome === 'LOST') {
        const reason = plan.lossReason === 'COMPETITOR' ? `COMPETITOR: ${plan.rival}` : plan.lossReason!;
        await tx.query(
          `INSERT INTO customer_change (customer_id, actor_id, action, changes, at)
           SELECT $1, $2, 'RETENTION', jsonb_build_array(jsonb_build_object('field', 'status', 'from', c.status, 'to', 'CHURNED'), jsonb_build_object('field', 'churnReason', 'from', NULL, 'to', $3::text)), rc.closed_at
           FROM retention_case rc JOIN group_customer c ON c.id = rc.customer_id WHERE rc.id = $4`,
          [c.id, lead, reason, row.id],
        );
        await tx.query(`UPDATE group_customer SET status = 'CHURNED', churn_reason = $2, version = version + 1 WHERE id = $1`, [c.id, reason]);
        churned.push(c.id);
      }
    }
    await storeAll(tx, churned);
  },
};
