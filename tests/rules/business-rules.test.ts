import { randomUUID } from 'node:crypto';
import { businessRuleDefaults, completeRules } from '../../src/modules/rules/rule-sections';
import { dataOf, errorCodes, expectUserError, startTestApp, TestApp } from '../support/harness';
import { cityCustomer, mustDecide, opportunityIn, reportOpportunity, uuidOf } from '../opportunities/builders';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const RULES = `{ businessRules { version changedAt note changedBy { employeeNo } opportunity { protectionWindowDays provinceStepThreshold stepDueHours } followThrough { stallDays } } }`;
const UPDATE = `mutation($input: UpdateBusinessRulesInput!) { updateBusinessRules(input: $input) {
  businessRules { version note changedBy { employeeNo } opportunity { protectionWindowDays provinceStepThreshold stepDueHours } followThrough { stallDays } }
  userErrors { code message field } } }`;

const current = async () => dataOf(await t.gql('admin', RULES)).businessRules;
const update = async (as: string, input: Record<string, unknown>) => {
  const res = await t.gql(as, UPDATE, { input });
  return res;
};
const mustUpdate = async (input: Record<string, unknown>) => {
  const payload = dataOf(await update('admin', { expectedVersion: (await current()).version, ...input })).updateBusinessRules;
  expect(payload.userErrors).toEqual([]);
  return payload.businessRules;
};
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

describe('business rules 业务规则 as versioned data', () => {
  // Every test changes rules from the version in force, so order does not matter; the defaults test reads version 1 itself.
  it('version 1 is the defaults of DOMAIN.md, exactly as the code states them', async () => {
    const [row] = await t.db.query(`SELECT rules, changed_by_id FROM business_rule_set WHERE version = 1`);
    // Sections added after version 1 was stored (retention) read as their defaults.
    expect(completeRules(row.rules)).toEqual(businessRuleDefaults);
    expect(row.rules.retention).toBeUndefined();
    expect(row.changed_by_id).toBeNull();
    expect(businessRuleDefaults).toEqual({
      opportunity: { protectionWindowDays: 90, provinceStepThreshold: '5000000.00', stepDueHours: 72 },
      followThrough: { stallDays: 14 },
      service: { criticalComplaintHours: 4, majorComplaintHours: 24, minorComplaintHours: 72, keyAccountDeadlineFactor: 0.5, satisfactionTarget: 8.5 },
      retention: {
        revenueDropPercent: 30,
        revenueWindowMonths: 3,
        contractExpiringDays: 90,
        rivalLostDays: 180,
        rivalRenewalDays: 90,
        dormantZeroRevenueMonths: 3,
        keyContactLeftDays: 180,
        highRiskSignals: 3,
      },
    });
  });

  it('internal users read the rules in force; partners do not', async () => {
    const rules = await current();
    expect(dataOf(await t.gql('xa-am1', RULES)).businessRules).toEqual(rules);
    expect(errorCodes(await t.gql('p-huaxin', RULES))).toEqual(['FORBIDDEN']);
  });

  it('only an admin changes them; a change keeps every other value, records who, when and why, and shows in the history', async () => {
    const before = await current();
    expect(errorCodes(await update('xa-leader', { expectedVersion: before.version, followThrough: { stallDays: 10 } }))).toEqual(['FORBIDDEN']);
    const after = await mustUpdate({ note: '季度复盘: 停滞提前预警', followThrough: { stallDays: 10 } });
    expect(after).toMatchObject({ version: before.version + 1, note: '季度复盘: 停滞提前预警', changedBy: { employeeNo: 'admin' }, followThrough: { stallDays: 10 }, opportunity: before.opportunity });
    expect(await current()).toMatchObject({ version: after.version, followThrough: { stallDays: 10 } });
    const history = dataOf(await t.gql('xa-leader', `{ businessRuleHistory(first: 2) { nodes { version followThrough { stallDays } } } }`)).businessRuleHistory.nodes;
    expect(history).toEqual([
      { version: after.version, followThrough: { stallDays: 10 } },
      { version: before.version, followThrough: before.followThrough },
    ]);
    expect(errorCodes(await t.gql('xa-am1', `{ businessRuleHistory(first: 2) { nodes { version } } }`))).toEqual(['FORBIDDEN']);
    await mustUpdate({ followThrough: { stallDays: before.followThrough.stallDays } });
  });

  it('refuses out-of-range values, an empty change and a stale version, naming the field, and writes nothing', async () => {
    const { version } = await current();
    const bad = async (input: Record<string, unknown>) => dataOf(await update('admin', { expectedVersion: version, ...input })).updateBusinessRules;
    expectUserError(await bad({ followThrough: { stallDays: 0 } }), 'VALIDATION', 'followThrough.stallDays');
    expectUserError(await bad({ opportunity: { stepDueHours: 10_000 } }), 'VALIDATION', 'opportunity.stepDueHours');
    expectUserError(await bad({ opportunity: { provinceStepThreshold: '-1.00' } }), 'VALIDATION', 'opportunity.provinceStepThreshold');
    expectUserError(await bad({ note: '什么都不改' }), 'VALIDATION');
    expectUserError(dataOf(await update('admin', { expectedVersion: version - 1, followThrough: { stallDays: 20 } })).updateBusinessRules, 'VERSION_CONFLICT', 'expectedVersion');
    expectUserError(dataOf(await update('admin', { expectedVersion: version + 1, followThrough: { stallDays: 20 } })).updateBusinessRules, 'VERSION_CONFLICT', 'expectedVersion');
    expect((await current()).version).toBe(version);
  });

  it('of two admins changing the same version at once, exactly one wins; the other is told to reload', async () => {
    const { version } = await current();
    const results = await Promise.all([15, 16, 17, 18].map(async (stallDays) => dataOf(await update('admin', { expectedVersion: version, followThrough: { stallDays } })).updateBusinessRules));
    const won = results.filter((r) => r.userErrors.length === 0);
    expect(won).toHaveLength(1);
    for (const lost of results.filter((r) => r.userErrors.length > 0)) expect(lost.userErrors.map((e: { code: string }) => e.code)).toEqual(['VERSION_CONFLICT']);
    expect(await current()).toMatchObject({ version: version + 1, followThrough: won[0].businessRules.followThrough });
    await mustUpdate({ followThrough: { stallDays: businessRuleDefaults.followThrough.stallDays } });
  });
});

