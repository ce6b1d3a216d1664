import type { DataSource } from 'typeorm';
import { careDueCheck } from '../src/modules/contacts/care-due-events';
import { overdueStepsCheck } from '../src/modules/opportunities/live-events';
import { seedRetentionSignals } from '../src/seed/retention.seed';

/** Row counts of one bench scale (issue 9: S and L). */
export interface Scale {
  name: 'S' | 'L';
  customers: number;
  contacts: number;
  relationships: number;
  opportunities: number;
  careActivities: number;
  /** Ties of each hub in the relationship graph. */
  hubTies: number;
  /** Issue 13: complaints, one in ten open and a third of those past their deadline. */
  complaints: number;
}

export const SCALES: Record<Scale['name'], Scale> = {
  S: { name: 'S', customers: 10_000, contacts: 50_000, relationships: 100_000, opportunities: 20_000, careActivities: 200_000, hubTies: 500, complaints: 20_000 },
  L: { name: 'L', customers: 100_000, contacts: 1_000_000, relationships: 1_000_000, opportunities: 200_000, careActivities: 2_000_000, hubTies: 5_000, complaints: 200_000 },
};

// Names where common words are common: most hold 有限公司, a quarter 西安, and a rare word (终南) is in one in a thousand.
const WORDS = ['交通', '教育', '医院', '银行', '能源', '物流', '科技', '建设', '文化', '旅游', '农业', '制造', '电力', '燃气', '水务', '保险', '证券', '传媒', '软件', '化工'];
const PLACES = ['西安', '宝鸡', '咸阳', '渭南', '汉中', '延安', '榆林', '安康', '商洛', '铜川'];
export const RARE_WORD = '终南';
const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴', '徐', '孙', '胡', '朱', '高', '林', '何', '郭', '马', '罗'];
const GIVEN = [
  '伟',
  '芳',
  '娜',
  '敏',
  '静',
  '丽',
  '强',
  '磊',
  '军',
  '洋',
  '勇',
  '艳',
  '杰',
  '娟',
  '涛',
  '明',
  '超',
  '秀英',
  '华',
  '建国',
  '志强',
  '海燕',
  '晓东',
  '文博',
  '嘉怡',
  '子涵',
  '浩然',
  '雨萱',
  '立新',
  '春梅',
];
const TITLES = ['总经理', '副总经理', '信息中心主任', '办公室主任', '采购经理', '财务总监', '技术负责人', '行政专员'];
// One in 20 opportunities per slot: every stage appears, a fifth wait for approval so leaders' queues have work.
const STAGES = [
  'DRAFT',
  'DRAFT',
  'DRAFT',
  'SUBMITTED',
  'SUBMITTED',
  'PENDING_APPROVAL',
  'PENDING_APPROVAL',
  'PENDING_APPROVAL',
  'PENDING_APPROVAL',
  'APPROVED',
  'APPROVED',
  'IN_PROGRESS',
  'IN_PROGRESS',
  'IN_PROGRESS',
  'WON',
  'WON',
  'LOST',
  'LOST',
  'REJECTED',
  'CANCELLED',
];
const PRODUCTS = ['{INTERNET_LINE}', '{CLOUD,IDC}', '{VPMN}', '{IOT}', '{DATA_LINE,DARK_FIBER}', '{GROUP_MAS}', '{IMS_FIXED}', '{DATA_POOL}', '{ICT_INTEGRATION,CLOUD}'];

/** A stable pseudo-random non-negative bigint from an integer expression and a salt: repeatable data without random(). */
const h = (expr: string, salt: number) => `abs(hashint8((${expr})::bigint * 1000003 + ${salt}))`;

/**
 * Loads a scale into a migrated database holding the demo organisation, with
 * set-based SQL only (generate_series, hash joins): a row-by-row load of L
 * from Node would take longer than the whole bench may. Returns the seconds
 * each step took.
 */
