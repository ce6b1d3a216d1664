import { mustCreateCustomer, regionId } from '../customers/builders';
import { createLogger } from '../../src/platform/logger';
import { contactsSeed } from '../../src/seed/contacts.seed';
import { runSeedSteps } from '../../src/seed/runner';
import { dataOf, startTestApp, TestApp } from '../support/harness';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
  // The demo customers come from their own seed step; a handful made through the API stand in for them here.
  for (const [as, name] of [
    ['xa-am1', '西安市教育局'],
    ['xa-am1', '西安交通大学'],
    ['xa-am2', '西安市中心医院'],
    ['bj-am1', '宝鸡市公安局'],
  ]) {
    await mustCreateCustomer(t, as, { name, regionId: await regionId(t, as.startsWith('bj') ? '6103' : '6101') });
  }
  for (let i = 0; i < 20; i++) await mustCreateCustomer(t, 'xa-am3', { name: `西安演示客户${i}` });
  expect(await runSeedSteps(t.db, [contactsSeed], createLogger('silent'))).toEqual(['contacts-v1']);
});
afterAll(() => t.close());

describe('demo contacts and care records', () => {
  it('give every customer people in all four care levels, with valid personal data', async () => {
    const levels = await t.db.query(
      `SELECT c.name, array_agg(DISTINCT ct.care_level::text ORDER BY ct.care_level::text) AS levels FROM group_customer c LEFT JOIN contact ct ON ct.customer_id = c.id GROUP BY c.name`,
    );
    expect(levels).toHaveLength(24);
    for (const row of levels) expect(row.levels).toEqual(['KEY_PERSON', 'LIAISON', 'MANAGEMENT', 'OTHER']);
    const [bad] = await t.db.query(`SELECT count(*)::int AS n FROM contact WHERE mobile !~ '^1[3-9][0-9]{9}$' OR birthday > now() OR (email IS NOT NULL AND email !~ '^[^@]+@[^@]+\\.[a-z]+$')`);
    expect(bad.n).toBe(0);
  });

  it("draw each customer's org chart: one head, everyone else reporting inside the same customer", async () => {
    const heads = await t.db.query(`SELECT customer_id, count(*)::int AS n FROM contact WHERE reports_to_id IS NULL GROUP BY customer_id`);
    expect(heads).toHaveLength(24);
    expect(heads.every((h: { n: number }) => h.n === 1)).toBe(true);
    const [crossing] = await t.db.query(`SELECT count(*)::int AS n FROM contact ct JOIN contact boss ON boss.id = ct.reports_to_id WHERE boss.customer_id <> ct.customer_id`);
    expect(crossing.n).toBe(0);
  });

  it('spread care so that some contacts are overdue, some due soon and most on track', async () => {
    const contacts = dataOf(await t.gql('xa-am3', `{ contacts(first: 100) { nodes { careStatus lastCaredAt careActivities(first: 100) { nodes { occurredAt recordedBy { employeeNo } } } } } }`))
      .contacts.nodes;
    const count = (status: string) => contacts.filter((c: { careStatus: string }) => c.careStatus === status).length;
    expect(contacts.length).toBeGreaterThan(60);
    expect(count('OVERDUE')).toBeGreaterThan(5);
    expect(count('DUE_SOON')).toBeGreaterThan(0);
    expect(count('ON_TRACK')).toBeGreaterThan(count('OVERDUE'));
    expect(contacts.some((c: { lastCaredAt: string | null }) => c.lastCaredAt === null)).toBe(true);
    const records = contacts.flatMap((c: { careActivities: { nodes: { occurredAt: string; recordedBy: { employeeNo: string } }[] } }) => c.careActivities.nodes);
    expect(records.every((r: { occurredAt: string; recordedBy: { employeeNo: string } }) => Date.parse(r.occurredAt) < Date.now() && r.recordedBy.employeeNo === 'xa-am3')).toBe(true);
    const due = dataOf(await t.gql('xa-am3', `{ careDue(first: 5) { totalCount nodes { careDueReasons } } }`)).careDue;
    expect(due.totalCount).toBeGreaterThan(5);
  });

  it('load once: a second run adds nothing', async () => {
    const [before] = await t.db.query(`SELECT (SELECT count(*) FROM contact) AS contacts, (SELECT count(*) FROM care_activity) AS activities`);
    expect(await runSeedSteps(t.db, [contactsSeed], createLogger('silent'))).toEqual([]);
    const [after] = await t.db.query(`SELECT (SELECT count(*) FROM contact) AS contacts, (SELECT count(*) FROM care_activity) AS activities`);
    expect(after).toEqual(before);
  });
});
