import { careDuePage, NARROW_SCOPE_CUSTOMERS } from '../../src/modules/contacts/care-due';
import { organisationService } from '../../src/modules/organisation/organisation.service';
import { Context, Loaders } from '../../src/platform/context';
import { startTestApp, TestApp } from '../support/harness';
import { rowsRead } from '../support/plans';

/**
 * The due list at province shape: thousands of customers and contacts made
 * in SQL, care records spread over two years, birthdays all around today
 * (29 February among them). The index walks (wide scopes) and the full
 * scan (narrow scopes) must give the same list, and a wide scope's page
 * must read about a page of contacts, not the scope.
 */
let t: TestApp;
const CUSTOMERS = 2000;
const CONTACTS_EACH = 6;
const now = new Date().toISOString();

beforeAll(async () => {
  t = await startTestApp();
  await t.db.query(
    `WITH managers AS (SELECT array_agg(id ORDER BY employee_no) AS ids, array_agg(region_id ORDER BY employee_no) AS regions FROM staff WHERE 'ACCOUNT_MANAGER' = ANY(roles::text[]))
     INSERT INTO group_customer (code, name, industry, grade, management_level, region_id, account_manager_id)
     SELECT 'JT' || lpad(nextval('group_customer_code_seq')::text, 8, '0'), '规模测试' || g || '有限公司', 'GOVERNMENT', 'B1', 'CITY',
            m.regions[1 + g % cardinality(m.ids)], m.ids[1 + g % cardinality(m.ids)]
     FROM generate_series(1, $1) g, managers m`,
    [CUSTOMERS],
  );
  // Birthdays from 40 days ago to 40 days ahead (Shanghai), plus 29 February; some contacts never cared for.
  await t.db.query(
    `INSERT INTO contact (customer_id, name, care_level, birthday, created_at)
     SELECT c.id, '联系人' || c.rn || '-' || k, (ARRAY['MANAGEMENT','KEY_PERSON','LIAISON','OTHER'])[1 + (c.rn + k) % 4]::care_level,
            CASE WHEN (c.rn + k) % 3 = 0 THEN make_date((1980 + c.rn % 20)::int, 1, 1)
                 WHEN (c.rn + k) % 3 = 1 THEN (((now() AT TIME ZONE 'Asia/Shanghai')::date - 40 + ((c.rn * 7 + k) % 81)::int) - make_interval(years => (30 + c.rn % 20)::int))::date
                 WHEN (c.rn + k) % 97 = 2 THEN date '1988-02-29' END,
            now() - interval '900 days'
     FROM (SELECT id, row_number() OVER (ORDER BY code) AS rn FROM group_customer WHERE name LIKE '规模测试%') c, generate_series(1, $1) k`,
    [CONTACTS_EACH],
  );
  await t.db.query(
    `INSERT INTO care_activity (contact_id, kind, occurred_at, recorded_by_id)
     SELECT ct.id, 'VISIT', now() - make_interval(days => abs(hashtext(ct.id::text)) % 200, secs => (abs(hashtext(ct.name)) % 86400)::float8), (SELECT id FROM staff WHERE employee_no = 'admin')
     FROM contact ct WHERE abs(hashtext(ct.id::text)) % 5 <> 0`,
  );
  await t.db.query('ANALYZE');
}, 60000);
afterAll(() => t.close());

async function contextFor(employeeNo: string): Promise<Context> {
  const viewer = await organisationService.viewerFor(t.db, employeeNo);
  return { requestId: 'test', viewer: viewer!, db: t.db, log: undefined as never, config: t.config, loaders: new Loaders() };
}

/** Every page of the due list, as `id@cursor`, walking with the given branch threshold. */
async function walkAll(ctx: Context, narrowScope: number, size = 9): Promise<string[]> {
  const seen: string[] = [];
  let after: string | null = null;
  for (let i = 0; i < 400; i++) {
    const page = await careDuePage(ctx, now, 7, { first: size, after }, narrowScope);
    seen.push(...page.edges.map((e) => `${e.node.id}@${e.cursor}`));
    if (!page.pageInfo.hasNextPage) return seen;
    after = page.pageInfo.endCursor;
  }
  throw new Error('the due list did not end');
}

