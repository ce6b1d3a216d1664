import { dataOf, errorCodes, startTestApp, TestApp } from '../support/harness';
import { cityCustomer } from '../opportunities/builders';
import { month, months, mustRecord, record } from './builders';

/*
 * DOMAIN.md: Retention — monthly revenue arrives from billing (BOSS) as
 * batches; re-sending a month replaces it. One transaction per call, a bad
 * row reported with its index and nothing written; admins and the billing
 * integration role only. The matrix (tests/authz) has no billing-integration
 * user, so that role is tested here.
 */

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
  const [admin] = await t.db.query(`SELECT region_id FROM staff WHERE employee_no = 'admin'`);
  await t.db.query(`INSERT INTO staff (employee_no, name, roles, region_id) VALUES ('boss-feed', '计费接口', '{BILLING_INTEGRATION}', $1)`, [admin.region_id]);
});
afterAll(() => t.close());

const HISTORY = `query($id: ID!, $m: Int) { node(id: $id) { ... on GroupCustomer { monthlyRevenue revenueHistory(months: $m) { month revenue } } } }`;
const revenueOf = async (id: string, m = 12, as = 'xa-am1') => dataOf(await t.gql(as, HISTORY, { id, m })).node;
const customer = () => cityCustomer(t, { name: `计费测试${Math.random().toString(36).slice(2, 7)}` });
const count = async () => Number((await t.db.query(`SELECT count(*) AS n FROM customer_monthly_revenue`))[0].n);

describe('billing feed 计费月收入', () => {
  it('writes the batch; monthlyRevenue is the latest month; revenueHistory shows the series oldest first', async () => {
    const c = await customer();
    const batch = await mustRecord(t, [...months(c.code, -3, -1, '1000.50'), { customerCode: c.code.toLowerCase(), month: month(-4), revenue: '900' }]);
    expect(batch).toEqual({ rows: 4, customers: 1, months: [month(-4), month(-3), month(-2), month(-1)] });
    expect(await revenueOf(c.id)).toEqual({
      monthlyRevenue: '1000.50',
      revenueHistory: [
        { month: month(-4), revenue: '900.00' },
        { month: month(-3), revenue: '1000.50' },
        { month: month(-2), revenue: '1000.50' },
        { month: month(-1), revenue: '1000.50' },
      ],
    });
    expect((await revenueOf(c.id, 2)).revenueHistory).toEqual([
      { month: month(-2), revenue: '1000.50' },
      { month: month(-1), revenue: '1000.50' },
    ]);
  });

  it('re-sending a month replaces it; an older month leaves monthlyRevenue alone', async () => {
    const c = await customer();
    await mustRecord(t, months(c.code, -2, -1, '500.00'));
    await mustRecord(t, [{ customerCode: c.code, month: month(-1), revenue: '750.00' }]);
    await mustRecord(t, [{ customerCode: c.code, month: month(-2), revenue: '9999.00' }]);
    expect(await revenueOf(c.id)).toEqual({
      monthlyRevenue: '750.00',
      revenueHistory: [
        { month: month(-2), revenue: '9999.00' },
        { month: month(-1), revenue: '750.00' },
      ],
    });
  });

  it('bad rows are reported with their index and field, and nothing of the call is written', async () => {
    const c = await customer();
    const before = await count();
    const payload = dataOf(
      await record(t, 'admin', [
        { customerCode: c.code, month: month(-1), revenue: '100.00' },
        { customerCode: 'JT99999999', month: month(-1), revenue: '100.00' },
        { customerCode: c.code, month: '2025-13', revenue: '100.00' },
        { customerCode: c.code, month: month(-2), revenue: '-5.00' },
        { customerCode: c.code, month: month(-3), revenue: '12.345' },
        { customerCode: c.code, month: month(-1), revenue: '200.00' },
        { customerCode: c.code, month: month(2), revenue: '1.00' },
      ]),
    ).recordMonthlyRevenue;
    expect(payload.batch).toBeNull();
    expect(payload.userErrors.map((e: { code: string; field: string[] }) => [e.code, e.field.join('.')])).toEqual([
      ['NOT_FOUND', 'input.rows.1.customerCode'],
      ['VALIDATION', 'input.rows.2.month'],
      ['VALIDATION', 'input.rows.3.revenue'],
      ['VALIDATION', 'input.rows.4.revenue'],
      ['VALIDATION', 'input.rows.5.month'],
      ['VALIDATION', 'input.rows.6.month'],
    ]);
    expect(await count()).toBe(before);
    expect((await revenueOf(c.id)).monthlyRevenue).toBe('0.00');
  });

  it('at most 5,000 rows a call; an empty call is refused', async () => {
    const c = await customer();
    const rows = Array.from({ length: 5001 }, (_, i) => ({ customerCode: c.code, month: `${2000 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`, revenue: '1.00' }));
    expect(dataOf(await record(t, 'admin', rows)).recordMonthlyRevenue.userErrors[0]).toMatchObject({ code: 'VALIDATION', field: ['input', 'rows'] });
    expect(dataOf(await record(t, 'admin', [])).recordMonthlyRevenue.userErrors[0]).toMatchObject({ code: 'VALIDATION', field: ['input', 'rows'] });
  });

  it('the billing integration records revenue and reads nothing; staff other than admins may not record', async () => {
    const c = await customer();
    expect(dataOf(await record(t, 'boss-feed', months(c.code, -1, -1, '321.00'))).recordMonthlyRevenue.userErrors).toEqual([]);
    expect((await revenueOf(c.id)).monthlyRevenue).toBe('321.00');
    for (const user of ['xa-am1', 'xa-leader', 'sx-leader', 'p-huaxin', 'xa-support']) expect(errorCodes(await record(t, user, months(c.code, -1, -1, '1.00')))).toEqual(['FORBIDDEN']);
    expect(dataOf(await t.gql('boss-feed', HISTORY, { id: c.id, m: 3 })).node).toBeNull();
    expect(dataOf(await t.gql('boss-feed', `{ groupCustomers(first: 5) { nodes { id } } }`)).groupCustomers.nodes).toEqual([]);
    expect(errorCodes(await t.gql('boss-feed', `{ atRiskCustomers(first: 5) { nodes { level } } }`))).toEqual(['FORBIDDEN']);
  });

  it('revenue history of 50 customers is one statement', async () => {
    const ids: string[] = [];
    const rows = [];
    for (let i = 0; i < 50; i++) {
      const c = await customer();
      ids.push(c.id);
      rows.push(...months(c.code, -6, -1, String(1000 + i)));
    }
    await mustRecord(t, rows);
    const many = async (n: number, withHistory: boolean) =>
      t.gql('xa-am1', `query($ids: [ID!]!) { nodes(ids: $ids) { ... on GroupCustomer { id ${withHistory ? 'revenueHistory(months: 6) { month revenue }' : ''} } } }`, { ids: ids.slice(0, n) });
    const [without, with50] = [await many(50, false), await many(50, true)];
    expect(dataOf(with50).nodes.every((n: { revenueHistory: unknown[] }) => n.revenueHistory.length === 6)).toBe(true);
    expect(with50.sql - without.sql).toBe(1);
    expect((await revenueOf(ids[0], 6, 'xa-leader')).revenueHistory).toHaveLength(6);
  });
});