export async function loadData(db: DataSource, scale: Scale, log: (line: string) => void): Promise<Record<string, number>> {
  const timings: Record<string, number> = {};
  const step = async (name: string, sql: string, params: unknown[] = []) => {
    const t0 = Date.now();
    await db.query(sql, params);
    timings[name] = (Date.now() - t0) / 1000;
    log(`  ${name.padEnd(28)} ${timings[name].toFixed(1)} s`);
  };
  const N = scale.customers;

  // Account managers with 50–300 customers each (sizes cycle through that range; the last takes the remainder), spread over the counties.
  await step(
    'account managers',
    `CREATE TABLE bench_am AS
     WITH sizes AS (SELECT i, 50 + (i * 37) % 251 AS size FROM generate_series(1, $1::int) i),
          ranged AS (SELECT i, sum(size) OVER (ORDER BY i) - size AS lo, sum(size) OVER (ORDER BY i) AS hi FROM sizes),
          counties AS (SELECT id, (row_number() OVER (ORDER BY code))::int - 1 AS k, count(*) OVER ()::int AS n FROM region WHERE level = 'COUNTY')
     SELECT r.i, r.lo::int, (CASE WHEN r.hi >= $2::int - 50 THEN $2::int ELSE r.hi END)::int AS hi, c.id AS county_id
     FROM ranged r JOIN counties c ON c.k = r.i % c.n WHERE r.lo < $2::int - 50`,
    [Math.ceil(N / 50), N],
  );
  await db.query(
    `INSERT INTO staff (employee_no, name, roles, region_id)
     SELECT 'bench-am' || i, ($1::text[])[1 + i % 20] || '经理' || i, '{ACCOUNT_MANAGER}', county_id FROM bench_am`,
    [SURNAMES],
  );

  await step(
    'customers',
    `WITH am AS (SELECT a.*, s.id AS staff_id FROM bench_am a JOIN staff s ON s.employee_no = 'bench-am' || a.i),
          grids AS (SELECT parent_id AS county_id, array_agg(id ORDER BY code) AS ids FROM region WHERE level = 'GRID' GROUP BY parent_id)
     INSERT INTO group_customer (code, name, industry, grade, management_level, region_id, account_manager_id, monthly_revenue, member_count, status)
     SELECT 'JT' || lpad(g::text, 8, '0'),
            CASE WHEN g % 4 = 0 THEN '西安' ELSE ($1::text[])[1 + g % 10] END
              || CASE WHEN g % 1000 = 7 THEN '${RARE_WORD}' ELSE '' END
              || ($2::text[])[1 + (g / 10) % 20] || ($2::text[])[1 + (g / 200) % 20]
              || CASE WHEN g % 25 = 0 THEN '管理局' ELSE '有限公司' END || g,
            (ARRAY['GOVERNMENT','EDUCATION','HEALTHCARE','FINANCE','TRANSPORT','MANUFACTURING','ENERGY','RETAIL'])[1 + g % 8]::industry,
            (ARRAY['A1','A2','B1','B2','C','D'])[1 + ${h('g', 1)} % 6]::customer_grade,
            (CASE WHEN g % 10 = 0 THEN 'PROVINCE' WHEN g % 10 < 5 THEN 'CITY' ELSE 'COUNTY' END)::management_level,
            CASE WHEN g % 3 = 0 OR gr.ids IS NULL THEN am.county_id ELSE gr.ids[1 + g % cardinality(gr.ids)] END,
            am.staff_id, (${h('g', 2)} % 500000) / 100.0, (${h('g', 3)} % 2000)::int,
            (CASE WHEN g % 50 = 0 THEN 'PROSPECT' WHEN g % 97 = 0 THEN 'DORMANT' ELSE 'ACTIVE' END)::customer_status
     FROM am CROSS JOIN LATERAL generate_series(am.lo + 1, am.hi) g LEFT JOIN grids gr ON gr.county_id = am.county_id`,
    [PLACES, WORDS],
  );
  await db.query(`SELECT setval('group_customer_code_seq', $1::bigint)`, [N]);
  // One group HQ with a tenth of all customers as member units: the wide hierarchy the current bench has.
  await step(
    'hierarchy',
    `UPDATE group_customer SET parent_id = (SELECT id FROM group_customer WHERE code = 'JT00000001')
     WHERE code > 'JT00000001' AND code <= 'JT' || lpad(($1::int + 1)::text, 8, '0')`,
    [Math.round(N / 10)],
  );

  // Contacts: the k-th contact of a customer cycles through the four care levels; a third have birthdays.
  await step(
    'contacts',
    `INSERT INTO contact (customer_id, name, title, care_level, decision_role, mobile, birthday, created_at)
     SELECT c.id, ($1::text[])[1 + ${h('j', 4)} % 20] || ($2::text[])[1 + ${h('j', 5)} % 30], ($3::text[])[1 + j % 8],
            (ARRAY['MANAGEMENT','KEY_PERSON','LIAISON','OTHER'])[1 + (j / $4::int) % 4]::care_level,
            (ARRAY['DECISION_MAKER','INFLUENCER','USER','GATEKEEPER'])[1 + j % 4]::decision_role,
            '139' || lpad((${h('j', 6)} % 100000000)::text, 8, '0'),
            CASE WHEN j % 3 = 0 THEN date '1960-01-01' + (${h('j', 7)} % 14000)::int END,
            now() - interval '800 days'
     FROM generate_series(0, $5::int - 1) j JOIN group_customer c ON c.code = 'JT' || lpad((1 + j % $4::int)::text, 8, '0')`,
    [SURNAMES, GIVEN, TITLES, N, scale.contacts],
  );
  // A dense numbering of contacts, so later steps can pick "contact k" with a hash join.
  await db.query(`CREATE TABLE bench_contact AS SELECT id, (row_number() OVER (ORDER BY id))::int - 1 AS k FROM contact`);
  await db.query(`CREATE UNIQUE INDEX ON bench_contact (k)`);

  // Care: one old touch and the rest within the last 45 days; one contact in ten never cared for (OVERDUE),
  // so 10/9 as many candidate rows make the target count.
  await step(
    'care activities',
    `INSERT INTO care_activity (contact_id, kind, occurred_at, cost, recorded_by_id)
     SELECT ct.id, (ARRAY['VISIT','CALL','GIFT','EVENT','TRAINING','EXPERIENCE','ONSITE','GREETING'])[1 + j % 8]::care_activity_kind,
            now() - CASE WHEN j < $1::int THEN make_interval(days => (60 + ${h('j', 8)} % 670)::int)
                         ELSE make_interval(mins => (${h('j', 9)} % (45 * 1440))::int) END,
            (${h('j', 10)} % 100000) / 100.0, (SELECT id FROM staff WHERE employee_no = 'admin')
     FROM generate_series(0, $2::int - 1) j JOIN bench_contact ct ON ct.k = j % $1::int
     WHERE ct.k % 10 <> 9`,
    [scale.contacts, Math.round((scale.careActivities * 10) / 9)],
  );

  await step(
    'relationships',
    `INSERT INTO relationship (type, a_contact_id, b_contact_id, person_a, person_b, strength, recorded_by_id)
     SELECT (ARRAY['KNOWS','KNOWS','KNOWS','FRIEND','ALUMNI','FORMER_COLLEAGUE'])[1 + g % 6]::relationship_type,
            least(x.id, y.id), greatest(x.id, y.id), least(x.id, y.id), greatest(x.id, y.id), 1 + g % 5, (SELECT id FROM staff WHERE employee_no = 'admin')
     FROM generate_series(1, $1::int) g
     JOIN bench_contact x ON x.k = ${h('g', 11)} % $2::int
     JOIN bench_contact y ON y.k = ${h('g', 12)} % $2::int
     WHERE x.id <> y.id ON CONFLICT DO NOTHING`,
    [scale.relationships - 2 * scale.hubTies, scale.contacts],
  );
  const staffTie = (staff: string, contacts: string) =>
    `INSERT INTO relationship (type, a_staff_id, a_contact_id, b_staff_id, b_contact_id, person_a, person_b, strength, recorded_by_id)
     SELECT 'KNOWS', CASE WHEN s.id < c.id THEN s.id END, CASE WHEN s.id > c.id THEN c.id END, CASE WHEN s.id > c.id THEN s.id END, CASE WHEN s.id < c.id THEN c.id END,
            least(s.id, c.id), greatest(s.id, c.id), 1 + (c.k % 5), s.id
     FROM ${staff} s JOIN ${contacts} ON true ON CONFLICT DO NOTHING`;
  // Hubs: the Xi'an city leader and one contact each know hubTies people; every account manager knows a few contacts.
  await step('hubs and staff ties', staffTie(`(SELECT id FROM staff WHERE employee_no = 'xa-leader')`, `(SELECT id, k FROM bench_contact WHERE k < $1::int) c`), [scale.hubTies]);
  await db.query(
    `WITH hub AS (SELECT id FROM bench_contact WHERE k = $2::int - 1)
     INSERT INTO relationship (type, a_contact_id, b_contact_id, person_a, person_b, strength, recorded_by_id)
     SELECT 'FRIEND', least(hub.id, c.id), greatest(hub.id, c.id), least(hub.id, c.id), greatest(hub.id, c.id), 3, (SELECT id FROM staff WHERE employee_no = 'admin')
     FROM hub, bench_contact c WHERE c.k >= $2::int / 2 AND c.k < $2::int / 2 + $1::int AND c.id <> hub.id ON CONFLICT DO NOTHING`,
    [scale.hubTies, scale.contacts],
  );
  await db.query(
    staffTie(
      `(SELECT id, row_number() OVER (ORDER BY employee_no) AS n FROM staff WHERE 'ACCOUNT_MANAGER' = ANY(roles))`,
      `LATERAL (SELECT id, k FROM bench_contact WHERE k IN (SELECT ${h('s.n * 16 + t', 13)} % $1::int FROM generate_series(1, 6) t)) c`,
    ),
    [scale.contacts],
  );

  await step('opportunities', opportunitiesSql, [scale.opportunities, N, STAGES, PRODUCTS]);
  await db.query(`SELECT setval('opportunity_code_seq', $1::bigint)`, [scale.opportunities]);
  await step('approval steps', approvalStepsSql);
  // Issue 11: a signed contract for every WON opportunity, and the partner's accepted registration for each of its reports.
  await step('contracts', contractsSql);
  await step('registrations', registrationsSql);
  await step('complaints', complaintsSql, [scale.complaints, N]);
  await db.query(`SELECT setval('complaint_code_seq', $1::bigint)`, [scale.complaints]);
  // Issue 12: twelve billed months, about 5% of customers showing each churn signal, and every customer's stored risk.
  await step('retention dormant', `UPDATE group_customer c SET status = 'DORMANT' WHERE c.status = 'ACTIVE' AND abs(hashtext(c.code || ':retention')) % 20 = 1`);
  const t0 = Date.now();
  await seedRetentionSignals(db.manager, (await db.query(`SELECT id FROM staff WHERE employee_no = 'admin'`))[0].id);
  timings['retention'] = (Date.now() - t0) / 1000;
  log(`  ${'retention'.padEnd(28)} ${timings['retention'].toFixed(1)} s`);
  await db.query('DROP TABLE bench_am');
  await db.query('DROP TABLE bench_contact');
  // As a database in service has it, the scheduled checks have announced what fell due before now; otherwise the first round on the
  // bench's first server (30 s after it starts) announced the load's backlog, 15,936 overdue approval steps at L, beside its measurements.
  const t1 = Date.now();
  const announced = await db.transaction(async (tx) => (await overdueStepsCheck.run(tx)) + (await careDueCheck.run(tx)));
  timings['live checks'] = (Date.now() - t1) / 1000;
  log(`  ${'live checks'.padEnd(28)} ${timings['live checks'].toFixed(1)} s (${announced} events)`);
  // As a database in service has it: statistics, visibility maps set (so index-only scans skip the heap) and no autovacuum of the
  // millions of fresh rows running beside the measurements, which it did for the first minutes after the load.
  await step('vacuum analyze', 'VACUUM (ANALYZE)');
  return timings;
}

