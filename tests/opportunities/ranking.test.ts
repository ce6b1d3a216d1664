import { dataOf, errorCodes, startTestApp, TestApp } from '../support/harness';
import { PlanNode, withStatements } from '../support/plans';
import { cityCustomer, countyCustomer, mustCreateOpportunity, opportunityIn } from './builders';
import { chinaDaysAgo, chinaToday, mustReport, mustWin, opportunityAdmins, toInProgress } from './money-builders';

/** 商机通报 — ranking of regions and owners, and the statement counts of the new nested fields. */
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
  await opportunityAdmins(t);
  const city = await cityCustomer(t);
  const county = await countyCustomer(t);
  await mustWin(t, (await opportunityIn(t, 'IN_PROGRESS', city.id, { estimatedAmount: '300000.00' })).id, { signedAmount: '280000.50' });
  await mustWin(t, (await opportunityIn(t, 'IN_PROGRESS', city.id, { estimatedAmount: '100000.25', products: ['IOT'] })).id, { signedAmount: '99999.99' });
  await opportunityIn(t, 'LOST', city.id, { estimatedAmount: '50000.00', products: ['CLOUD'] });
  await opportunityIn(t, 'SUBMITTED', city.id, { estimatedAmount: '70000.00', products: ['VPMN'] });
  await mustCreateOpportunity(t, 'xa-yt-g1', { customerId: county.id, estimatedAmount: '45000.10' });
});
afterAll(() => t.close());

const period = { from: chinaDaysAgo(7), to: chinaToday() };
const RANKING = `query($p: PeriodInput!, $by: RankingDimension!, $f: OpportunityFilter) { opportunityRanking(period: $p, by: $by, filter: $f) {
  totalCount totalEstimatedAmount totalSignedAmount rows { rank count estimatedAmount signedAmount won lost winRate averageCycleDays region { code } owner { employeeNo } } } }`;
const LIST = `query($f: OpportunityFilter) { opportunities(first: 100, filter: $f) { totalCount nodes { estimatedAmount contract { signedAmount } } } }`;

const fen = (amount: string) => BigInt(amount.replace('.', ''));
async function listTotals(as: string, filter: Record<string, unknown> = {}) {
  const list = dataOf(await t.gql(as, LIST, { f: filter })).opportunities;
  const sum = (values: string[]) => values.reduce((total, v) => total + fen(v), 0n);
  return {
    count: list.totalCount,
    estimated: sum(list.nodes.map((n: { estimatedAmount: string }) => n.estimatedAmount)),
    signed: sum(list.nodes.filter((n: { contract: unknown }) => n.contract).map((n: { contract: { signedAmount: string } }) => n.contract.signedAmount)),
  };
}

