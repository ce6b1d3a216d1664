import 'reflect-metadata';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { createTokenVerifier, signToken } from '../src/platform/auth/tokens';
import { loadConfig } from '../src/platform/config';
import { createDataSource } from '../src/platform/database';
import { startEmbeddedPostgres } from '../src/platform/embedded-postgres';
import { createLogger } from '../src/platform/logger';
import { createApp } from '../src/platform/server';
import { organisationService } from '../src/modules/organisation/organisation.service';
import { ensureBootstrapAdmin } from '../src/seed/bootstrap';
import { organisationSeed } from '../src/seed/organisation.seed';
import { runSeedSteps } from '../src/seed/runner';

/**
 * `npm run bench`: a scratch embedded PostgreSQL with BENCH_CUSTOMERS (default
 * 100,000) customers, then each GraphQL operation BENCH_ROUNDS times through
 * the real HTTP stack. Figures are medians and p95 in ms, and ratios against
 * the baseline operation measured in the same run (`{ viewer { name } }`:
 * auth plus one query), so they compare across machines.
 */
const CUSTOMERS = Number(process.env.BENCH_CUSTOMERS ?? 100000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 40);
const RELATIONSHIPS = Number(process.env.BENCH_RELATIONSHIPS ?? 1000000);
const RELATIONSHIP_CONTACTS = Math.max(1000, Math.round(RELATIONSHIPS / 20));
const HUB_TIES = Math.min(5000, Math.round(RELATIONSHIP_CONTACTS / 4));

const WORDS = ['交通', '教育', '医院', '银行', '能源', '物流', '科技', '建设', '文化', '旅游', '农业', '制造', '电力', '燃气', '水务', '保险', '证券', '传媒', '软件', '化工'];
const PLACES = ['西安', '宝鸡', '咸阳', '渭南', '汉中', '延安', '榆林', '安康', '商洛', '铜川'];

