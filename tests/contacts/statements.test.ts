import { mustCreateCustomer } from '../customers/builders';
import { dataOf, startTestApp, TestApp } from '../support/harness';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
  // 60 customers of xa-am4, each with three contacts in an org chart and a few care records.
  for (let i = 0; i < 60; i++) await mustCreateCustomer(t, 'xa-am4', { name: `批量客户${String(i).padStart(2, '0')}` });
  const [{ id: manager }] = await t.db.query(`SELECT id FROM staff WHERE employee_no = 'xa-am4'`);
  await t.db.query(
    `INSERT INTO contact (customer_id, name, care_level, mobile, email, birthday)
     SELECT c.id, c.name || level, level::care_level, '13800000000', 'a@example.com', DATE '1980-01-01'
     FROM group_customer c CROSS JOIN unnest(ARRAY['MANAGEMENT', 'KEY_PERSON', 'LIAISON']) AS level WHERE c.account_manager_id = $1`,
    [manager],
  );
  await t.db.query(`UPDATE contact ct SET reports_to_id = boss.id FROM contact boss WHERE boss.customer_id = ct.customer_id AND boss.care_level = 'MANAGEMENT' AND ct.care_level <> 'MANAGEMENT'`);
  await t.db.query(
    `INSERT INTO care_activity (contact_id, kind, occurred_at, cost, recorded_by_id)
     SELECT ct.id, 'VISIT', now() - make_interval(days => d), 100, $1 FROM contact ct CROSS JOIN generate_series(1, 40, 13) AS d`,
    [manager],
  );
});
afterAll(() => t.close());

const NESTED = `query($n: Int!) {
  groupCustomers(first: $n, filter: { text: "批量客户" }) {
    totalCount
    nodes {
      name
      careCoverage { careLevel contacts onTrack }
      contacts(first: 10) {
        totalCount
        nodes {
          name mobile email birthday careLevel careStatus lastCaredAt nextCareDueAt careDueReasons
          customer { name }
          reportsTo { name }
          directReports { name }
          careActivities(first: 1) { totalCount nodes { kind occurredAt cost recordedBy { name } } }
        }
      }
    }
  }
}`;

describe('no N+1', () => {
  it('customers × their contacts × last care activity run in the same number of statements for 5 and 50 customers', async () => {
    const small = await t.gql('xa-am4', NESTED, { n: 5 });
    const large = await t.gql('xa-am4', NESTED, { n: 50 });
    const customers = dataOf(large).groupCustomers.nodes;
    expect(customers).toHaveLength(50);
    expect(customers.every((c: { contacts: { nodes: unknown[] } }) => c.contacts.nodes.length === 3)).toBe(true);
    expect(customers[0].contacts.nodes[0].careActivities.nodes).toHaveLength(1);
    expect(dataOf(small).groupCustomers.nodes).toHaveLength(5);
    expect(large.sql).toBe(small.sql);
    expect(large.sql).toBeLessThanOrEqual(16);
  });

  it('the contacts list and the due list stay constant as pages grow', async () => {
    const LIST = `query($n: Int!) { contacts(first: $n) { nodes { name mobile careStatus customer { name } careActivities(first: 3) { nodes { kind } } } } careDue(first: $n) { totalCount nodes { name careDueReasons careStatus } } }`;
    const small = await t.gql('xa-am4', LIST, { n: 5 });
    const large = await t.gql('xa-am4', LIST, { n: 100 });
    expect(dataOf(large).contacts.nodes).toHaveLength(100);
    expect(large.sql).toBe(small.sql);
  });
});