// Route as approval-routing.ts builds it (amounts stay under the province threshold, so one step):
// COUNTY → the county leader, CITY → the city leader, PROVINCE → the province leader.
const opportunitiesSql = `
  WITH cu AS (
    SELECT c.id, c.code, c.name, c.management_level, c.account_manager_id, string_to_array(trim(both '/' from r.path), '/') AS p
    FROM group_customer c JOIN region r ON r.id = c.region_id),
  o AS (
    SELECT g, cu.*, ($3::text[])[1 + g % 20]::opportunity_stage AS stage,
           CASE cu.management_level WHEN 'COUNTY' THEN 'COUNTY_LEADER' WHEN 'CITY' THEN 'CITY_LEADER' ELSE 'PROVINCE_LEADER' END AS approver_role,
           CASE cu.management_level WHEN 'COUNTY' THEN coalesce(cu.p[3], cu.p[2]) WHEN 'CITY' THEN cu.p[2] ELSE cu.p[1] END AS approver_region,
           now() - make_interval(hours => (${h('g', 20)} % (24 * 300))::int) AS registered
    FROM generate_series(1, $1::int) g JOIN cu ON cu.code = 'JT' || lpad((1 + ${h('g', 21)} % $2::int)::text, 8, '0'))
  INSERT INTO opportunity (code, customer_id, title, category, source, products, estimated_amount, expected_close_date, stage, reporter_id, partner_id,
                           owner_id, support_manager_id, registered_at, closed_at, close_reason, approval_route, version, created_at,
                           protected_until, rule_version, route_rule_version)
  SELECT 'SJ202612-' || lpad(o.g::text, 6, '0'), o.id, left(o.name, 6) || (ARRAY['互联网专线扩容','集团V网新增成员','智慧校园一期','视频监控云平台','移动云私有化部署'])[1 + o.g % 5],
         (ARRAY['STANDARD_PRODUCT','STANDARD_PRODUCT','ICT_PROJECT','COMPETITOR'])[1 + o.g % 4]::opportunity_category,
         (CASE WHEN o.g % 50 = 0 THEN 'PARTNER' ELSE 'ACCOUNT_MANAGER' END)::opportunity_source,
         ($4::text[])[1 + o.g % 9]::product_line[], 10000 + (${h('o.g', 22)} % 400000000) / 100.0,
         (now() + make_interval(days => (30 + o.g % 150)::int))::date, o.stage,
         CASE WHEN o.g % 50 = 0 THEN (SELECT id FROM staff WHERE employee_no = 'p-huaxin') ELSE o.account_manager_id END,
         CASE WHEN o.g % 50 = 0 THEN (SELECT id FROM partner WHERE code = 'P-HUAXIN') END,
         CASE WHEN o.stage IN ('APPROVED','IN_PROGRESS','WON','LOST') THEN o.account_manager_id END,
         CASE WHEN o.stage NOT IN ('DRAFT','SUBMITTED','CANCELLED') THEN (SELECT s.id FROM staff s WHERE s.region_id = o.p[2]::uuid AND 'SUPPORT_MANAGER' = ANY(s.roles) LIMIT 1) END,
         o.registered, CASE WHEN o.stage IN ('WON','LOST','REJECTED','CANCELLED') THEN least(o.registered + interval '20 days', now() - interval '1 hour') END,
         CASE o.stage WHEN 'LOST' THEN '竞争对手报价更低' WHEN 'CANCELLED' THEN '客户预算取消' WHEN 'REJECTED' THEN '与在建项目重复' END,
         CASE WHEN o.stage NOT IN ('DRAFT','SUBMITTED','CANCELLED') THEN jsonb_build_array(jsonb_build_object('approverRole', o.approver_role, 'regionId', o.approver_region)) END,
         3, o.registered, o.registered + interval '90 days', 1, CASE WHEN o.stage NOT IN ('DRAFT','SUBMITTED','CANCELLED') THEN 1 END
  FROM o`;