async function main() {
  const log = createLogger('warn');
  const dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'crm-bench-')), 'pg');
  const pg = await startEmbeddedPostgres({ dir, password: 'bench', log });
  // Ctrl-C must not leave the scratch PostgreSQL running.
  const stopOnSignal = () => void pg.stop().finally(() => {
    fs.rmSync(path.dirname(dir), { recursive: true, force: true });
    process.exit(130);
  });
  process.once('SIGINT', stopOnSignal);
  process.once('SIGTERM', stopOnSignal);
  const db = createDataSource({ url: pg.url('postgres'), poolSize: 10, statementTimeoutMs: 600000 });
  try {
    await db.initialize();
    await db.runMigrations();
    const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', DATABASE_URL: pg.url('postgres'), GRAPHQL_MAX_COST: '1000000' });
    await ensureBootstrapAdmin(db, config);
    await runSeedSteps(db, [organisationSeed], log);

    const started = Date.now();
    // Customers spread over every region; one HQ with 10,000 member units.
    await db.query(
      `WITH r AS (SELECT array_agg(id ORDER BY id) AS ids FROM region),
            s AS (SELECT array_agg(id ORDER BY id) AS ids FROM staff WHERE 'ACCOUNT_MANAGER' = ANY(roles::text[]))
       INSERT INTO group_customer (code, name, industry, grade, management_level, region_id, account_manager_id, monthly_revenue, member_count)
       SELECT 'JT' || lpad(nextval('group_customer_code_seq')::text, 8, '0'),
              ($1::text[])[1 + g % 10] || ($2::text[])[1 + (g / 10) % 20] || ($2::text[])[1 + (g / 200) % 20] || '有限公司' || g,
              (ARRAY['GOVERNMENT','EDUCATION','HEALTHCARE','FINANCE','TRANSPORT','MANUFACTURING','ENERGY','RETAIL'])[1 + g % 8]::industry,
              (ARRAY['A1','A2','B1','B2','C','D'])[1 + g % 6]::customer_grade,
              (ARRAY['CITY','COUNTY','PROVINCE'])[1 + g % 3]::management_level,
              r.ids[1 + g % cardinality(r.ids)], s.ids[1 + g % cardinality(s.ids)], (g % 997) * 100, g % 500
       FROM generate_series(1, $3) g, r, s`,
      [PLACES, WORDS, CUSTOMERS],
    );
    const [{ id: hq }] = await db.query(`SELECT id FROM group_customer ORDER BY code LIMIT 1`);
    await db.query(`UPDATE group_customer SET parent_id = $1 WHERE id IN (SELECT id FROM group_customer WHERE id <> $1 ORDER BY code LIMIT 10000)`, [hq]);
    // The relationship graph: 50,000 contacts, 1,000,000 relationships, and hubs with 5,000 ties.
    await db.query(
      `INSERT INTO contact (customer_id, name, care_level)
       SELECT c.id, '联系人' || g, (ARRAY['MANAGEMENT','KEY_PERSON','LIAISON','OTHER'])[1 + g % 4]::care_level
       FROM generate_series(1, $1) g JOIN LATERAL (SELECT id FROM group_customer WHERE code = 'JT' || lpad((1 + g % $2)::text, 8, '0')) c ON true`,
      [RELATIONSHIP_CONTACTS, CUSTOMERS],
    );
    await db.query(
      `WITH p AS (SELECT array_agg(id ORDER BY id) AS ids FROM contact), a AS (SELECT id AS admin FROM staff WHERE employee_no = 'admin')
       INSERT INTO relationship (type, a_contact_id, b_contact_id, person_a, person_b, strength, recorded_by_id)
       SELECT 'KNOWS', least(x, y), greatest(x, y), least(x, y), greatest(x, y), 1 + (g % 5), a.admin
       FROM p, a, generate_series(1, $1) g,
            LATERAL (SELECT p.ids[1 + floor(random() * cardinality(p.ids) + g * 0)::int] AS x, p.ids[1 + floor(random() * cardinality(p.ids) + g * 0)::int] AS y) pair
       WHERE x <> y ON CONFLICT DO NOTHING`,
      [RELATIONSHIPS - 2 * HUB_TIES],
    );
    // Hubs: a staff member and a contact who each know 5,000 contacts.
    await db.query(
      `INSERT INTO relationship (type, a_staff_id, a_contact_id, b_staff_id, b_contact_id, person_a, person_b, strength, recorded_by_id)
       SELECT 'KNOWS', CASE WHEN s.id < c.id THEN s.id END, CASE WHEN s.id > c.id THEN c.id END, CASE WHEN s.id > c.id THEN s.id END, CASE WHEN s.id < c.id THEN c.id END,
              least(s.id, c.id), greatest(s.id, c.id), 1 + (row_number() OVER () % 5), s.id
       FROM (SELECT id FROM staff WHERE employee_no = 'xa-leader') s, (SELECT id FROM contact ORDER BY id LIMIT $1) c
       ON CONFLICT DO NOTHING`,
      [HUB_TIES],
    );
    await db.query(
      `WITH hub AS (SELECT id FROM contact ORDER BY id DESC LIMIT 1), a AS (SELECT id AS admin FROM staff WHERE employee_no = 'admin')
       INSERT INTO relationship (type, a_contact_id, b_contact_id, person_a, person_b, strength, recorded_by_id)
       SELECT 'FRIEND', least(hub.id, c.id), greatest(hub.id, c.id), least(hub.id, c.id), greatest(hub.id, c.id), 3, a.admin
       FROM hub, a, (SELECT id FROM contact ORDER BY id LIMIT $1 OFFSET 10000) c WHERE c.id <> hub.id ON CONFLICT DO NOTHING`,
      [HUB_TIES],
    );
    await db.query('ANALYZE');
    const [{ n: relationshipCount }] = await db.query('SELECT count(*)::int AS n FROM relationship');
    const loadSeconds = (Date.now() - started) / 1000;

    const app = await createApp({ config, db, log, tokens: createTokenVerifier(config.jwt), findViewer: organisationService.viewerFor });
    const token = await signToken(config.jwt, 'admin');
    const leaderToken = await signToken(config.jwt, 'xa-leader');
    const amToken = await signToken(config.jwt, 'xa-am1');
    const hqId = Buffer.from(`GroupCustomer:${hq}`).toString('base64');
    const [{ id: leaderUuid }] = await db.query(`SELECT id FROM staff WHERE employee_no = 'xa-leader'`);
    const [{ id: amUuid }] = await db.query(`SELECT id FROM staff WHERE employee_no = 'xa-am1'`);
    // xa-am1 knows a handful of contacts; the targets are contacts picked at random.
    await db.query(
      `INSERT INTO relationship (type, a_staff_id, a_contact_id, b_staff_id, b_contact_id, person_a, person_b, strength, recorded_by_id)
       SELECT 'KNOWS', CASE WHEN $1::uuid < c.id THEN $1::uuid END, CASE WHEN $1::uuid > c.id THEN c.id END, CASE WHEN $1::uuid > c.id THEN $1::uuid END, CASE WHEN $1::uuid < c.id THEN c.id END,
              least($1::uuid, c.id), greatest($1::uuid, c.id), 4, $1::uuid
       FROM (SELECT id FROM contact ORDER BY md5(id::text || 'x') LIMIT 8) c ON CONFLICT DO NOTHING`,
      [amUuid],
    );
    const targets: { id: string }[] = await db.query(`SELECT id FROM contact ORDER BY md5(id::text) LIMIT 1`);
    const staffGid = (uuid: string) => Buffer.from(`Staff:${uuid}`).toString('base64');
    const contactGid = Buffer.from(`Contact:${targets[0].id}`).toString('base64');
    const [{ id: xian }] = await db.query(`SELECT id FROM region WHERE code = '6101'`);
    const xianId = Buffer.from(`Region:${xian}`).toString('base64');

    const deepCursor = await (async () => {
      let after: string | null = null;
      for (let i = 0; i < 50; i++) {
        const res: request.Response = await request(app.express).post("/graphql").set("authorization", `Bearer ${token}`).send({ query: "query($a: String) { groupCustomers(first: 100, after: $a) { pageInfo { endCursor } } }", variables: { a: after } });
        after = res.body.data.groupCustomers.pageInfo.endCursor;
      }
      return after;
    })();

    const operations: [string, string, string, Record<string, unknown>][] = [
      ['baseline: viewer', token, '{ viewer { name } }', {}],
      ['customers: first page by name', token, '{ groupCustomers(first: 20) { nodes { code name } } }', {}],
      ['customers: page 51 by keyset (after 5,000)', token, 'query($a: String) { groupCustomers(first: 100, after: $a) { nodes { code } } }', { a: deepCursor }],
      ['customers: text "交通" (Chinese substring)', token, '{ groupCustomers(first: 20, filter: { text: "交通" }) { nodes { name } } }', {}],
      ['customers: text "西安交通科技" (rare)', token, '{ groupCustomers(first: 20, filter: { text: "西安交通科技" }) { nodes { name } } }', {}],
      ['customers: text + totalCount', token, '{ groupCustomers(first: 20, filter: { text: "物流" }) { totalCount nodes { name } } }', {}],
      ['customers: region subtree + grade, by revenue', token, 'query($r: ID) { groupCustomers(first: 20, filter: { regionId: $r, grades: [A1, A2] }, orderBy: { field: MONTHLY_REVENUE, direction: DESC }) { nodes { name } } }', { r: xianId }],
      ['customers: city leader scope, first page', leaderToken, '{ groupCustomers(first: 20) { nodes { name } } }', {}],
      ['hierarchy: 10,000-wide HQ children + count', token, 'query($id: ID) { groupCustomer(id: $id) { children(first: 20) { totalCount nodes { name } } } }', { id: hqId }],
      ['paths: hub staff (5,000 ties) → contact, ≤ 3 hops', token, 'query($s: ID!, $c: ID!) { introductionPaths(fromStaffId: $s, toContactId: $c, maxHops: 3, first: 3) { hops strength } }', { s: staffGid(leaderUuid), c: contactGid }],
      ['paths: staff → contact, ≤ 4 hops', token, 'query($s: ID!, $c: ID!) { introductionPaths(fromStaffId: $s, toContactId: $c, maxHops: 4, first: 3) { hops strength } }', { s: staffGid(amUuid), c: contactGid }],
      ['care: careDue for an account manager (~2,500 contacts)', amToken, '{ careDue(first: 20) { totalCount nodes { name careStatus careDueReasons } } }', {}],
      ['care: 50 customers × contacts × coverage', amToken, '{ groupCustomers(first: 50) { nodes { careCoverage { careLevel contacts onTrack } contacts(first: 5) { nodes { name careStatus lastCaredAt } } } } }', {}],
      ['hierarchy: 50 customers with parent, children, ancestors', token, '{ groupCustomers(first: 50) { nodes { parent { name } ancestors { name } children(first: 3) { nodes { name } } relations { type } } } }', {}],
    ];

    const results: { name: string; median: number; p95: number; sql: number }[] = [];
    for (const [name, auth, query, variables] of operations) {
      const times: number[] = [];
      let sql = 0;
      for (let i = 0; i < ROUNDS + 3; i++) {
        const t0 = process.hrtime.bigint();
        const res = await request(app.express).post('/graphql').set('authorization', `Bearer ${auth}`).send({ query, variables });
        const ms = Number(process.hrtime.bigint() - t0) / 1e6;
        if (res.body.errors) throw new Error(`${name}: ${JSON.stringify(res.body.errors)}`);
        sql = Number(res.headers['x-sql-statements']);
        if (i >= 3) times.push(ms); // the first rounds warm caches and plans
      }
      times.sort((a, b) => a - b);
      results.push({ name, median: times[Math.floor(times.length / 2)], p95: times[Math.floor(times.length * 0.95) - 1], sql });
    }
    await app.apollo.stop();

    const baseline = results[0].median;
    process.stdout.write(`\nGroup CRM benchmark — ${CUSTOMERS.toLocaleString('en')} customers, ${Number(relationshipCount).toLocaleString('en')} relationships (loaded in ${loadSeconds.toFixed(1)} s), ${ROUNDS} rounds each\n\n`);
    process.stdout.write(`${'operation'.padEnd(58)} ${'median ms'.padStart(10)} ${'p95 ms'.padStart(8)} ${'× baseline'.padStart(11)} ${'SQL'.padStart(4)}\n`);
    for (const r of results) {
      process.stdout.write(`${r.name.padEnd(58)} ${r.median.toFixed(1).padStart(10)} ${r.p95.toFixed(1).padStart(8)} ${(r.median / baseline).toFixed(2).padStart(11)} ${String(r.sql).padStart(4)}\n`);
    }
    fs.mkdirSync(path.join(__dirname, 'results'), { recursive: true });
    const file = path.join(__dirname, 'results', `bench-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
    fs.writeFileSync(file, JSON.stringify({ customers: CUSTOMERS, rounds: ROUNDS, baselineMs: baseline, results }, null, 2));
    process.stdout.write(`\nSaved ${path.relative(process.cwd(), file)}\n`);
  } finally {
    if (db.isInitialized) await db.destroy();
    await pg.stop();
    fs.rmSync(path.dirname(dir), { recursive: true, force: true });
  }
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
