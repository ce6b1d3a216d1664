import { currentPeriod } from '../../src/modules/service/service-period';
import { cityCustomer } from '../opportunities/builders';
import { mustCreateCustomer, regionId } from '../customers/builders';
import { dataOf, errorCodes, expectUserError, startTestApp, TestApp } from '../support/harness';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const now = currentPeriod(new Date());
const QUARTER = { year: now.year, quarter: now.quarter! };
/** Last year's last quarter: over, and no other test surveys it. */
const EARLIER = { year: now.year - 1, quarter: 4 };
const RECORD = `mutation($input: RecordSatisfactionInput!) { recordSatisfaction(input: $input) { satisfactionSurvey { id period score note recordedBy { employeeNo } customer { id } } userErrors { code message field } } }`;
const record = async (as: string, input: Record<string, unknown>) => dataOf(await t.gql(as, RECORD, { input: { period: QUARTER, score: 9, ...input } })).recordSatisfaction;
const REPORT = `query($p: ServicePeriodInput!, $by: SatisfactionGrouping!) { satisfactionReport(period: $p, by: $by) {
  period target surveyed averageScore meetsTarget rows { surveyed averageScore meetsTarget grade region { code } } } }`;

describe('satisfaction 满意度 (DOMAIN.md: Service quality)', () => {
  it('once per customer and period: a second is refused unless it says replace', async () => {
    const customer = await cityCustomer(t);
    const first = await record('xa-am1', { customerId: customer.id, score: 6, note: '网络偶有波动' });
    expect(first.userErrors).toEqual([]);
    expect(first.satisfactionSurvey).toMatchObject({ period: `${now.year}-Q${now.quarter}`, score: 6, recordedBy: { employeeNo: 'xa-am1' }, customer: { id: customer.id } });
    expectUserError(await record('xa-am1', { customerId: customer.id, score: 8 }), 'ALREADY_EXISTS', 'period');
    const replaced = await record('xa-leader', { customerId: customer.id, score: 8, replace: true });
    expect(replaced.satisfactionSurvey).toMatchObject({ id: first.satisfactionSurvey.id, score: 8, note: null, recordedBy: { employeeNo: 'xa-leader' } });
    // A different period is a different survey.
    expect((await record('xa-am1', { customerId: customer.id, period: { year: now.year } })).userErrors).toEqual([]);
    const seen = dataOf(
      await t.gql('xa-am1', `query($id: ID!, $p: ServicePeriodInput!) { node(id: $id) { ... on GroupCustomer { satisfaction(period: $p) { score } } } }`, { id: customer.id, p: QUARTER }),
    ).node;
    expect(seen.satisfaction).toEqual({ score: 8 });
  });

  it('of two people recording the same customer and period at once, exactly one wins', async () => {
    const customer = await cityCustomer(t);
    const results = await Promise.all([7, 8, 9].map((score) => record(score === 8 ? 'xa-leader' : 'xa-am1', { customerId: customer.id, score })));
    expect(results.filter((r) => r.userErrors.length === 0)).toHaveLength(1);
    for (const lost of results.filter((r) => r.userErrors.length)) expect(lost.userErrors.map((e: { code: string }) => e.code)).toEqual(['ALREADY_EXISTS']);
  });

  it('refuses a bad score, a period not yet begun, a customer out of scope', async () => {
    const customer = await cityCustomer(t);
    expectUserError(await record('xa-am1', { customerId: customer.id, score: 11 }), 'VALIDATION', 'score');
    expectUserError(await record('xa-am1', { customerId: customer.id, period: { year: now.year + 1, quarter: 1 } }), 'VALIDATION', 'period');
    expectUserError(await record('bj-am1', { customerId: customer.id }), 'NOT_FOUND', 'customerId');
    expectUserError(await record('p-huaxin', { customerId: customer.id }), 'NOT_FOUND', 'customerId');
  });

  it('the report averages scores by grade and region against the target in the rules', async () => {
    const scores: [string, string, number][] = [
      ['A1', '6101', 10],
      ['A1', '6101', 8],
      ['C', '6101', 6],
    ];
    for (const [grade, region, score] of scores) {
      const customer = await mustCreateCustomer(t, 'xa-am2', { name: `满意度客户${grade}${score}`, grade, regionId: await regionId(t, region) });
      expect((await record('xa-am2', { customerId: customer.id, score, period: EARLIER })).userErrors).toEqual([]);
    }
    const p = EARLIER;
    const byGrade = dataOf(await t.gql('xa-am2', REPORT, { p, by: 'GRADE' })).satisfactionReport;
    expect(byGrade).toMatchObject({ target: 8.5, surveyed: 3, averageScore: 8, meetsTarget: false });
    expect(byGrade.rows).toEqual([
      { surveyed: 2, averageScore: 9, meetsTarget: true, grade: 'A1', region: null },
      { surveyed: 1, averageScore: 6, meetsTarget: false, grade: 'C', region: null },
    ]);
    const byRegion = dataOf(await t.gql('sx-leader', REPORT, { p, by: 'REGION' })).satisfactionReport;
    expect(byRegion.rows.find((r: { region: { code: string } }) => r.region.code === '6101')).toMatchObject({ surveyed: 3, averageScore: 8 });
    expect(dataOf(await t.gql('bj-leader', REPORT, { p, by: 'REGION' })).satisfactionReport).toMatchObject({ surveyed: 0, averageScore: null, rows: [] });
    expect(errorCodes(await t.gql('p-huaxin', REPORT, { p, by: 'GRADE' }))).toEqual(['FORBIDDEN']);
  });
});