const contractsSql = `
  INSERT INTO contract (opportunity_id, number, signed_amount, term_months, signed_on, product_line, provisioning_state, in_service_on, signed_by_id)
  SELECT o.id, 'HT-' || o.code, round(o.estimated_amount * 0.9, 2), 12 + length(o.code) % 24, (o.closed_at AT TIME ZONE 'Asia/Shanghai')::date, o.products[1],
         (CASE WHEN length(o.title) % 3 = 0 THEN 'PROVISIONING' ELSE 'IN_SERVICE' END)::provisioning_state,
         CASE WHEN length(o.title) % 3 <> 0 THEN (o.closed_at AT TIME ZONE 'Asia/Shanghai')::date END, coalesce(o.owner_id, o.reporter_id)
  FROM opportunity o WHERE o.stage = 'WON'`;

const registrationsSql = `
  INSERT INTO registration_attempt (partner_id, reporter_id, customer_id, products, outcome, opportunity_id, at, protected_until, rule_version)
  SELECT o.partner_id, o.reporter_id, o.customer_id, o.products, 'ACCEPTED', o.id, o.registered_at, o.protected_until, o.rule_version FROM opportunity o WHERE o.partner_id IS NOT NULL`;

// One step per routed opportunity: PENDING while it waits (some past due), decided by the region's leader otherwise —
// always in the past, so W8 can tell the steps it decided from the loaded ones.
const approvalStepsSql = `
  INSERT INTO approval_step (opportunity_id, round, sequence, approver_role, region_id, state, due_at, decided_by_id, decided_at, created_at, rule_version)
  SELECT o.id, 1, 1, (o.approval_route->0->>'approverRole')::staff_role, (o.approval_route->0->>'regionId')::uuid,
         (CASE o.stage WHEN 'PENDING_APPROVAL' THEN 'PENDING' WHEN 'REJECTED' THEN 'REJECTED' ELSE 'APPROVED' END)::approval_state,
         opened + interval '72 hours',
         CASE WHEN o.stage <> 'PENDING_APPROVAL' THEN (SELECT s.id FROM staff s WHERE s.region_id = (o.approval_route->0->>'regionId')::uuid AND (o.approval_route->0->>'approverRole')::staff_role = ANY(s.roles) LIMIT 1) END,
         CASE WHEN o.stage <> 'PENDING_APPROVAL' THEN least(opened + interval '20 hours', now() - interval '1 hour') END, opened, o.rule_version
  FROM (SELECT o.*, CASE WHEN o.stage = 'PENDING_APPROVAL' THEN now() - make_interval(hours => (${h('hashtext(o.code)', 23)} % 120)::int) ELSE least(o.registered_at + interval '2 days', now() - interval '1 day') END AS opened
        FROM opportunity o WHERE o.approval_route IS NOT NULL) o`;

