import { dataOf, startTestApp, TestApp } from '../support/harness';
import { mustCreateCustomer, nextCreditCode, regionId, staffId } from './builders';

let t: TestApp;
const credit = nextCreditCode();
beforeAll(async () => {
  t = await startTestApp();
  const xian = await regionId(t, '6101');
  const yanta = await regionId(t, '610113-G1');
  await mustCreateCustomer(t, 'admin', {
    name: '西安交通大学',
    industry: 'EDUCATION',
    grade: 'A1',
    monthlyRevenue: '500000',
    regionId: xian,
    accountManagerId: await staffId(t, 'xa-am1'),
    creditCode: credit,
  });
  await mustCreateCustomer(t, 'admin', {
    name: '西安市第一医院',
    industry: 'HEALTHCARE',
    grade: 'B1',
    monthlyRevenue: '90000',
    regionId: xian,
    accountManagerId: await staffId(t, 'xa-am2'),
  });
  await mustCreateCustomer(t, 'admin', {
    name: '雁塔区小寨商贸城',
    industry: 'RETAIL',
    grade: 'D',
    monthlyRevenue: '1200',
    managementLevel: 'COUNTY',
    regionId: yanta,
    status: 'PROSPECT',
    accountManagerId: await staffId(t, 'xa-yt-g1'),
  });
  await mustCreateCustomer(t, 'admin', {
    name: '宝鸡交通运输集团',
    industry: 'TRANSPORT',
    grade: 'B2',
    monthlyRevenue: '30000',
    regionId: await regionId(t, '6103'),
    accountManagerId: await staffId(t, 'bj-am1'),
  });
  await mustCreateCustomer(t, 'admin', {
    name: 'Xi’an Software Park',
    industry: 'INTERNET',
    grade: 'C',
    monthlyRevenue: '7000',
    regionId: xian,
    accountManagerId: await staffId(t, 'xa-am1'),
  });
});
afterAll(() => t.close());

const search = async (filter: Record<string, unknown>, orderBy?: Record<string, unknown>, as = 'admin') =>
  dataOf(await t.gql(as, `query($f: GroupCustomerFilter, $o: GroupCustomerOrder) { groupCustomers(filter: $f, orderBy: $o, first: 100) { totalCount nodes { name } } }`, { f: filter, o: orderBy }))
    .groupCustomers;
const names = (r: { nodes: { name: string }[] }) => r.nodes.map((n) => n.name);