describe('the due list at province shape', () => {
  it.each(['admin', 'xa-leader', 'xa-am1'])(
    'as %s, the index walks and the full scan list the same contacts in the same order, page by page',
    async (who) => {
      const ctx = await contextFor(who);
      const size = who === 'admin' ? 97 : 9;
      const walked = await walkAll(ctx, 0, size);
      const scanned = await walkAll(ctx, Number.MAX_SAFE_INTEGER, size);
      expect(walked.length).toBeGreaterThan(20);
      expect(walked).toEqual(scanned);
      expect(new Set(walked.map((s) => s.split('@')[0])).size).toBe(walked.length);
      // Dozens of pages each way, the scan ones reading the whole scope: minutes on a busy 2-core machine.
    },
    240000,
  );

  it('a page for the whole province reads about a page of contacts, whatever the scope holds', async () => {
    const ctx = await contextFor('admin');
    const statements: [string, unknown[]][] = [];
    const query = t.db.query.bind(t.db);
    const spy = jest.spyOn(t.db, 'query').mockImplementation((sql: string, params?: unknown) => {
      statements.push([sql, (params as unknown[]) ?? []]);
      return query(sql, params as unknown[]);
    });
    try {
      await careDuePage(ctx, now, 7, { first: 20 });
    } finally {
      spy.mockRestore();
    }
    const [[sql, params]] = statements;
    const [{ 'QUERY PLAN': plan }] = await t.db.query(`EXPLAIN (ANALYZE, FORMAT JSON) ${sql}`, params);
    const contactRows = rowsRead(plan[0].Plan, 'contact');
    const inScope = CUSTOMERS * CONTACTS_EACH;
    expect(CUSTOMERS).toBeGreaterThan(NARROW_SCOPE_CUSTOMERS);
    // The care walk reads about a page; the birthday walks read at most the birthdays of the coming week: far from the 12,000 contacts in scope.
    expect(contactRows).toBeLessThan(inScope / 10);
  });

  it('the stored care state follows care records written, moved and removed in SQL, and policy changes', async () => {
    const [{ id }] = await t.db.query(`SELECT id FROM contact WHERE care_level = 'KEY_PERSON' ORDER BY id LIMIT 1`);
    const state = async () => (await t.db.query(`SELECT last_cared_at::text AS last, next_care_due_at::text AS next FROM contact WHERE id = $1`, [id]))[0];
    await t.db.query(`DELETE FROM care_activity WHERE contact_id = $1`, [id]);
    expect((await state()).last).toBeNull();
    const admin = `(SELECT id FROM staff WHERE employee_no = 'admin')`;
    await t.db.query(
      `INSERT INTO care_activity (contact_id, kind, occurred_at, recorded_by_id) VALUES ($1, 'VISIT', '2026-01-10T00:00:00Z', ${admin}), ($1, 'CALL', '2026-03-01T00:00:00Z', ${admin})`,
      [id],
    );
    expect(await state()).toEqual({ last: '2026-03-01 00:00:00+00', next: '2026-03-31 00:00:00+00' });
    await t.db.query(`UPDATE care_activity SET occurred_at = '2026-02-01T00:00:00Z' WHERE contact_id = $1 AND kind = 'CALL'`, [id]);
    expect((await state()).last).toBe('2026-02-01 00:00:00+00');
    await t.db.query(`UPDATE care_policy SET interval_days = 10 WHERE care_level = 'KEY_PERSON'`);
    expect((await state()).next).toBe('2026-02-11 00:00:00+00');
    await t.db.query(`UPDATE care_policy SET interval_days = 30 WHERE care_level = 'KEY_PERSON'`);
    await t.db.query(`DELETE FROM care_activity WHERE contact_id = $1 AND kind = 'CALL'`, [id]);
    expect(await state()).toEqual({ last: '2026-01-10 00:00:00+00', next: '2026-02-09 00:00:00+00' });
  });

  it('the count stops at 1,000 and says so', async () => {
    const ctx = await contextFor('admin');
    const page = await careDuePage(ctx, now, 7, { first: 5 });
    expect(page.countCap).toBe(1000);
    expect(await page.count()).toBe(1001);
  });
});
