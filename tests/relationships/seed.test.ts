import { createLogger } from '../../src/platform/logger';
import { customersSeed } from '../../src/seed/customers.seed';
import { relationshipsSeed } from '../../src/seed/relationships.seed';
import { runSeedSteps } from '../../src/seed/runner';
import { dataOf, startTestApp, TestApp } from '../support/harness';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
  await runSeedSteps(t.db, [customersSeed], createLogger('silent'));
  // Four contacts per demo customer, one in each care level (the contacts step does richer ones).
  await t.db.query(
    `INSERT INTO contact (customer_id, name, care_level)
     SELECT c.id, c.name || '·' || l.level, l.level::care_level FROM group_customer c CROSS JOIN (VALUES ('MANAGEMENT'), ('KEY_PERSON'), ('LIAISON'), ('OTHER')) AS l(level)`,
  );
  await runSeedSteps(t.db, [relationshipsSeed], createLogger('silent'));
});
afterAll(() => t.close());

describe('demo relationship network', () => {
  it('ties staff and contacts, with hubs, cross-customer ties and gaps left to work on', async () => {
    const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM relationship`);
    expect(n).toBeGreaterThan(500);
    const [{ hub }] = await t.db.query(
      `SELECT max(k)::int AS hub FROM (SELECT person_a AS p, count(*) AS k FROM relationship GROUP BY person_a UNION ALL SELECT person_b, count(*) FROM relationship GROUP BY person_b) x`,
    );
    expect(hub).toBeGreaterThan(50);
    const [{ cross }] = await t.db.query(
      `SELECT count(*)::int AS cross FROM relationship r JOIN contact a ON a.id = r.a_contact_id JOIN contact b ON b.id = r.b_contact_id WHERE a.customer_id <> b.customer_id`,
    );
    expect(cross).toBeGreaterThan(20);
    const [{ gaps }] = await t.db.query(
      `SELECT count(*)::int AS gaps FROM contact ct WHERE ct.care_level IN ('MANAGEMENT', 'KEY_PERSON') AND NOT EXISTS (SELECT 1 FROM person_edge e JOIN staff s ON s.id = e.to_id WHERE e.from_id = ct.id)`,
    );
    expect(gaps).toBeGreaterThan(10);
  });

  it('gives an account manager a map and a path to show', async () => {
    const [customer] = await t.db.query(
      `SELECT c.id FROM group_customer c JOIN staff s ON s.id = c.account_manager_id WHERE s.employee_no = 'xa-am1' AND EXISTS (SELECT 1 FROM relationship r WHERE r.a_staff_id = s.id OR r.b_staff_id = s.id) ORDER BY c.code LIMIT 1`,
    );
    const id = Buffer.from(`GroupCustomer:${customer.id}`).toString('base64');
    const map = dataOf(await t.gql('xa-am1', `query($c: ID!) { relationshipMap(customerId: $c, depth: 2) { people { __typename } relationships { type } } }`, { c: id })).relationshipMap;
    expect(map.relationships.length).toBeGreaterThan(0);
    expect(map.people.some((p: { __typename: string }) => p.__typename === 'Staff')).toBe(true);
  });
});