describe('opportunityRanking 商机通报', () => {
  it.each([
    ['sx-leader', 'REGION', {}],
    ['xa-leader', 'REGION', {}],
    ['xa-leader', 'OWNER', {}],
    ['xa-leader', 'OWNER', { stages: ['WON', 'LOST'] }],
    ['xa-am1', 'REGION', { products: ['INTERNET_LINE', 'IOT'] }],
    ['xa-yt-leader', 'REGION', {}],
    ['bj-leader', 'OWNER', {}],
  ])('as %s by %s with filter %j, its totals agree with the opportunities list', async (as, by, filter) => {
    const ranking = dataOf(await t.gql(as, RANKING, { p: period, by, f: filter })).opportunityRanking;
    const list = await listTotals(as, filter);
    expect(ranking.totalCount).toBe(list.count);
    expect(fen(ranking.totalEstimatedAmount)).toBe(list.estimated);
    expect(fen(ranking.totalSignedAmount)).toBe(list.signed);
    expect(ranking.rows.reduce((n: number, row: { count: number }) => n + row.count, 0)).toBe(list.count);
  });

  it('ranks the province’s cities, and a city’s counties, by signed amount', async () => {
    const province = dataOf(await t.gql('sx-leader', RANKING, { p: period, by: 'REGION' })).opportunityRanking;
    expect(province.rows).toEqual([
      {
        rank: 1,
        count: 5,
        estimatedAmount: '565000.35',
        signedAmount: '380000.49',
        won: 2,
        lost: 1,
        winRate: 2 / 3,
        averageCycleDays: expect.any(Number),
        region: { code: '6101' },
        owner: null,
      },
    ]);
    const city = dataOf(await t.gql('xa-leader', RANKING, { p: period, by: 'REGION' })).opportunityRanking.rows;
    expect(city.map((r: { region: { code: string }; count: number }) => [r.region.code, r.count])).toEqual([
      ['6101', 4],
      ['610113', 1],
    ]);
  });

  it('ranks owners; the unassigned form one row', async () => {
    const rows = dataOf(await t.gql('xa-leader', RANKING, { p: period, by: 'OWNER' })).opportunityRanking.rows;
    expect(rows.map((r: { owner: { employeeNo: string } | null; won: number }) => [r.owner?.employeeNo ?? null, r.won])).toEqual([
      ['xa-am1', 2],
      [null, 0],
    ]);
  });

  it('the period is the registration day; a backwards or too long period is refused', async () => {
    expect(dataOf(await t.gql('sx-leader', RANKING, { p: { from: '2020-01-01', to: '2020-01-31' }, by: 'REGION' })).opportunityRanking).toMatchObject({
      totalCount: 0,
      rows: [],
    });
    expect(errorCodes(await t.gql('sx-leader', RANKING, { p: { from: chinaToday(), to: chinaDaysAgo(1) }, by: 'REGION' }))).toEqual(['BAD_USER_INPUT']);
    expect(errorCodes(await t.gql('sx-leader', RANKING, { p: { from: '2020-01-01', to: chinaToday() }, by: 'REGION' }))).toEqual(['BAD_USER_INPUT']);
  });

  it('reads each opportunity’s customer and region by joining them, not once per opportunity', async () => {
    const { statements } = await withStatements(t.db, () => t.gql('sx-leader', RANKING, { p: period, by: 'REGION' }));
    const [sql, parameters] = statements.find(([text]) => /"rankKey"/.test(text))!;
    const [
      {
        'QUERY PLAN': [explained],
      },
    ] = await t.db.query(`EXPLAIN (ANALYZE, FORMAT JSON) ${sql}`, parameters);
    // Each scan's relation and alias, and whether it sits inside a subquery run per row (a SubPlan).
    type Scan = { relation: string; alias: string; inSubPlan: boolean };
    const scans = (node: PlanNode & { Alias?: string; 'Parent Relationship'?: string }, inSubPlan = false): Scan[] => {
      const here = inSubPlan || node['Parent Relationship'] === 'SubPlan';
      const own = node['Relation Name'] ? [{ relation: node['Relation Name'], alias: node.Alias ?? '', inSubPlan: here }] : [];
      return [...own, ...(node.Plans ?? []).flatMap((child) => scans(child, here))];
    };
    const keyScans = scans(explained.Plan).filter((scan) => ['region', 'group_customer'].includes(scan.relation) && scan.alias.startsWith('rk_'));
    expect(keyScans).toEqual([
      { relation: expect.any(String), alias: expect.any(String), inSubPlan: false },
      { relation: expect.any(String), alias: expect.any(String), inSubPlan: false },
    ]);
    expect(keyScans.map((scan) => scan.relation).sort()).toEqual(['group_customer', 'region']);
  });

  it('is one statement (plus the region and staff loaders)', async () => {
    const res = await t.gql('xa-leader', RANKING, { p: period, by: 'OWNER' });
    expect(res.sql).toBeLessThanOrEqual(4);
  });
});

describe('statement counts of the new nested fields', () => {
  it('a page of 50 opportunities with contract and commission runs in the same number of statements as a page of 5', async () => {
    const customer = await cityCustomer(t, { name: '分页客户' });
    for (let i = 0; i < 6; i++) {
      const o = await mustReport(t, 'p-huaxin', customer.id, [['CLOUD', 'IDC', 'IOT', 'VPMN', 'DATA_LINE', 'GROUP_MAS'][i]]);
      await toInProgress(t, o.id);
      await mustWin(t, o.id);
    }
    for (let i = 0; i < 50; i++) await mustCreateOpportunity(t, 'xa-am1', { customerId: customer.id, title: `批量${i}`, products: ['IMS_FIXED'] });
    const page = (as: string, size: number) =>
      t.gql(
        as,
        `query($n: Int, $c: ID) { opportunities(first: $n, filter: { customerId: $c }, orderBy: { field: CODE, direction: ASC }) { nodes {
          code stage contract { number signedAmount provisioningState failureReason opportunity { code } }
          commission { state amount partner { code } reviewedBy { name } contract { number } }
          commissions { state refusalReason } } } }`,
        { n: size, c: customer.id },
      );
    for (const as of ['xa-leader', 'xa-oa']) {
      const small = await page(as, 5);
      const large = await page(as, 50);
      expect(dataOf(small).opportunities.nodes.filter((n: { contract: unknown }) => n.contract).length).toBeGreaterThan(0);
      expect(large.sql).toBe(small.sql);
    }
    const registrations = (size: number) =>
      t.gql(
        'p-huaxin',
        `query($n: Int) { myRegistrations(first: $n) { nodes { outcome customerSummary { name } opportunity { code commission { state } } collidedWith { code } partner { code } } } }`,
        { n: size },
      );
    expect((await registrations(50)).sql).toBe((await registrations(2)).sql);
    const queue = (size: number) =>
      t.gql('xa-oa', `query($n: Int) { commissionQueue(first: $n) { nodes { amount partner { code } opportunity { code customerSummary { name } } contract { number } } } }`, { n: size });
    expect((await queue(50)).sql).toBe((await queue(2)).sql);
  });
});