describe('decisions record the rule version they used', () => {
  it('an approval step is due after the step hours in force when it opened, and keeps them when the rule changes', async () => {
    const early = await opportunityIn(t, 'PENDING_APPROVAL', (await cityCustomer(t)).id);
    const rules = await mustUpdate({ opportunity: { stepDueHours: 24 } });
    const late = await opportunityIn(t, 'PENDING_APPROVAL', (await cityCustomer(t)).id);
    const step = async (code: string) =>
      dataOf(await t.gql('xa-leader', `query($code: String!) { opportunity(code: $code) { currentStep { dueAt createdAt ruleVersion } } }`, { code })).opportunity.currentStep;
    const lateStep = await step(late.code);
    expect(Math.round((Date.parse(lateStep.dueAt) - Date.parse(lateStep.createdAt)) / HOUR)).toBe(24);
    expect(lateStep.ruleVersion).toBe(rules.version);
    const earlyStep = await step(early.code);
    expect(Math.round((Date.parse(earlyStep.dueAt) - Date.parse(earlyStep.createdAt)) / HOUR)).toBe(72);
    expect(earlyStep.ruleVersion).toBeLessThan(rules.version);
    await mustUpdate({ opportunity: { stepDueHours: 72 } });
  });

  it('the route is built with the province-step threshold in force at acceptance, and records that version', async () => {
    const rules = await mustUpdate({ opportunity: { provinceStepThreshold: '100000.00' } });
    const o = await opportunityIn(t, 'PENDING_APPROVAL', (await cityCustomer(t)).id, { estimatedAmount: '120000.00' });
    const read = async () => dataOf(await t.gql('xa-leader', `query($code: String!) { opportunity(code: $code) { routeRuleVersion ruleVersion } }`, { code: o.code })).opportunity;
    expect((await read()).routeRuleVersion).toBe(rules.version);
    const [{ approval_route: route }] = await t.db.query(`SELECT approval_route FROM opportunity WHERE id = $1`, [uuidOf(o.id)]);
    expect(route.map((s: { approverRole: string }) => s.approverRole)).toEqual(['CITY_LEADER', 'PROVINCE_LEADER']);
    // Raising the threshold again does not reroute the opportunity already in approval: the city leader's approval opens the province step.
    await mustUpdate({ opportunity: { provinceStepThreshold: '5000000.00' } });
    const decided = await mustDecide(t, 'xa-leader', { stepId: o.currentStep.id, decision: 'APPROVE' });
    expect(decided.opportunity).toMatchObject({ stage: 'PENDING_APPROVAL', currentStep: { approverRole: 'PROVINCE_LEADER' } });
    expect((await read()).routeRuleVersion).toBe(rules.version);
  });

  it('a partner registration protects for the window in force when it was made; a later change moves only later ones', async () => {
    const customer = await cityCustomer(t);
    const rules = await mustUpdate({ opportunity: { protectionWindowDays: 30 } });
    const first = await reportOpportunity(t, 'p-huaxin', { customerId: customer.id, idempotencyKey: randomUUID(), products: ['CLOUD'] });
    expect(first.userErrors).toEqual([]);
    const o = first.opportunity;
    expect(Math.round((Date.parse(o.protectedUntil) - Date.parse(o.registeredAt)) / DAY)).toBe(30);
    await mustUpdate({ opportunity: { protectionWindowDays: 90 } });
    const again = dataOf(await t.gql('p-huaxin', `query($code: String!) { opportunity(code: $code) { protectedUntil ruleVersion } }`, { code: o.code })).opportunity;
    expect(again).toEqual({ protectedUntil: o.protectedUntil, ruleVersion: rules.version });
    const [attempt] = dataOf(await t.gql('p-huaxin', `{ myRegistrations(first: 1) { nodes { protectedUntil ruleVersion } } }`)).myRegistrations.nodes;
    expect(attempt).toEqual({ protectedUntil: o.protectedUntil, ruleVersion: rules.version });
    // The 30-day window is what protects: 31 days on, the same line can be registered again.
    await t.db.query(`UPDATE opportunity SET registered_at = registered_at - interval '31 days', protected_until = protected_until - interval '31 days' WHERE id = $1`, [uuidOf(o.id)]);
    const second = await reportOpportunity(t, 'p-zhilian', { customerId: customer.id, idempotencyKey: randomUUID(), products: ['CLOUD'] });
    expect(second.userErrors).toEqual([]);
    expect(Math.round((Date.parse(second.opportunity.protectedUntil) - Date.parse(second.opportunity.registeredAt)) / DAY)).toBe(90);
  });

  it('stalled 停滞 reads the stall days in force', async () => {
    const o = await opportunityIn(t, 'IN_PROGRESS', (await cityCustomer(t)).id);
    await t.db.query(`UPDATE opportunity SET approved_at = now() - interval '5 days', last_follow_up_at = NULL WHERE id = $1`, [uuidOf(o.id)]);
    const stalled = async () => dataOf(await t.gql('xa-am1', `query($code: String!) { opportunity(code: $code) { stalled } }`, { code: o.code })).opportunity.stalled;
    const listed = async () =>
      dataOf(await t.gql('xa-am1', `{ opportunities(first: 100, filter: { stalled: true }) { nodes { code } } }`)).opportunities.nodes.some((n: { code: string }) => n.code === o.code);
    expect([await stalled(), await listed()]).toEqual([false, false]);
    await mustUpdate({ followThrough: { stallDays: 3 } });
    expect([await stalled(), await listed()]).toEqual([true, true]);
    await mustUpdate({ followThrough: { stallDays: 14 } });
  });
});
