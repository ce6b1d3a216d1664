import { dataOf, startTestApp, TestApp } from '../support/harness';
import { insertProvinceCustomers } from '../support/scale';
import { indexesUsed, PlanNode, rowsRead, withStatements } from '../support/plans';

/**
 * The leaders' overdue complaint queue at province shape: 20,000 customers
 * over every city, county and grid, 60,000 complaints, nine in ten of them
 * closed. A leader's region is one prefix range of
 * ix_complaint_open_region_due, so a page reads the open complaints of that
 * region — a few hundred — and never its customers: it costs a page, not
 * the leader's customers.
 */
let t: TestApp;
const CUSTOMERS = 20_000;
const COMPLAINTS = 60_000;

beforeAll(async () => {
  t = await startTestApp();
  await insertProvinceCustomers(t.db, CUSTOMERS, `'投诉规模' || g || '有限公司'`);
  // One in ten open (OPEN, IN_PROGRESS, REOPENED); of those, one in three past its deadline.
  for (let from = 1; from <= COMPLAINTS; from += 20_000) {
    await t.db.query(
      `INSERT INTO complaint (code, customer_id, channel, category, severity, description, state, first_responder_id, due_at, rule_version, created_at)
       SELECT 'TSSCALE-' || g, c.id, 'PHONE', 'NETWORK', 'MAJOR', '规模投诉' || g,
              (CASE WHEN g % 10 = 0 THEN (ARRAY['OPEN', 'IN_PROGRESS', 'REOPENED'])[1 + (g / 10) % 3] ELSE 'CLOSED' END)::complaint_state,
              c.account_manager_id, now() + make_interval(hours => CASE WHEN (g / 10) % 3 = 0 THEN -(1 + g % 500) ELSE 1 + g % 500 END), 1,
              now() - make_interval(hours => 600 + g % 500)
       FROM generate_series($1::int, $2::int) g
       JOIN (SELECT id, account_manager_id, (row_number() OVER (ORDER BY code) - 1)::int AS k FROM group_customer) c ON c.k = g % ${CUSTOMERS}`,
      [from, Math.min(from + 19_999, COMPLAINTS)],
    );
  }
  await t.db.query('ANALYZE complaint');
  await t.db.query('ANALYZE group_customer');
}, 180000);
afterAll(() => t.close());

const QUEUE = `{ overdueComplaints(first: 20) { totalCount nodes { code overdue dueAt customer { name } } } }`;

/** Runs the queue as `who` and explains the statement that read the page. */
async function queueAndExplain(who: string) {
  const { result: res, statements } = await withStatements(t.db, () => t.gql(who, QUEUE));
  const [page] = statements.filter(([sql]) => /FROM "complaint"/.test(sql) && /ORDER BY/.test(sql));
  const [{ 'QUERY PLAN': plan }] = await t.db.query(`EXPLAIN (ANALYZE, FORMAT JSON) ${page[0]}`, page[1]);
  return { data: dataOf(res).overdueComplaints, plan: plan[0].Plan as PlanNode, sql: res.sql };
}

