import { dataOf, startTestApp, TestApp } from '../support/harness';

/**
 * The benchmark's read workloads (docs/performance.md, W1–W6) run the same
 * number of SQL statements for a page of 5 as for a page of 50: every list
 * is one statement or one batched loader, never one per row.
 */
let t: TestApp;
let customerId: string;

beforeAll(async () => {
  t = await startTestApp();
  await t.db.query(
    `WITH managers AS (SELECT array_agg(id ORDER BY employee_no) AS ids, array_agg(region_id ORDER BY employee_no) AS regions FROM staff WHERE employee_no LIKE 'xa-%' AND 'ACCOUNT_MANAGER' = ANY(roles::text[]))
     INSERT INTO group_customer (code, name, industry, grade, management_level, region_id, account_manager_id)
     SELECT 'JT' || lpad(nextval('group_customer_code_seq')::text, 8, '0'), '计数测试' || g || '有限公司', 'GOVERNMENT', 'B1', 'CITY', m.regions[1 + g % cardinality(m.ids)], m.ids[1 + g % cardinality(m.ids)]
     FROM generate_series(1, 120) g, managers m`,
  );
  await t.db.query(
    `INSERT INTO contact (customer_id, name, title, care_level, created_at)
     SELECT c.id, '联系人' || k, '经理', (ARRAY['MANAGEMENT','KEY_PERSON','LIAISON','OTHER'])[1 + k % 4]::care_level, now() - interval '400 days'
     FROM group_customer c, generate_series(1, 6) k WHERE c.name LIKE '计数测试%'`,
  );
  await t.db.query(
    `INSERT INTO care_activity (contact_id, kind, occurred_at, recorded_by_id)
     SELECT ct.id, 'VISIT', now() - make_interval(days => (abs(hashtext(ct.id::text)) % 90)), (SELECT id FROM staff WHERE employee_no = 'admin') FROM contact ct`,
  );
  [{ id: customerId }] = await t.db.query(`SELECT id FROM group_customer WHERE name LIKE '计数测试%' ORDER BY code LIMIT 1`);
});
afterAll(() => t.close());

const gid = (type: string, uuid: string) => Buffer.from(`${type}:${uuid}`).toString('base64');

const WORKLOADS: [string, string, (n: number) => string][] = [
  ['W1 a page of customers by name', 'admin', (n) => `{ groupCustomers(first: ${n}, orderBy: { field: NAME, direction: ASC }) { nodes { id code name grade monthlyRevenue } } }`],
  [
    'W2 customers with their contacts and last care',
    'xa-leader',
    (n) => `{ groupCustomers(first: ${n}) { nodes { id name contacts(first: 5) { nodes { name title careLevel lastCaredAt careStatus } } } } }`,
  ],
  [
    'W3 one customer with contacts and opportunities',
    'admin',
    (n) => `{ node(id: "${gid('GroupCustomer', customerId)}") { ... on GroupCustomer { name contacts(first: ${n}) { nodes { name } } opportunities(first: ${n}) { nodes { title } } } } }`,
  ],
  ['W4 the due list with its count', 'xa-leader', (n) => `{ careDue(first: ${n}) { totalCount totalCountCapped nodes { name careStatus careDueReasons customer { name } } } }`],
  ['W5 a search with its count', 'admin', (n) => `{ groupCustomers(first: ${n}, filter: { text: "有限" }) { totalCount totalCountCapped nodes { name } } }`],
  [
    'W6 opportunities with customer, owner and step',
    'admin',
    (n) => `{ opportunities(first: ${n}) { nodes { title customer { name } owner { name } currentStep { approverRole overdue region { name } } } } }`,
  ],
];

describe('SQL statements per request do not grow with the page size', () => {
  it.each(WORKLOADS)('%s', async (_name, who, query) => {
    const small = await t.gql(who, query(5));
    const large = await t.gql(who, query(50));
    dataOf(small);
    dataOf(large);
    expect(large.sql).toBe(small.sql);
    expect(large.sql).toBeLessThanOrEqual(8);
  });
});