describe('finding customers', () => {
  it.each([
    ['a Chinese substring', { text: '交通' }, ['宝鸡交通运输集团', '西安交通大学']],
    ['a single Chinese character', { text: '医' }, ['西安市第一医院']],
    ['Latin text in any case', { text: 'software' }, ['Xi’an Software Park']],
    ['the credit code', { text: credit.toLowerCase() }, ['西安交通大学']],
    ['a LIKE wildcard taken literally', { text: '%' }, []],
  ])('by %s', async (_label, filter, expected) => {
    expect(names(await search(filter)).sort()).toEqual([...expected].sort());
  });

  it('by code, grade, industry, level, status, region subtree, manager and revenue range', async () => {
    const [{ code }] = await t.db.query(`SELECT code FROM group_customer WHERE name = '西安市第一医院'`);
    expect(names(await search({ text: code.toLowerCase() }))).toEqual(['西安市第一医院']);
    expect(names(await search({ grades: ['A1', 'D'] })).sort()).toEqual(['西安交通大学', '雁塔区小寨商贸城'].sort());
    expect(names(await search({ industries: ['HEALTHCARE'] }))).toEqual(['西安市第一医院']);
    expect(names(await search({ managementLevels: ['COUNTY'] }))).toEqual(['雁塔区小寨商贸城']);
    expect(names(await search({ statuses: ['PROSPECT'] }))).toEqual(['雁塔区小寨商贸城']);
    expect((await search({ regionId: await regionId(t, '6101') })).totalCount).toBe(4);
    expect(names(await search({ regionId: await regionId(t, '610113') }))).toEqual(['雁塔区小寨商贸城']);
    expect(names(await search({ accountManagerId: await staffId(t, 'xa-am2') }))).toEqual(['西安市第一医院']);
    expect(names(await search({ revenueMin: '7000', revenueMax: '90000' })).sort()).toEqual(['Xi’an Software Park', '宝鸡交通运输集团', '西安市第一医院'].sort());
    expect(names(await search({ text: '西安', grades: ['B1'] }))).toEqual(['西安市第一医院']);
  });

  it('orders by name, code, revenue and last change, both ways, paging by keyset', async () => {
    const byRevenue = names(await search({}, { field: 'MONTHLY_REVENUE', direction: 'DESC' }));
    expect(byRevenue).toEqual(['西安交通大学', '西安市第一医院', '宝鸡交通运输集团', 'Xi’an Software Park', '雁塔区小寨商贸城']);
    const byCode = names(await search({}, { field: 'CODE', direction: 'ASC' }));
    expect(byCode[0]).toBe('西安交通大学');
    expect(names(await search({}, { field: 'UPDATED_AT', direction: 'DESC' }))[0]).toBe('Xi’an Software Park');
    const byName = names(await search({}, { field: 'NAME', direction: 'ASC' }));
    expect(byName).toEqual([...byName].sort((a, b) => (Buffer.from(a) < Buffer.from(b) ? -1 : 1)));

    const page = async (after: string | null) =>
      dataOf(
        await t.gql('admin', `query($a: String) { groupCustomers(first: 2, after: $a, orderBy: { field: MONTHLY_REVENUE, direction: DESC }) { pageInfo { hasNextPage endCursor } nodes { name } } }`, {
          a: after,
        }),
      ).groupCustomers;
    const seen: string[] = [];
    let cursor: string | null = null;
    for (let i = 0; i < 5; i++) {
      const p: { pageInfo: { hasNextPage: boolean; endCursor: string }; nodes: { name: string }[] } = await page(cursor);
      seen.push(...p.nodes.map((n) => n.name));
      if (!p.pageInfo.hasNextPage) break;
      cursor = p.pageInfo.endCursor;
    }
    expect(seen).toEqual(byRevenue);
  });

  it('looks up one customer by id, code or credit code', async () => {
    const [{ code }] = await t.db.query(`SELECT code FROM group_customer WHERE name = '西安交通大学'`);
    const byCode = dataOf(await t.gql('admin', `query($c: String) { groupCustomer(code: $c) { id name } }`, { c: code.toLowerCase() })).groupCustomer;
    expect(byCode.name).toBe('西安交通大学');
    const byCredit = dataOf(await t.gql('admin', `query($c: String) { groupCustomer(creditCode: $c) { id } }`, { c: credit })).groupCustomer;
    expect(byCredit.id).toBe(byCode.id);
    const byId = dataOf(await t.gql('admin', `query($id: ID) { groupCustomer(id: $id) { name } }`, { id: byCode.id })).groupCustomer;
    expect(byId.name).toBe('西安交通大学');
    expect(dataOf(await t.gql('admin', `{ groupCustomer(code: "JT99999999") { id } }`)).groupCustomer).toBeNull();
    expect((await t.gql('admin', `{ groupCustomer { id } }`)).body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
  });

  it('uses the bigram index for text search', async () => {
    // With five rows the planner prefers a scan; forbid it to see that the index matches the expression.
    const plan = await t.db.transaction(async (tx) => {
      await tx.query('SET LOCAL enable_seqscan = off');
      return tx.query(`EXPLAIN SELECT id FROM group_customer c WHERE c.search_bigrams @> crm_bigrams('交通')`);
    });
    expect(JSON.stringify(plan)).toContain('ix_group_customer_search');
  });
});