describe('the overdue complaint queue at 60,000 complaints', () => {
  it.each([
    ['xa-leader', '6101'],
    ['bj-leader', '6103'],
    ['xa-yt-leader', '610113'],
  ])('for %s reads its region’s open complaints, never its customers', async (who, regionCode) => {
    const { data, plan, sql } = await queueAndExplain(who);
    const expected = await t.db.query(
      `SELECT cp.code FROM complaint cp JOIN group_customer c ON c.id = cp.customer_id JOIN region r ON r.id = c.region_id
       WHERE cp.state IN ('OPEN', 'IN_PROGRESS', 'REOPENED') AND cp.due_at < now() AND r.path LIKE (SELECT path FROM region WHERE code = $1) || '%'
       ORDER BY cp.due_at, cp.id LIMIT 20`,
      [regionCode],
    );
    expect(data.nodes.map((n: { code: string }) => n.code)).toEqual(expected.map((e: { code: string }) => e.code));
    expect(data.nodes.length).toBe(20);
    expect(data.nodes.every((n: { overdue: boolean }) => n.overdue)).toBe(true);
    // The region's range of open complaints, or (for a region holding many of them) the open ones in deadline order until a page is found.
    expect(indexesUsed(plan).filter((name) => name.startsWith('ix_complaint_open_'))).not.toEqual([]);
    const [{ open }] = await t.db.query(
      `SELECT count(*)::int AS open FROM complaint WHERE state IN ('OPEN', 'IN_PROGRESS', 'REOPENED') AND region_path LIKE (SELECT path FROM region WHERE code = $1) || '%'`,
      [regionCode],
    );
    // At most the region's open complaints for the page and again for its count (a few hundred of 60,000; the index and the heap
    // each count them), and their customers at most, read with them for the nested `customer` — never the region's customers: the
    // region path each complaint carries is the leader's whole scope (servicePolicy.queueRegionPath), so none is read to check it.
    expect(rowsRead(plan, 'complaint')).toBeLessThanOrEqual(2 * open);
    expect(rowsRead(plan, 'group_customer')).toBeLessThanOrEqual(open);
    const [{ customers }] = await t.db.query(
      `SELECT count(*)::int AS customers FROM group_customer c JOIN region r ON r.id = c.region_id WHERE r.path LIKE (SELECT path FROM region WHERE code = $1) || '%'`,
      [regionCode],
    );
    expect(customers).toBeGreaterThan(open);
    expect(open).toBeLessThan(COMPLAINTS / 10);
    // The rate accounting, and the page with its count and customers.
    expect(sql).toBe(2);
  });
});

describe('the queue reads its count and its customers with its page', () => {
  const truth = async (regionCode: string) =>
    (
      await t.db.query(
        `SELECT count(*)::int AS n FROM complaint cp JOIN group_customer c ON c.id = cp.customer_id JOIN region r ON r.id = c.region_id
         WHERE cp.state IN ('OPEN', 'IN_PROGRESS', 'REOPENED') AND cp.due_at < now() AND r.path LIKE (SELECT path FROM region WHERE code = $1) || '%'`,
        [regionCode],
      )
    )[0].n as number;

  it.each([
    ['bj-leader', '6103'],
    ['xa-yt-leader', '610113'],
  ])('%s: totalCount with the page, and past the last page, is the region’s overdue count', async (who, regionCode) => {
    const expected = Math.min(await truth(regionCode), 1001);
    const withPage = dataOf(await t.gql(who, `{ overdueComplaints(first: 5) { totalCount nodes { id } } }`)).overdueComplaints;
    expect(withPage.nodes.length).toBe(5);
    expect(withPage.totalCount).toBe(expected);
    const beyond = Buffer.from(JSON.stringify(['2999-01-01 00:00:00+00', 'ffffffff-ffff-ffff-ffff-ffffffffffff'])).toString('base64');
    const past = dataOf(await t.gql(who, `query($a: String) { overdueComplaints(first: 5, after: $a) { totalCount nodes { id } } }`, { a: beyond })).overdueComplaints;
    expect(past.nodes).toEqual([]);
    expect(past.totalCount).toBe(expected);
  });

  it('the customers, first responders and handlers it shows are those their own lookups give', async () => {
    const FIELDS = `id code name grade status managementLevel monthlyRevenue region { code } accountManager { name }`;
    const queue = dataOf(await t.gql('xa-leader', `{ overdueComplaints(first: 10) { nodes { customer { ${FIELDS} } firstResponder { id name roles } handler { id } } } }`)).overdueComplaints.nodes;
    expect(queue.length).toBe(10);
    for (const node of queue) {
      const looked = dataOf(await t.gql('xa-leader', `query($id: ID!) { node(id: $id) { ... on GroupCustomer { ${FIELDS} } } }`, { id: node.customer.id })).node;
      expect(node.customer).toEqual(looked);
      const staff = dataOf(await t.gql('xa-leader', `query($id: ID!) { node(id: $id) { ... on Staff { id name roles } } }`, { id: node.firstResponder.id })).node;
      expect(node.firstResponder).toEqual(staff);
    }
  });
});
