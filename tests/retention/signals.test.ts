import { dataOf, startTestApp, TestApp } from '../support/harness';
import { cityCustomer, inDays, mustCreateOpportunity, opportunityIn } from '../opportunities/builders';
import { CREATE_CONTACT } from '../contacts/builders';
import { chinaDay, month, months, mustRecord, refresh, riskOf, signalOf } from './builders';

/*
 * DOMAIN.md: Retention — each churn-risk signal is computed from raw rows
 * with specific evidence; the level follows from the signals and the grade;
 * thresholds are data; the same inputs give the same level.
 */

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const customer = (input: Record<string, unknown> = {}) => cityCustomer(t, { name: `流失测试${Math.random().toString(36).slice(2, 7)}`, ...input });

async function updateCustomer(id: string, input: Record<string, unknown>) {
  const res = await t.gql('xa-am1', `mutation($input: UpdateGroupCustomerInput!) { updateGroupCustomer(input: $input) { groupCustomer { status } userErrors { code message } } }`, {
    input: { id, ...input },
  });
  expect(dataOf(res).updateGroupCustomer.userErrors).toEqual([]);
}

describe('churn-risk signals 流失信号, each from raw rows', () => {
  it('REVENUE_DROP: the last 3 billed months average 30% or more below the 3 before', async () => {
    const c = await customer();
    await mustRecord(t, [...months(c.code, -6, -4, '68900.00'), ...months(c.code, -3, -1, '41200.00')]);
    expect(await signalOf(t, c, 'REVENUE_DROP')).toEqual({ kind: 'REVENUE_DROP', since: `${month(-3)}-01`, evidence: 'avg 3 months 41,200.00 vs 68,900.00 before: −40%' });

    const steady = await customer();
    await mustRecord(t, [...months(steady.code, -6, -4, '10000.00'), ...months(steady.code, -3, -1, '7100.00')]);
    expect(await signalOf(t, steady, 'REVENUE_DROP')).toBeNull();
  });

  it('CONTRACT_EXPIRING: a contract ends within 90 days and no renewal opportunity is open for its line', async () => {
    const c = await customer();
    const signedOn = new Date(Date.parse(inDays(45)) - 0);
    signedOn.setUTCFullYear(signedOn.getUTCFullYear() - 1);
    await opportunityIn(t, 'WON', c.id, {}, { termMonths: 12, signedOn: signedOn.toISOString().slice(0, 10), number: `HT-XQ-${Date.now()}` });
    const signal = await signalOf(t, c, 'CONTRACT_EXPIRING');
    expect(signal.evidence).toMatch(/^contract HT-XQ-\d+ \(INTERNET_LINE\) ends \d{4}-\d{2}-\d{2}, in (44|45) days; no renewal opportunity open$/);
    expect(signal.since).toBe(chinaDay(signal.evidence.includes('in 45 days') ? -45 : -46));

    await mustCreateOpportunity(t, 'xa-am1', { customerId: c.id, title: '专线续约', products: ['INTERNET_LINE'] });
    expect(await signalOf(t, c, 'CONTRACT_EXPIRING')).toBeNull();
  });

  it('RIVAL_ACTIVE: a COMPETITOR opportunity lost, or a rival contract at the customer renewing', async () => {
    const c = await customer();
    const competitor = { carrier: 'CHINA_TELECOM', product: '天翼专线 100M', monthlyFee: '3800.00', bandwidthMbps: 100, contractExpiresOn: inDays(200) };
    const lost = await opportunityIn(t, 'LOST', c.id, { category: 'COMPETITOR', competitor });
    expect(await signalOf(t, c, 'RIVAL_ACTIVE')).toEqual({ kind: 'RIVAL_ACTIVE', since: chinaDay(), evidence: `competitor opportunity ${lost.code} lost to CHINA_TELECOM on ${chinaDay()}` });

    const other = await customer();
    const renewing = await mustCreateOpportunity(t, 'xa-am1', {
      customerId: other.id,
      category: 'COMPETITOR',
      competitor: { ...competitor, carrier: 'CHINA_UNICOM', product: 'SD-WAN', contractExpiresOn: chinaDay(30) },
    });
    expect(await signalOf(t, other, 'RIVAL_ACTIVE')).toEqual({
      kind: 'RIVAL_ACTIVE',
      since: chinaDay(-60),
      evidence: `CHINA_UNICOM contract (SD-WAN) renews ${chinaDay(30)}, in 30 days (${renewing.code})`,
    });
  });

  it('KEY_CARE_OVERDUE: a MANAGEMENT or KEY_PERSON contact overdue for care; others do not count', async () => {
    const c = await customer();
    const add = async (name: string, careLevel: string) =>
      expect(dataOf(await t.gql('xa-am1', CREATE_CONTACT, { input: { customerId: c.id, name, title: '主任', careLevel } })).createContact.userErrors).toEqual([]);
    await add('联络员小张', 'LIAISON');
    expect(await signalOf(t, c, 'KEY_CARE_OVERDUE')).toBeNull();
    await add('王强', 'MANAGEMENT');
    expect(await signalOf(t, c, 'KEY_CARE_OVERDUE')).toEqual({ kind: 'KEY_CARE_OVERDUE', since: chinaDay(), evidence: '1 key contact overdue for care: 王强 (MANAGEMENT, never cared for)' });
  });

  it('KEY_CONTACT_LEFT: a MANAGEMENT or KEY_PERSON contact who left 离职 lately; a liaison leaving does not count', async () => {
    const c = await customer();
    const add = async (name: string, careLevel: string) => {
      const payload = dataOf(await t.gql('xa-am1', CREATE_CONTACT, { input: { customerId: c.id, name, title: '处长', careLevel } })).createContact;
      expect(payload.userErrors).toEqual([]);
      return payload.contact.id as string;
    };
    const leave = async (id: string, leftOn: string) =>
      expect(
        dataOf(await t.gql('xa-am1', `mutation($input: MarkContactLeftInput!) { markContactLeft(input: $input) { userErrors { code message } } }`, { input: { id, leftOn } })).markContactLeft
          .userErrors,
      ).toEqual([]);
    await leave(await add('联络员小刘', 'LIAISON'), chinaDay(-3));
    expect(await signalOf(t, c, 'KEY_CONTACT_LEFT')).toBeNull();
    await leave(await add('李华', 'KEY_PERSON'), chinaDay(-10));
    expect(await signalOf(t, c, 'KEY_CONTACT_LEFT')).toEqual({ kind: 'KEY_CONTACT_LEFT', since: chinaDay(-10), evidence: `1 key contact left: 李华 (KEY_PERSON, left ${chinaDay(-10)})` });
    // Long gone is history, not a signal (keyContactLeftDays, default 180).
    const old = await customer();
    const gone = dataOf(await t.gql('xa-am1', CREATE_CONTACT, { input: { customerId: old.id, name: '老领导', title: '局长', careLevel: 'MANAGEMENT' } })).createContact.contact.id;
    await t.gql('xa-am1', `mutation($input: MarkContactLeftInput!) { markContactLeft(input: $input) { userErrors { code } } }`, { input: { id: gone, leftOn: chinaDay(-200) } });
    expect(await signalOf(t, old, 'KEY_CONTACT_LEFT')).toBeNull();
  });

  it('OPEN_COMPLAINT: an open complaint past its deadline; one resolved or still in time does not count', async () => {
    const c = await customer();
    const record = async (severity: string) =>
      dataOf(
        await t.gql('xa-am1', `mutation($input: RecordComplaintInput!) { recordComplaint(input: $input) { complaint { id code } userErrors { code message } } }`, {
          input: { customerId: c.id, channel: 'PHONE', category: 'NETWORK', severity, description: '专线中断' },
        }),
      ).recordComplaint.complaint;
    const late = await record('MAJOR');
    await record('MINOR');
    expect(await signalOf(t, c, 'OPEN_COMPLAINT')).toBeNull();
    await t.db.query(`UPDATE complaint SET due_at = now() - interval '2 hours' WHERE code = $1`, [late.code]);
    const [{ due }] = await t.db.query(`SELECT to_char(due_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI') AS due FROM complaint WHERE code = $1`, [late.code]);
    expect(await signalOf(t, c, 'OPEN_COMPLAINT')).toEqual({
      kind: 'OPEN_COMPLAINT',
      since: due.slice(0, 10),
      evidence: `1 open complaint past deadline: ${late.code} (MAJOR, due ${due})`,
    });
  });

  it('DORMANT: the DORMANT status, or nothing billed for 3 months after earlier revenue', async () => {
    const c = await customer();
    await updateCustomer(c.id, { status: 'DORMANT' });
    expect(await signalOf(t, c, 'DORMANT')).toEqual({ kind: 'DORMANT', since: chinaDay(), evidence: `status DORMANT since ${chinaDay()}` });

    const silent = await customer();
    await mustRecord(t, [...months(silent.code, -6, -4, '5000.00'), ...months(silent.code, -3, -1, '0')]);
    expect(await signalOf(t, silent, 'DORMANT')).toEqual({ kind: 'DORMANT', since: `${month(-3)}-01`, evidence: `nothing billed in the 3 months to ${month(-1)} (earlier up to 5,000.00 a month)` });
  });
});

