import { dataOf, startTestApp, TestApp } from '../support/harness';
import { regionId, staffId } from '../customers/builders';
import { cityCustomer, countyCustomer, gid, inDays, mustCreateOpportunity, opportunityIn, provinceCustomer, reportOpportunity } from './builders';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const codesOf = async (as: string, filter: Record<string, unknown> = {}, orderBy?: Record<string, unknown>) =>
  dataOf(
    await t.gql(as, `query($f: OpportunityFilter, $o: OpportunityOrder) { opportunities(first: 100, filter: $f, orderBy: $o) { totalCount nodes { code } } }`, {
      f: filter,
      o: orderBy,
    }),
  ).opportunities.nodes.map((n: { code: string }) => n.code);

const competitor = (days: number) => ({
  carrier: 'CHINA_TELECOM',
  product: '天翼专线 100M',
  monthlyFee: '3800.00',
  bandwidthMbps: 100,
  contractExpiresOn: inDays(days),
});

describe('opportunity lists', () => {
  let city: { id: string }, county: { id: string }, province: { id: string };
  let a: { code: string; id: string }, b: { code: string; id: string }, c: { code: string; id: string }, d: { code: string; id: string }, p: { code: string; id: string };
  beforeAll(async () => {
    city = await cityCustomer(t);
    county = await countyCustomer(t);
    province = await provinceCustomer(t);
    a = await mustCreateOpportunity(t, 'xa-am1', {
      customerId: city.id,
      products: ['INTERNET_LINE'],
      estimatedAmount: '100000.00',
      expectedCloseDate: inDays(30),
    });
    b = await opportunityIn(t, 'IN_PROGRESS', city.id, {
      products: ['CLOUD', 'IDC'],
      category: 'ICT_PROJECT',
      estimatedAmount: '2500000.00',
      expectedCloseDate: inDays(90),
    });
    c = await mustCreateOpportunity(t, 'xa-yt-g1', {
      customerId: county.id,
      products: ['IOT'],
      category: 'COMPETITOR',
      competitor: competitor(20),
      estimatedAmount: '50000.00',
      expectedCloseDate: inDays(20),
    });
    d = await mustCreateOpportunity(t, 'im-gov', {
      customerId: province.id,
      products: ['CLOUD'],
      category: 'COMPETITOR',
      competitor: competitor(200),
      estimatedAmount: '9000000.00',
    });
    p = (await reportOpportunity(t, 'p-huaxin', { customerId: city.id, products: ['VPMN'], idempotencyKey: 'lists-1' })).opportunity;
  });

  it('filter by stage, category, source, product line, customer, reporter, partner, owner', async () => {
    expect(await codesOf('admin', { stages: ['IN_PROGRESS'] })).toEqual([b.code]);
    expect((await codesOf('admin', { categories: ['COMPETITOR'] })).sort()).toEqual([c.code, d.code].sort());
    expect(await codesOf('admin', { sources: ['PARTNER'] })).toEqual([p.code]);
    expect((await codesOf('admin', { products: ['CLOUD'] })).sort()).toEqual([b.code, d.code].sort());
    expect((await codesOf('admin', { customerId: city.id })).sort()).toEqual([a.code, b.code, p.code].sort());
    expect(await codesOf('admin', { reporterId: await staffId(t, 'xa-yt-g1') })).toEqual([c.code]);
    expect(await codesOf('admin', { partnerId: gid('Partner', (await t.db.query(`SELECT id FROM partner WHERE code = 'P-HUAXIN'`))[0].id) })).toEqual([p.code]);
    expect(await codesOf('admin', { ownerId: await staffId(t, 'xa-am1') })).toEqual([b.code]);
  });

  it('filter by region subtree, amount range and expected close range', async () => {
    expect(await codesOf('admin', { regionId: await regionId(t, '610113') })).toEqual([c.code]);
    expect((await codesOf('admin', { regionId: await regionId(t, '6101') })).length).toBe(5);
    expect(await codesOf('admin', { regionId: await regionId(t, '6103') })).toEqual([]);
    expect((await codesOf('admin', { amountMin: '100000.00', amountMax: '2500000.00' })).sort()).toEqual([a.code, b.code].sort());
    expect((await codesOf('admin', { expectedCloseFrom: inDays(0), expectedCloseTo: inDays(30) })).sort()).toEqual([a.code, c.code].sort());
  });

  it('order by amount both ways, and page through with cursors', async () => {
    const ascending = await codesOf('admin', {}, { field: 'ESTIMATED_AMOUNT', direction: 'ASC' });
    expect(ascending).toEqual([c.code, p.code, a.code, b.code, d.code]);
    expect(await codesOf('admin', {}, { field: 'ESTIMATED_AMOUNT', direction: 'DESC' })).toEqual([...ascending].reverse());
    const first = dataOf(await t.gql('admin', `{ opportunities(first: 2, orderBy: { field: CODE, direction: ASC }) { pageInfo { endCursor hasNextPage } nodes { code } } }`)).opportunities;
    const next = dataOf(
      await t.gql('admin', `query($after: String) { opportunities(first: 10, after: $after, orderBy: { field: CODE, direction: ASC }) { nodes { code } } }`, {
        after: first.pageInfo.endCursor,
      }),
    ).opportunities;
    expect([...first.nodes, ...next.nodes].map((n: { code: string }) => n.code)).toEqual([a, b, c, d, p].map((o) => o.code).sort());
  });

  it('row scope: each role sees its own slice', async () => {
    expect((await codesOf('xa-am1')).sort()).toEqual([a.code, b.code, p.code].sort());
    expect(await codesOf('xa-yt-g1')).toEqual([c.code]);
    expect(await codesOf('im-gov')).toEqual([d.code]);
    expect(await codesOf('bj-leader')).toEqual([]);
    expect((await codesOf('xa-leader')).length).toBe(5);
    expect(await codesOf('xa-yt-leader')).toEqual([c.code]);
    // DOMAIN.md: what awaits their evaluation (p), and what they accepted until it closes (b)
    expect((await codesOf('xa-support')).sort()).toEqual([b.code, p.code].sort());
    expect(await codesOf('p-huaxin')).toEqual([p.code]);
    expect(await codesOf('p-zhilian')).toEqual([]);
  });

  it('competitorExpiries: open COMPETITOR opportunities whose rival contract expires inside the window, soonest first', async () => {
    const radar = async (as: string, days: number) =>
      dataOf(await t.gql(as, `query($d: Int) { competitorExpiries(withinDays: $d) { nodes { code competitor { carrier contractExpiresOn } } } }`, { d: days })).competitorExpiries.nodes;
    expect(await radar('admin', 90)).toEqual([{ code: c.code, competitor: { carrier: 'CHINA_TELECOM', contractExpiresOn: inDays(20) } }]);
    expect((await radar('admin', 365)).map((n: { code: string }) => n.code)).toEqual([c.code, d.code]);
    expect(await radar('xa-am1', 365)).toEqual([]);
  });
});

