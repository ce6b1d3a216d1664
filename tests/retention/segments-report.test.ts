import { dataOf, errorCodes, expectUserError, startTestApp, TestApp } from '../support/harness';
import { cityCustomer, regionId } from '../opportunities/builders';
import { chinaDay, months, mustRecord, refresh } from './builders';

/*
 * DOMAIN.md: Retention — value segmentation 客户细分 by rules held as data
 * (admin-editable, versioned; each customer's segment says which rule put it
 * there), and the report: at risk, cases, outcomes, retention rate and
 * 中高端客户保有率, consistent with the lists.
 */

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const customer = (input: Record<string, unknown> = {}) => cityCustomer(t, { name: `细分测试${Math.random().toString(36).slice(2, 7)}`, ...input });
const SEGMENT = `query($id: ID!) { node(id: $id) { ... on GroupCustomer { segment { code name rule version } } } }`;
const segmentOf = async (id: string) => dataOf(await t.gql('xa-am1', SEGMENT, { id })).node.segment;
const RULES = `{ segmentRules { version rules { code name minRevenue minGrowthPercent maxGrowthPercent minProductLines reads } } }`;
const UPDATE = `mutation($input: UpdateSegmentRulesInput!) { updateSegmentRules(input: $input) { segmentRules { version rules { code reads } changedBy { employeeNo } } userErrors { code message field } } }`;

describe('segmentation 客户细分', () => {
  it('the first matching rule of the version in force places the customer, and says so', async () => {
    const growing = await customer();
    const declining = await customer();
    const small = await customer();
    await mustRecord(t, [
      ...months(growing.code, -12, -7, '100000.00'),
      ...months(growing.code, -6, -1, '120000.00'),
      ...months(declining.code, -12, -7, '5000.00'),
      ...months(declining.code, -6, -1, '3000.00'),
      ...months(small.code, -12, -1, '2000.00'),
    ]);
    expect(await segmentOf(growing.id)).toEqual({ code: 'HIGH_VALUE_GROWTH', name: '高价值成长', rule: 'rule 1 of version 1: revenue ≥ 100,000.00 and 6-month growth ≥ 10%', version: 1 });
    expect(await segmentOf(declining.id)).toMatchObject({ code: 'DECLINING', rule: 'rule 3 of version 1: 6-month growth ≤ -20%' });
    expect(await segmentOf(small.id)).toMatchObject({ code: 'STANDARD', rule: 'rule 6 of version 1: every customer' });
  });

  it('admins put a new version in force; every customer is re-segmented at once and the filter follows', async () => {
    const big = await customer();
    const little = await customer();
    await mustRecord(t, [...months(big.code, -2, -1, '60000.00'), ...months(little.code, -2, -1, '100.00')]);
    const current = dataOf(await t.gql('xa-am1', RULES)).segmentRules;
    expect(current.rules[0]).toMatchObject({ code: 'HIGH_VALUE_GROWTH', minRevenue: '100000.00', minGrowthPercent: 10 });

    const input = {
      expectedVersion: current.version,
      note: '季度细分调整',
      rules: [
        { code: 'big', name: '大客户', minRevenue: '50000' },
        { code: 'REST', name: '其他' },
      ],
    };
    expect(errorCodes(await t.gql('xa-leader', UPDATE, { input }))).toEqual(['FORBIDDEN']);
    expectUserError(dataOf(await t.gql('admin', UPDATE, { input: { ...input, rules: [input.rules[0], { code: 'BIG', name: '重复' }] } })).updateSegmentRules, 'VALIDATION', 'rules.1.code');
    expectUserError(dataOf(await t.gql('admin', UPDATE, { input: { ...input, rules: [{ code: 'X', name: '坏', minRevenue: '-1' }] } })).updateSegmentRules, 'VALIDATION', 'rules.0.minRevenue');
    const next = dataOf(await t.gql('admin', UPDATE, { input })).updateSegmentRules;
    expect(next.userErrors).toEqual([]);
    expect(next.segmentRules).toEqual({
      version: current.version + 1,
      rules: [
        { code: 'BIG', reads: 'revenue ≥ 50,000.00' },
        { code: 'REST', reads: 'every customer' },
      ],
      changedBy: { employeeNo: 'admin' },
    });
    expectUserError(dataOf(await t.gql('admin', UPDATE, { input })).updateSegmentRules, 'VERSION_CONFLICT', 'expectedVersion');

    expect(await segmentOf(big.id)).toMatchObject({ code: 'BIG', version: current.version + 1 });
    expect(await segmentOf(little.id)).toMatchObject({ code: 'REST' });
    const filtered = async (segments: string[]) =>
      dataOf(await t.gql('xa-am1', `query($s: [String!]) { groupCustomers(first: 100, filter: { segments: $s }) { nodes { id } } }`, { s: segments })).groupCustomers.nodes.map(
        (n: { id: string }) => n.id,
      );
    expect(await filtered(['big'])).toContain(big.id);
    expect(await filtered(['BIG'])).not.toContain(little.id);
    expect(await filtered(['REST'])).toContain(little.id);
  });
});

