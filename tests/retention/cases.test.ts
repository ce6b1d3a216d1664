import { dataOf, errorCodes, expectUserError, startTestApp, TestApp } from '../support/harness';
import { cityCustomer } from '../opportunities/builders';
import { mustCreateCustomer } from '../customers/builders';
import { deactivate, newStaff, staffId } from '../people/builders';
import { chinaDay, month, months, mustRecord, refresh, riskOf } from './builders';

/*
 * DOMAIN.md: Retention — retention cases 挽回: opened by hand or from a HIGH
 * risk, led by grade (分级挽回), actions logged, closed RETAINED / LOST /
 * ABANDONED; LOST churns the customer, RETAINED wins a churned one back; one
 * open case per customer.
 */

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const CASE = `id stage origin riskLevelAtOpen signalsAtOpen { kind evidence } outcome lossReason rivalCarrier abandonReason closeNote version
  lead { employeeNo } coLead { employeeNo } openedBy { employeeNo } closedBy { employeeNo } actions { kind occurredOn note recordedBy { employeeNo } }
  customer { id status churnReason }`;
const mutate = (name: string, inputType: string) => `mutation($input: ${inputType}!) { ${name}(input: $input) { retentionCase { ${CASE} } userErrors { code message field } } }`;
const OPEN = mutate('openRetentionCase', 'OpenRetentionCaseInput');
const ACCEPT = mutate('acceptRetentionProposal', 'AcceptRetentionProposalInput');
const LOG = mutate('logRetentionAction', 'LogRetentionActionInput');
const CLOSE = mutate('closeRetentionCase', 'CloseRetentionCaseInput');

async function run(as: string, document: string, input: Record<string, unknown>) {
  const data = dataOf(await t.gql(as, document, { input }));
  return Object.values(data)[0] as { retentionCase: any; userErrors: { code: string; message: string; field?: string[] }[] };
}
async function must(as: string, document: string, input: Record<string, unknown>) {
  const payload = await run(as, document, input);
  expect(payload.userErrors).toEqual([]);
  return payload.retentionCase;
}
const customer = (input: Record<string, unknown> = {}) => cityCustomer(t, { name: `挽回测试${Math.random().toString(36).slice(2, 7)}`, ...input });

/** A customer made HIGH: A1 with a DORMANT status. */
async function highRisk(input: Record<string, unknown> = {}) {
  const c = await customer({ grade: 'A1', ...input });
  await t.gql('xa-am1', `mutation($input: UpdateGroupCustomerInput!) { updateGroupCustomer(input: $input) { userErrors { code } } }`, { input: { id: c.id, status: 'DORMANT' } });
  await refresh(t, [c.id]);
  return c;
}

