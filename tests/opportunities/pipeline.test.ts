import { dataOf, startTestApp, TestApp } from '../support/harness';
import { cityCustomer, opportunityIn, regionId } from './builders';

/** 商机漏斗 — what a provincial manager watches: counts and amounts per stage, win rate, cycle time. */
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
  const customer = await cityCustomer(t);
  const plan: [string, string][] = [
    ['DRAFT', '100000.00'],
    ['SUBMITTED', '200000.50'],
    ['PENDING_APPROVAL', '300000.00'],
    ['IN_PROGRESS', '400000.25'],
    ['WON', '500000.00'],
    ['WON', '600000.00'],
    ['LOST', '700000.00'],
    ['CANCELLED', '800000.00'],
  ];
  for (const [stage, amount] of plan) await opportunityIn(t, stage, customer.id, { estimatedAmount: amount, title: `${stage} 商机` });
});
afterAll(() => t.close());

const REPORT = `query($f: PipelineFilter) { pipeline(filter: $f) { totalCount openAmount winRate averageCycleDays byStage { stage count amount } } }`;

describe('the pipeline report', () => {
  it('counts and sums every stage exactly, in lifecycle order, zeros included', async () => {
    const report = dataOf(await t.gql('xa-leader', REPORT)).pipeline;
    expect(report.byStage.map((s: { stage: string }) => s.stage)).toEqual(['DRAFT', 'SUBMITTED', 'PENDING_APPROVAL', 'APPROVED', 'IN_PROGRESS', 'WON', 'LOST', 'REJECTED', 'CANCELLED']);
    const stage = (name: string) => report.byStage.find((s: { stage: string }) => s.stage === name);
    expect(stage('WON')).toEqual({ stage: 'WON', count: 2, amount: '1100000.00' });
    expect(stage('APPROVED')).toEqual({ stage: 'APPROVED', count: 0, amount: '0.00' });
    expect(report.totalCount).toBe(8);
    expect(report.openAmount).toBe('1000000.75');
    expect(report.winRate).toBeCloseTo(2 / 3, 5);
    expect(report.averageCycleDays).toBeGreaterThanOrEqual(0);
    expect(report.averageCycleDays).toBeLessThan(1);
  });

  it("follows the viewer's scope and the filter", async () => {
    expect(dataOf(await t.gql('bj-leader', REPORT)).pipeline.totalCount).toBe(0);
    expect(dataOf(await t.gql('p-huaxin', REPORT)).pipeline.totalCount).toBe(0);
    const baoji = dataOf(await t.gql('sx-leader', REPORT, { f: { regionId: await regionId(t, '6103') } })).pipeline;
    expect(baoji).toMatchObject({ totalCount: 0, winRate: null, averageCycleDays: null, openAmount: '0.00' });
    const future = dataOf(await t.gql('sx-leader', REPORT, { f: { registeredFrom: '2999-01-01' } })).pipeline;
    expect(future.totalCount).toBe(0);
    const today = new Date().toISOString().slice(0, 10);
    expect(dataOf(await t.gql('sx-leader', REPORT, { f: { registeredFrom: today, registeredTo: today } })).pipeline.totalCount).toBe(8);
  });

  it('runs in a constant number of statements', async () => {
    const res = await t.gql('xa-leader', REPORT);
    expect(res.sql).toBeLessThanOrEqual(3);
  });
});