describe('retention report 流失分析', () => {
  const REPORT = `query($p: PeriodInput!, $by: RetentionReportBy!) { retentionReport(period: $p, by: $by) { from to
    rows { region { code } grade month atRisk highRisk casesOpened retained lost abandoned retentionRate highEndAtStart highEndKept highEndRetentionRate }
    total { atRisk highRisk casesOpened retained lost abandoned retentionRate highEndAtStart highEndKept highEndRetentionRate } } }`;
  const REPORT_IN = REPORT.replace('$by: RetentionReportBy!)', '$by: RetentionReportBy!, $r: ID)').replace('by: $by)', 'by: $by, regionId: $r)');
  const CASE = `retentionCase { id } userErrors { code message }`;
  const period = { from: chinaDay(-30), to: chinaDay() };

  it('counts what the lists show, and 中高端客户保有率 over A and B grades in service at the start', async () => {
    const uuid = (id: string) => Buffer.from(id, 'base64').toString().split(':')[1];
    const kept = [];
    for (const grade of ['A2', 'B1', 'B2', 'C']) kept.push(await customer({ grade }));
    const lostOne = await customer({ grade: 'B1' });
    // They were customers well before the period.
    for (const c of [...kept, lostOne]) {
      await t.db.query(`UPDATE group_customer SET created_at = now() - interval '60 days' WHERE id = $1`, [uuid(c.id)]);
      await t.db.query(`UPDATE customer_change SET at = now() - interval '60 days' WHERE customer_id = $1`, [uuid(c.id)]);
    }
    const open = async (c: { id: string }) =>
      dataOf(await t.gql('xa-am1', `mutation($i: OpenRetentionCaseInput!) { openRetentionCase(input: $i) { ${CASE} } }`, { i: { customerId: c.id } })).openRetentionCase.retentionCase.id;
    const close = async (caseId: string, input: Record<string, unknown>) =>
      expect(dataOf(await t.gql('xa-am1', `mutation($i: CloseRetentionCaseInput!) { closeRetentionCase(input: $i) { ${CASE} } }`, { i: { caseId, ...input } })).closeRetentionCase.userErrors).toEqual(
        [],
      );
    await close(await open(lostOne), { outcome: 'LOST', lossReason: 'PRICE' });
    await close(await open(kept[0]), { outcome: 'RETAINED' });
    await close(await open(kept[1]), { outcome: 'ABANDONED', abandonReason: 'LOW_VALUE' });
    await open(kept[2]);
    await t.gql('xa-am1', `mutation($input: UpdateGroupCustomerInput!) { updateGroupCustomer(input: $input) { userErrors { code } } }`, { input: { id: kept[3].id, status: 'DORMANT' } });
    await refresh(t);

    const report = dataOf(await t.gql('xa-leader', REPORT, { p: period, by: 'GRADE' })).retentionReport;
    const atRisk = dataOf(await t.gql('xa-leader', `{ atRiskCustomers(first: 1) { totalCount } high: atRiskCustomers(first: 1, filter: { level: HIGH }) { totalCount } }`));
    const cases = async (filter: Record<string, unknown>) =>
      dataOf(await t.gql('xa-leader', `query($f: RetentionCaseFilter) { retentionCases(first: 1, filter: $f) { totalCount } }`, { f: filter })).retentionCases.totalCount;
    expect(report.total).toMatchObject({
      atRisk: atRisk.atRiskCustomers.totalCount,
      highRisk: atRisk.high.totalCount,
      casesOpened: await cases({ openedFrom: period.from, openedTo: period.to }),
      retained: await cases({ outcome: 'RETAINED', closedFrom: period.from, closedTo: period.to }),
      lost: await cases({ outcome: 'LOST', closedFrom: period.from, closedTo: period.to }),
      abandoned: await cases({ outcome: 'ABANDONED', closedFrom: period.from, closedTo: period.to }),
      highEndAtStart: 4,
      highEndKept: 3,
      highEndRetentionRate: 0.75,
    });
    expect(report.total.casesOpened).toBeGreaterThanOrEqual(4);
    expect(report.total.retentionRate).toBeCloseTo(report.total.retained / (report.total.retained + report.total.lost), 4);
    expect(report.rows.find((r: { grade: string }) => r.grade === 'B1')).toMatchObject({ highEndAtStart: 2, highEndKept: 1, highEndRetentionRate: 0.5 });
    const sum = (key: string) => report.rows.reduce((acc: number, r: Record<string, number>) => acc + (r[key] ?? 0), 0);
    for (const key of ['atRisk', 'casesOpened', 'retained', 'lost', 'abandoned', 'highEndAtStart', 'highEndKept']) expect(sum(key)).toBe(report.total[key]);

    const byRegion = dataOf(await t.gql('sx-leader', REPORT, { p: period, by: 'REGION' })).retentionReport;
    expect(byRegion.rows.map((r: { region: { code: string } }) => r.region.code)).toContain('6101');
    // By region a leader's risk is counted from the region path each risk carries, by grade through the customers: the same figures.
    const xaByRegion = dataOf(await t.gql('xa-leader', REPORT, { p: period, by: 'REGION' })).retentionReport;
    expect(xaByRegion.total).toEqual(report.total);
    const xaFromAbove = dataOf(await t.gql('sx-leader', REPORT_IN, { p: period, by: 'REGION', r: await regionId(t, '6101') })).retentionReport;
    expect(xaFromAbove.total).toEqual(report.total);
    const outside = dataOf(await t.gql('bj-leader', REPORT_IN, { p: period, by: 'REGION', r: await regionId(t, '6101') })).retentionReport;
    expect(outside.total).toMatchObject({ atRisk: 0, highRisk: 0, casesOpened: 0, highEndAtStart: 0 });
    const byMonth = dataOf(await t.gql('xa-leader', REPORT, { p: period, by: 'MONTH' })).retentionReport;
    expect(byMonth.total).toEqual(report.total);
    expect(byMonth.rows.every((r: { highEndAtStart: number | null }) => r.highEndAtStart === null)).toBe(true);

    expect(errorCodes(await t.gql('p-huaxin', REPORT, { p: period, by: 'GRADE' }))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await t.gql('xa-support', REPORT, { p: period, by: 'GRADE' }))).toEqual(['FORBIDDEN']);
  });
});