describe('statement counts', () => {
  it('a page of 50 opportunities with customer, owner, current step and last history entry costs the same as a page of 5', async () => {
    const customer = await cityCustomer(t);
    for (let i = 0; i < 8; i++) await opportunityIn(t, i % 2 ? 'PENDING_APPROVAL' : 'IN_PROGRESS', customer.id, { products: [i % 2 ? 'IOT' : 'CLOUD'] });
    for (let i = 0; i < 45; i++) await mustCreateOpportunity(t, 'xa-am1', { customerId: customer.id, title: `批量商机${i}` });
    const page = (size: number) =>
      t.gql(
        'xa-leader',
        `query($n: Int) { opportunities(first: $n, filter: { customerId: "${customer.id}" }) { nodes {
          code stage customer { name accountManager { name } } customerSummary { code region { name } } owner { name } reporter { name }
          currentStep { sequence overdue region { code } } history(first: 1) { nodes { action actor { name } } } lastEvent { action at }
          possibleDuplicates { code } incentive { amount } followers { name } } } }`,
        { n: size },
      );
    const small = await page(5);
    const large = await page(50);
    expect(dataOf(large).opportunities.nodes).toHaveLength(50);
    expect(large.sql).toBe(small.sql);
    expect(large.sql).toBeLessThanOrEqual(16);
  });
});