describe('retention cases 挽回', () => {
  it('A1/A2: the city leader leads with the account manager; others: the account manager', async () => {
    const a = await highRisk();
    const aCase = await must('xa-am1', ACCEPT, { customerId: a.id, note: '沉默客户, 立即慰留' });
    expect(aCase).toMatchObject({
      stage: 'OPEN',
      origin: 'PROPOSED',
      riskLevelAtOpen: 'HIGH',
      lead: { employeeNo: 'xa-leader' },
      coLead: { employeeNo: 'xa-am1' },
      openedBy: { employeeNo: 'xa-am1' },
    });
    expect(aCase.signalsAtOpen).toEqual([{ kind: 'DORMANT', evidence: `status DORMANT since ${chinaDay()}` }]);

    const c = await customer({ grade: 'C' });
    const cCase = await must('xa-leader', OPEN, { customerId: c.id });
    expect(cCase).toMatchObject({ origin: 'MANUAL', riskLevelAtOpen: 'LOW', lead: { employeeNo: 'xa-am1' }, coLead: null });
  });

  it('only a HIGH risk proposes a case; a prospect has nothing to retain', async () => {
    const c = await customer({ grade: 'C' });
    expectUserError(await run('xa-am1', ACCEPT, { customerId: c.id }), 'VALIDATION', 'customerId');
    const prospect = await customer({ status: 'PROSPECT' });
    expectUserError(await run('xa-am1', OPEN, { customerId: prospect.id }), 'VALIDATION', 'customerId');
  });

  it('one open case per customer: racing opens give exactly one', async () => {
    const c = await highRisk();
    const results = await Promise.all([run('xa-am1', OPEN, { customerId: c.id }), run('xa-leader', ACCEPT, { customerId: c.id }), run('admin', OPEN, { customerId: c.id })]);
    expect(results.filter((r) => r.userErrors.length === 0)).toHaveLength(1);
    for (const r of results.filter((r) => r.userErrors.length)) expectUserError(r, 'ALREADY_EXISTS', 'customerId');
    const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM retention_case WHERE customer_id = $1`, [Buffer.from(c.id, 'base64').toString().split(':')[1]]);
    expect(n).toBe(1);
  });

  it('actions are logged with their dates; the case moves IN_PROGRESS', async () => {
    const c = await highRisk();
    const opened = await must('xa-am1', OPEN, { customerId: c.id });
    const visited = await must('xa-am1', LOG, { caseId: opened.id, kind: 'VISIT', occurredOn: chinaDay(-2), note: '拜访信息中心主任' });
    expect(visited).toMatchObject({ stage: 'IN_PROGRESS', version: 2 });
    const escalated = await must('xa-leader', LOG, { caseId: opened.id, kind: 'ESCALATION', occurredOn: chinaDay(), note: '升级至地市领导' });
    expect(escalated.actions).toEqual([
      { kind: 'VISIT', occurredOn: chinaDay(-2), note: '拜访信息中心主任', recordedBy: { employeeNo: 'xa-am1' } },
      { kind: 'ESCALATION', occurredOn: chinaDay(), note: '升级至地市领导', recordedBy: { employeeNo: 'xa-leader' } },
    ]);
    expectUserError(await run('xa-am1', LOG, { caseId: opened.id, kind: 'NOTE', occurredOn: chinaDay(3), note: '未来' }), 'VALIDATION', 'occurredOn');
  });

  it('LOST sets the customer CHURNED with the reason and rival carrier, in the same transaction', async () => {
    const c = await highRisk();
    const opened = await must('xa-am1', OPEN, { customerId: c.id });
    expectUserError(await run('xa-am1', CLOSE, { caseId: opened.id, outcome: 'LOST' }), 'VALIDATION', 'lossReason');
    expectUserError(await run('xa-am1', CLOSE, { caseId: opened.id, outcome: 'LOST', lossReason: 'COMPETITOR' }), 'VALIDATION', 'rivalCarrier');
    expectUserError(await run('xa-am1', CLOSE, { caseId: opened.id, outcome: 'LOST', lossReason: 'OTHER' }), 'VALIDATION', 'note');
    expectUserError(await run('xa-am1', CLOSE, { caseId: opened.id, outcome: 'LOST', lossReason: 'PRICE', expectedVersion: 7 }), 'VERSION_CONFLICT', 'expectedVersion');
    const closed = await must('xa-am1', CLOSE, { caseId: opened.id, outcome: 'LOST', lossReason: 'COMPETITOR', rivalCarrier: 'CHINA_TELECOM', note: '电信低价竞争', expectedVersion: 1 });
    expect(closed).toMatchObject({ stage: 'CLOSED', outcome: 'LOST', lossReason: 'COMPETITOR', rivalCarrier: 'CHINA_TELECOM', closedBy: { employeeNo: 'xa-am1' } });
    expect(closed.customer).toMatchObject({ status: 'CHURNED', churnReason: 'COMPETITOR: CHINA_TELECOM — 电信低价竞争' });
    expect((await riskOf(t, c.id)).level).toBe('LOW');
    expectUserError(await run('xa-am1', LOG, { caseId: opened.id, kind: 'NOTE', occurredOn: chinaDay(), note: '已关闭' }), 'INVALID_TRANSITION', 'caseId');
  });

  it('a churned customer is won back: RETAINED on a CHURNED customer makes it ACTIVE', async () => {
    const c = await customer({ status: 'CHURNED', churnReason: 'PRICE' });
    const opened = await must('xa-am1', OPEN, { customerId: c.id, note: '赢回' });
    const closed = await must('xa-am1', CLOSE, { caseId: opened.id, outcome: 'RETAINED' });
    expect(closed.customer).toMatchObject({ status: 'ACTIVE', churnReason: null });
  });

  it('ABANDONED only for malicious arrears or low value', async () => {
    const c = await customer();
    const opened = await must('xa-am1', OPEN, { customerId: c.id });
    expectUserError(await run('xa-am1', CLOSE, { caseId: opened.id, outcome: 'ABANDONED' }), 'VALIDATION', 'abandonReason');
    expectUserError(await run('xa-am1', CLOSE, { caseId: opened.id, outcome: 'ABANDONED', abandonReason: 'LOW_VALUE', lossReason: 'PRICE' }), 'VALIDATION', 'lossReason');
    expect(errorCodes(await t.gql('xa-am1', CLOSE, { input: { caseId: opened.id, outcome: 'ABANDONED', abandonReason: 'PRICE' } }))).toEqual(['BAD_USER_INPUT']);
    const closed = await must('xa-am1', CLOSE, { caseId: opened.id, outcome: 'ABANDONED', abandonReason: 'MALICIOUS_ARREARS' });
    expect(closed).toMatchObject({ outcome: 'ABANDONED', abandonReason: 'MALICIOUS_ARREARS', customer: { status: 'ACTIVE' } });
  });

  it('scope: another city’s leader, a grid manager elsewhere and a partner get NOT_FOUND; a leader over the customer may act', async () => {
    const c = await customer();
    expectUserError(await run('bj-leader', OPEN, { customerId: c.id }), 'NOT_FOUND', 'customerId');
    expectUserError(await run('xa-yt-g1', OPEN, { customerId: c.id }), 'NOT_FOUND', 'customerId');
    expect(errorCodes(await t.gql('p-huaxin', OPEN, { input: { customerId: c.id } }))).toEqual([]);
    expectUserError(await run('p-huaxin', OPEN, { customerId: c.id }), 'NOT_FOUND', 'customerId');
    const opened = await must('sx-leader', OPEN, { customerId: c.id });
    const node = dataOf(await t.gql('xa-support', `query($id: ID!) { node(id: $id) { id } }`, { id: opened.id })).node;
    expect(node).toBeNull();
  });
});

describe('when people and customers change', () => {
  it('a leaver’s open cases go to the successor of their customers; closed ones keep them', async () => {
    const leaver = await newStaff(t, ['ACCOUNT_MANAGER'], '6101');
    const c = await mustCreateCustomer(t, 'admin', { name: '交接挽回客户', accountManagerId: leaver.id });
    const opened = await must('admin', OPEN, { customerId: c.id });
    expect(opened.lead.employeeNo).toBe(leaver.employeeNo);
    expect((await deactivate(t, leaver.id, { customersTo: await staffId(t, 'xa-am2') })).userErrors).toEqual([]);
    const after = dataOf(await t.gql('admin', `query($id: ID!) { node(id: $id) { ... on RetentionCase { lead { employeeNo } } } }`, { id: opened.id })).node;
    expect(after.lead.employeeNo).toBe('xa-am2');
  });

  it('a merged customer’s billed months add up on the survivor, and its case moves; two open cases must be settled first', async () => {
    const MERGE = `mutation($input: MergeGroupCustomersInput!) { mergeGroupCustomers(input: $input) { groupCustomer { id } userErrors { code message field } } }`;
    const [survivor, merged] = [await customer(), await customer()];
    await mustRecord(t, [...months(survivor.code, -2, -1, '100.00'), ...months(merged.code, -1, -1, '50.00')]);
    const [a, b] = [await must('xa-am1', OPEN, { customerId: survivor.id }), await must('xa-am1', OPEN, { customerId: merged.id })];
    expectUserError(dataOf(await t.gql('admin', MERGE, { input: { survivorId: survivor.id, mergedId: merged.id } })).mergeGroupCustomers, 'MERGE_CONFLICT', 'mergedId');
    await must('xa-am1', CLOSE, { caseId: a.id, outcome: 'RETAINED' });
    expect(dataOf(await t.gql('admin', MERGE, { input: { survivorId: survivor.id, mergedId: merged.id } })).mergeGroupCustomers.userErrors).toEqual([]);
    const read = dataOf(
      await t.gql('xa-am1', `query($id: ID!) { node(id: $id) { ... on GroupCustomer { revenueHistory(months: 3) { month revenue } openRetentionCase { id } } } }`, { id: survivor.id }),
    ).node;
    expect(read.revenueHistory).toEqual([
      { month: month(-2), revenue: '100.00' },
      { month: month(-1), revenue: '150.00' },
    ]);
    expect(read.openRetentionCase.id).toBe(b.id);
  });
});

describe('queues and lists', () => {
  it('myRetentionCases lists the cases I lead or co-lead; the proposals queue the HIGH risks without a case', async () => {
    const a = await highRisk({ name: '队列测试A' });
    const b = await highRisk({ name: '队列测试B' });
    const queue = async (as: string) =>
      dataOf(await t.gql(as, `{ retentionProposals(first: 100) { nodes { level customer { id } } } }`)).retentionProposals.nodes.map((n: { customer: { id: string } }) => n.customer.id);
    expect(await queue('xa-leader')).toEqual(expect.arrayContaining([a.id, b.id]));
    const opened = await must('xa-leader', ACCEPT, { customerId: a.id });
    expect(await queue('xa-leader')).not.toContain(a.id);
    expect(await queue('xa-leader')).toContain(b.id);
    expect(await queue('xa-yt-leader')).not.toContain(b.id);

    const mine = async (as: string) => dataOf(await t.gql(as, `{ myRetentionCases(first: 100) { nodes { id } } }`)).myRetentionCases.nodes.map((n: { id: string }) => n.id);
    expect(await mine('xa-leader')).toContain(opened.id);
    expect(await mine('xa-am1')).toContain(opened.id);
    expect(await mine('sx-leader')).not.toContain(opened.id);
    expect(errorCodes(await t.gql('p-huaxin', `{ myRetentionCases(first: 5) { nodes { id } } }`))).toEqual(['FORBIDDEN']);
  });

  it('lists and nested fields are batched: 20 cases with their customer, leads, actions and risk in a fixed number of statements', async () => {
    for (let i = 0; i < 3; i++) await must('xa-am1', OPEN, { customerId: (await customer()).id });
    const list = (first: number) =>
      t.gql(
        'xa-leader',
        `{ retentionCases(first: ${first}) { totalCount nodes { id lead { name } coLead { name } actions { kind } customer { name churnRisk { level signals { kind } } segment { code } openRetentionCase { id } } } } }`,
      );
    await refresh(t);
    const [two, twenty] = [await list(2), await list(20)];
    expect(dataOf(twenty).retentionCases.nodes.length).toBeGreaterThan(3);
    expect(twenty.sql).toBe(two.sql);
    expect(twenty.sql).toBeLessThanOrEqual(9);
  });
});