// Issue 13: complaints of random customers over the last year, recorded by their account manager; nine in ten closed, the open
// ones (OPEN, IN_PROGRESS, REOPENED) a third past their deadline — the city leader's overdue queue (W10). The region path is the trigger's.
const complaintsSql = `
  INSERT INTO complaint (code, customer_id, channel, category, severity, description, state, first_responder_id, due_at, rule_version,
                         resolution, resolved_at, closed_at, callback_satisfaction, created_at)
  SELECT 'TS202612-' || lpad(g::text, 6, '0'), c.id,
         (ARRAY['PHONE','VISIT','EMAIL','HOTLINE_10086','PORTAL'])[1 + g % 5]::complaint_channel,
         (ARRAY['NETWORK','BILLING','SERVICE','PRODUCT','OTHER'])[1 + (g / 5) % 5]::complaint_category,
         (ARRAY['CRITICAL','MAJOR','MAJOR','MINOR','MINOR'])[1 + (g / 25) % 5]::complaint_severity,
         '专线或账务问题, 客户来电反映 ' || g,
         (CASE WHEN g % 10 = 0 THEN (ARRAY['OPEN','IN_PROGRESS','REOPENED'])[1 + (g / 10) % 3] ELSE 'CLOSED' END)::complaint_state,
         c.account_manager_id,
         CASE WHEN g % 10 = 0 AND (g / 10) % 3 = 0 THEN now() - make_interval(hours => (1 + ${h('g', 30)} % 400)::int)
              ELSE now() + make_interval(hours => (1 + ${h('g', 31)} % 72)::int) END,
         1,
         CASE WHEN g % 10 <> 0 THEN '已处理并回访' END,
         CASE WHEN g % 10 <> 0 THEN now() - make_interval(days => (1 + ${h('g', 32)} % 300)::int) END,
         CASE WHEN g % 10 <> 0 THEN now() - make_interval(days => (1 + ${h('g', 32)} % 300)::int) + interval '1 day' END,
         CASE WHEN g % 10 <> 0 THEN 3 + g % 3 END,
         now() - make_interval(days => (2 + ${h('g', 33)} % 360)::int)
  FROM generate_series(1, $1::int) g JOIN group_customer c ON c.code = 'JT' || lpad((1 + ${h('g', 34)} % $2::int)::text, 8, '0')
  WHERE c.account_manager_id IS NOT NULL`;