describe('risk level 流失风险等级', () => {
  it('LOW without signals, MEDIUM with one or two, HIGH with three; any signal on A1/A2 is HIGH', async () => {
    const c = await customer();
    await refresh(t, [c.id]);
    expect(await riskOf(t, c.id)).toMatchObject({ level: 'LOW', signals: [] });

    await updateCustomer(c.id, { status: 'DORMANT' });
    await refresh(t, [c.id]);
    expect((await riskOf(t, c.id)).level).toBe('MEDIUM');

    await mustRecord(t, [...months(c.code, -6, -4, '20000.00'), ...months(c.code, -3, -1, '1000.00')]);
    expect((await riskOf(t, c.id)).signals.map((s: { kind: string }) => s.kind)).toEqual(['REVENUE_DROP', 'DORMANT']);
    expect((await riskOf(t, c.id)).level).toBe('MEDIUM');
    await t.gql('xa-am1', CREATE_CONTACT, { input: { customerId: c.id, name: '李总', title: '总经理', careLevel: 'KEY_PERSON' } });
    await refresh(t, [c.id]);
    const high = await riskOf(t, c.id);
    expect(high.level).toBe('HIGH');
    expect(high.signals.map((s: { kind: string }) => s.kind)).toEqual(['REVENUE_DROP', 'KEY_CARE_OVERDUE', 'DORMANT']);

    const strategic = await customer({ grade: 'A1' });
    await updateCustomer(strategic.id, { status: 'DORMANT' });
    await refresh(t, [strategic.id]);
    expect((await riskOf(t, strategic.id)).level).toBe('HIGH');
  });

  it('the same inputs give the same level and evidence', async () => {
    const c = await customer();
    await mustRecord(t, [...months(c.code, -6, -4, '9000.00'), ...months(c.code, -3, -1, '3000.00')]);
    const first = await riskOf(t, c.id);
    await refresh(t, [c.id]);
    await refresh(t, [c.id]);
    expect(await riskOf(t, c.id)).toEqual(first);
  });

  it('thresholds are data: a higher drop threshold in the business rules clears the signal', async () => {
    const c = await customer();
    await mustRecord(t, [...months(c.code, -6, -4, '10000.00'), ...months(c.code, -3, -1, '6000.00')]);
    expect((await signalOf(t, c, 'REVENUE_DROP')).evidence).toBe('avg 3 months 6,000.00 vs 10,000.00 before: −40%');
    const version = dataOf(await t.gql('admin', `{ businessRules { version retention { revenueDropPercent } } }`)).businessRules;
    expect(version.retention.revenueDropPercent).toBe(30);
    const change = async (percent: number, expectedVersion: number) =>
      dataOf(
        await t.gql('admin', `mutation($input: UpdateBusinessRulesInput!) { updateBusinessRules(input: $input) { businessRules { version } userErrors { code } } }`, {
          input: { expectedVersion, retention: { revenueDropPercent: percent } },
        }),
      ).updateBusinessRules.businessRules.version;
    const next = await change(50, version.version);
    expect(await signalOf(t, c, 'REVENUE_DROP')).toBeNull();
    await change(30, next);
    expect(await signalOf(t, c, 'REVENUE_DROP')).not.toBeNull();
  });

  it('a customer not yet in the stored state is assessed on the spot by the same computation', async () => {
    const c = await customer();
    await updateCustomer(c.id, { status: 'DORMANT' });
    expect(await riskOf(t, c.id)).toMatchObject({ level: 'MEDIUM', signals: [{ kind: 'DORMANT' }] });
  });
});
