import { dataOf, errorCodes, startTestApp, TestApp } from '../support/harness';
import { cityCustomer, countyCustomer, mustAct, mustCreateOpportunity, mustDecide, opportunityIn, uuidOf } from './builders';
import { shanghaiDay } from './follow-through-builders';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const SLA = `query($p: PeriodInput!) { approvalSla(period: $p) { region { code } decided decidedWithinDue withinDueRate overdueNow medianHoursToDecide } }`;
const sla = async (as: string, from = shanghaiDay(-30), to = shanghaiDay(0)) => dataOf(await t.gql(as, SLA, { p: { from, to } })).approvalSla;
const rowOf = (rows: { region: { code: string } }[], code: string) => rows.find((r) => r.region.code === code);

/** Sets a step's opening, due and decision times, in hours before now. */
async function timeStep(stepId: string, openedHoursAgo: number, decidedHoursAgo: number | null) {
  await t.db.query(
    `UPDATE approval_step SET created_at = now() - make_interval(hours => $2), due_at = now() - make_interval(hours => $2) + interval '72 hours',
       decided_at = CASE WHEN $3::int IS NULL THEN NULL ELSE now() - make_interval(hours => $3::int) END WHERE id = $1`,
    [uuidOf(stepId), openedHoursAgo, decidedHoursAgo],
  );
}

describe('approval SLA 审批时效 per approver region', () => {
  beforeAll(async () => {
    const city = await cityCustomer(t);
    // 西安 (city leader): three decided in the period — in 10 h, in 30 h, and after 100 h (late) — and one pending for 80 h (overdue now).
    for (const [opened, decidedAfter] of [
      [200, 10],
      [300, 30],
      [400, 100],
    ]) {
      const o = await opportunityIn(t, 'PENDING_APPROVAL', city.id);
      await mustDecide(t, 'xa-leader', { stepId: o.currentStep.id, decision: 'APPROVE' });
      await timeStep(o.currentStep.id, opened, opened - decidedAfter);
    }
    const overdue = await opportunityIn(t, 'PENDING_APPROVAL', city.id);
    await timeStep(overdue.currentStep.id, 80, null);
    // one decided long before the period: not counted
    const old = await opportunityIn(t, 'PENDING_APPROVAL', city.id);
    await mustDecide(t, 'xa-leader', { stepId: old.currentStep.id, decision: 'REJECT', comment: '不符合' });
    await timeStep(old.currentStep.id, 24 * 90, 24 * 89);
    // 雁塔区 (county leader): one decided in 5 h
    let county = await mustCreateOpportunity(t, 'xa-yt-g1', { customerId: (await countyCustomer(t)).id });
    await mustAct(t, 'xa-yt-g1', 'submitOpportunity', { id: county.id });
    county = await mustAct(t, 'xa-support', 'evaluateOpportunity', { id: county.id, decision: 'ACCEPT' });
    await mustDecide(t, 'xa-yt-leader', { stepId: county.currentStep.id, decision: 'APPROVE' });
    await timeStep(county.currentStep.id, 50, 45);
  });

  it('counts decided, decided within due, overdue now and the median hours, per region, in one statement', async () => {
    const res = await t.gql('admin', SLA, { p: { from: shanghaiDay(-30), to: shanghaiDay(0) } });
    const rows = dataOf(res).approvalSla;
    expect(rowOf(rows, '6101')).toEqual({
      region: { code: '6101' },
      decided: 3,
      decidedWithinDue: 2,
      withinDueRate: 0.667,
      overdueNow: 1,
      medianHoursToDecide: 30,
    });
    expect(rowOf(rows, '610113')).toEqual({
      region: { code: '610113' },
      decided: 1,
      decidedWithinDue: 1,
      withinDueRate: 1,
      overdueNow: 0,
      medianHoursToDecide: 5,
    });
    // worst first
    expect(rows[0].region.code).toBe('6101');
    // the report itself is one aggregate; the regions come from one batched loader
    expect(res.sql).toBeLessThanOrEqual(3);
  });

  it('a period before anything was decided still shows what is overdue now', async () => {
    const rows = await sla('admin', shanghaiDay(-200), shanghaiDay(-150));
    expect(rows).toEqual([{ region: { code: '6101' }, decided: 0, decidedWithinDue: 0, withinDueRate: null, overdueNow: 1, medianHoursToDecide: null }]);
    expect(rowOf(await sla('admin', shanghaiDay(-95), shanghaiDay(-85)), '6101')).toMatchObject({ decided: 1, decidedWithinDue: 1 });
  });

  it('leaders see their region subtree, admins all; nobody else may run it', async () => {
    expect((await sla('xa-leader')).map((r: { region: { code: string } }) => r.region.code).sort()).toEqual(['6101', '610113']);
    expect((await sla('xa-yt-leader')).map((r: { region: { code: string } }) => r.region.code)).toEqual(['610113']);
    expect(await sla('bj-leader')).toEqual([]);
    expect((await sla('sx-leader')).length).toBe(2);
    for (const who of ['xa-am1', 'xa-support', 'p-huaxin']) {
      expect(errorCodes(await t.gql(who, SLA, { p: { from: shanghaiDay(-30), to: shanghaiDay(0) } }))).toEqual(['FORBIDDEN']);
    }
  });

  it('refuses a period that ends before it starts, or spans more than the configured days', async () => {
    expect(errorCodes(await t.gql('admin', SLA, { p: { from: shanghaiDay(0), to: shanghaiDay(-1) } }))).toEqual(['BAD_USER_INPUT']);
    expect(errorCodes(await t.gql('admin', SLA, { p: { from: shanghaiDay(-1200), to: shanghaiDay(0) } }))).toEqual(['BAD_USER_INPUT']);
  });
});
