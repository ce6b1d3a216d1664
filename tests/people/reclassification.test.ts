import { dataOf, errorCodes, expectUserError, startTestApp, TestApp } from '../support/harness';
import { mustCreateCustomer } from '../customers/builders';
import { cityCustomer, opportunityIn } from '../opportunities/builders';

/** DOMAIN.md: People and rules — 集团大客户经审批: level and grade change through a request the leader above decides. */
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t?.close());

const USER_ERRORS = 'userErrors { code message field }';
const FIELDS = `id state fromLevel toLevel fromGrade toGrade reason deciderRole deciderRegion { code } version comment customer { code } requestedBy { employeeNo } decidedBy { employeeNo }`;
const REQUEST = `mutation($input: RequestCustomerReclassificationInput!) { requestCustomerReclassification(input: $input) { reclassification { ${FIELDS} } ${USER_ERRORS} } }`;
const DECIDE = `mutation($input: DecideReclassificationInput!) { decideReclassification(input: $input) { reclassification { ${FIELDS} } ${USER_ERRORS} } }`;
const UPDATE = `mutation($input: UpdateGroupCustomerInput!) { updateGroupCustomer(input: $input) { groupCustomer { managementLevel grade version } ${USER_ERRORS} } }`;
const QUEUE = `{ reclassificationQueue(first: 100) { totalCount nodes { id } } }`;
const CUSTOMER = `query($id: ID!) { groupCustomer(id: $id) { managementLevel grade version history(first: 3) { nodes { action changes { field from to } actor { employeeNo } } } } }`;

const request = async (as: string, input: Record<string, unknown>) => dataOf(await t.gql(as, REQUEST, { input })).requestCustomerReclassification;
const mustRequest = async (as: string, input: Record<string, unknown>) => {
  const payload = await request(as, input);
  if (payload.userErrors.length) throw new Error(JSON.stringify(payload.userErrors));
  return payload.reclassification;
};
const decide = async (as: string, input: Record<string, unknown>) => dataOf(await t.gql(as, DECIDE, { input })).decideReclassification;
const queued = async (as: string) => dataOf(await t.gql(as, QUEUE)).reclassificationQueue.nodes.map((n: { id: string }) => n.id);

describe('updateGroupCustomer no longer bends the level or key grades', () => {
  it('refuses a level change, or a grade to or from A1/A2, from an account manager, pointing at the request mutation', async () => {
    const c = await cityCustomer(t, { grade: 'B1' });
    const level = dataOf(await t.gql('xa-am1', UPDATE, { input: { id: c.id, managementLevel: 'COUNTY' } })).updateGroupCustomer;
    expect(expectUserError(level, 'RECLASSIFICATION_REQUIRED', 'managementLevel').message).toContain('requestCustomerReclassification');
    expectUserError(dataOf(await t.gql('xa-am1', UPDATE, { input: { id: c.id, grade: 'A2' } })).updateGroupCustomer, 'RECLASSIFICATION_REQUIRED', 'grade');
    // The same level, and grades below A, still go through as before.
    expect(dataOf(await t.gql('xa-am1', UPDATE, { input: { id: c.id, managementLevel: 'CITY', grade: 'C' } })).updateGroupCustomer.groupCustomer).toMatchObject({
      managementLevel: 'CITY',
      grade: 'C',
    });
    // Down from A1 needs the request too.
    const a1 = await mustCreateCustomer(t, 'xa-am1', { name: '重要集团客户', grade: 'A1' });
    expectUserError(dataOf(await t.gql('xa-am1', UPDATE, { input: { id: a1.id, grade: 'B1' } })).updateGroupCustomer, 'RECLASSIFICATION_REQUIRED', 'grade');
  });

  it('an admin still sets them directly, and the history records it', async () => {
    const c = await cityCustomer(t);
    const changed = dataOf(await t.gql('admin', UPDATE, { input: { id: c.id, managementLevel: 'PROVINCE', grade: 'A1' } })).updateGroupCustomer;
    expect(changed.userErrors).toEqual([]);
    const read = dataOf(await t.gql('admin', CUSTOMER, { id: c.id })).groupCustomer;
    expect(read.history.nodes[0]).toMatchObject({ action: 'UPDATE', actor: { employeeNo: 'admin' } });
    expect(read.history.nodes[0].changes).toEqual(
      expect.arrayContaining([
        { field: 'grade', from: 'C', to: 'A1' },
        { field: 'managementLevel', from: 'CITY', to: 'PROVINCE' },
      ]),
    );
  });
});

describe('requestCustomerReclassification goes to the leader above', () => {
  it('COUNTY↔CITY and grades B–D go to the city leader, who approves: the customer changes with a history entry', async () => {
    const c = await cityCustomer(t, { grade: 'B1' });
    const asked = await mustRequest('xa-am1', { customerId: c.id, managementLevel: 'COUNTY', grade: 'C', reason: '业务收缩到区县' });
    expect(asked).toMatchObject({ state: 'PENDING', fromLevel: 'CITY', toLevel: 'COUNTY', fromGrade: 'B1', toGrade: 'C', deciderRole: 'CITY_LEADER', deciderRegion: { code: '6101' } });
    expect(await queued('xa-leader')).toContain(asked.id);
    expect(await queued('sx-leader')).not.toContain(asked.id);
    expect(await queued('bj-leader')).not.toContain(asked.id);
    // One open request per customer.
    expectUserError(await request('xa-am1', { customerId: c.id, grade: 'D', reason: '再降' }), 'ALREADY_EXISTS', 'customerId');
    // Nobody else decides it.
    expect(errorCodes(await t.gql('sx-leader', DECIDE, { input: { id: asked.id, approve: true } }))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await t.gql('xa-am1', DECIDE, { input: { id: asked.id, approve: true } }))).toEqual(['FORBIDDEN']);
    expectUserError(await decide('bj-leader', { id: asked.id, approve: true }), 'NOT_FOUND', 'id');
    const decided = await decide('xa-leader', { id: asked.id, approve: true, comment: '同意', expectedVersion: asked.version });
    expect(decided.userErrors).toEqual([]);
    expect(decided.reclassification).toMatchObject({ state: 'APPROVED', decidedBy: { employeeNo: 'xa-leader' }, comment: '同意' });
    const read = dataOf(await t.gql('admin', CUSTOMER, { id: c.id })).groupCustomer;
    expect(read).toMatchObject({ managementLevel: 'COUNTY', grade: 'C' });
    expect(read.history.nodes[0]).toEqual({
      action: 'RECLASSIFY',
      actor: { employeeNo: 'xa-leader' },
      changes: [
        { field: 'managementLevel', from: 'CITY', to: 'COUNTY' },
        { field: 'grade', from: 'B1', to: 'C' },
      ],
    });
    expect(await queued('xa-leader')).not.toContain(asked.id);
    expectUserError(await decide('xa-leader', { id: asked.id, approve: false, comment: '晚了' }), 'INVALID_TRANSITION', 'id');
  });

  it('PROVINCE and A1/A2 go to the province leader; a rejection needs a reason and changes nothing', async () => {
    const c = await cityCustomer(t, { grade: 'B1' });
    const asked = await mustRequest('xa-am1', { customerId: c.id, grade: 'A2', reason: '收入大增' });
    expect(asked).toMatchObject({ deciderRole: 'PROVINCE_LEADER', toLevel: null, toGrade: 'A2' });
    expect(await queued('sx-leader')).toContain(asked.id);
    expect(await queued('sx-leader2')).toContain(asked.id);
    expect(await queued('xa-leader')).not.toContain(asked.id);
    expectUserError(await decide('sx-leader', { id: asked.id, approve: false }), 'VALIDATION', 'comment');
    expect((await decide('sx-leader', { id: asked.id, approve: false, comment: '收入未达标' })).reclassification.state).toBe('REJECTED');
    expect(dataOf(await t.gql('admin', CUSTOMER, { id: c.id })).groupCustomer).toMatchObject({ managementLevel: 'CITY', grade: 'B1' });
  });

  it('refuses what is not a change, a customer the asker does not keep, and a stale decision', async () => {
    const c = await cityCustomer(t);
    expectUserError(await request('xa-am1', { customerId: c.id, managementLevel: 'CITY', reason: '无变化' }), 'VALIDATION', 'managementLevel');
    expectUserError(await request('xa-am1', { customerId: c.id, reason: '什么都没问' }), 'VALIDATION', 'managementLevel');
    expectUserError(await request('xa-am2', { customerId: c.id, grade: 'D', reason: '不是我的' }), 'NOT_FOUND', 'customerId');
    expect(errorCodes(await t.gql('xa-leader', REQUEST, { input: { customerId: c.id, grade: 'D', reason: '领导不维护客户' } }))).toEqual(['FORBIDDEN']);
    const asked = await mustRequest('xa-am1', { customerId: c.id, grade: 'D', reason: '降级' });
    expectUserError(await decide('xa-leader', { id: asked.id, approve: true, expectedVersion: asked.version + 1 }), 'VERSION_CONFLICT', 'expectedVersion');
  });

  it('racing decisions: exactly one wins', async () => {
    const c = await cityCustomer(t);
    const asked = await mustRequest('xa-am1', { customerId: c.id, grade: 'D', reason: '降级' });
    const payloads = await Promise.all(Array.from({ length: 6 }, (_, i) => decide('xa-leader', i % 2 ? { id: asked.id, approve: true } : { id: asked.id, approve: false, comment: '不同意' })));
    const winners = payloads.filter((p) => p.userErrors.length === 0);
    expect(winners).toHaveLength(1);
    expect(payloads.filter((p) => p.userErrors.length).every((p) => p.userErrors[0].code === 'INVALID_TRANSITION')).toBe(true);
    const history = dataOf(await t.gql('admin', CUSTOMER, { id: c.id })).groupCustomer.history.nodes.filter((h: { action: string }) => h.action === 'RECLASSIFY');
    expect(history).toHaveLength(winners[0].reclassification.state === 'APPROVED' ? 1 : 0);
  });

  it('a downgrade during approval changes nothing of an in-approval opportunity’s frozen route', async () => {
    const c = await cityCustomer(t);
    const o = await opportunityIn(t, 'PENDING_APPROVAL', c.id, { estimatedAmount: '6000000.00' });
    const ROUTE = `query($id: ID!) { opportunity(id: $id) { version currentStep { id sequence approverRole region { code } } approvalSteps { id approverRole state } } }`;
    const [route] = await t.db.query(`SELECT approval_route FROM opportunity WHERE code = $1`, [o.code]);
    const before = dataOf(await t.gql('admin', ROUTE, { id: o.id })).opportunity;
    const asked = await mustRequest('xa-am1', { customerId: c.id, managementLevel: 'COUNTY', reason: '降为区县管' });
    expect((await decide('xa-leader', { id: asked.id, approve: true })).userErrors).toEqual([]);
    expect(dataOf(await t.gql('admin', CUSTOMER, { id: c.id })).groupCustomer.managementLevel).toBe('COUNTY');
    expect(dataOf(await t.gql('admin', ROUTE, { id: o.id })).opportunity).toEqual(before);
    expect((await t.db.query(`SELECT approval_route FROM opportunity WHERE code = $1`, [o.code]))[0]).toEqual(route);
    // The city leader still decides the first step, and the province step still follows.
    expect(before.currentStep).toMatchObject({ sequence: 1, approverRole: 'CITY_LEADER', region: { code: '6101' } });
  });

  it('the queue reads its page and each request’s customer and asker in a fixed number of statements', async () => {
    const Q = `{ reclassificationQueue(first: 50) { totalCount nodes { id customer { code } requestedBy { employeeNo } deciderRegion { code } } } }`;
    await mustRequest('xa-am1', { customerId: (await cityCustomer(t)).id, grade: 'D', reason: '一' });
    const one = await t.gql('xa-leader', Q);
    for (let i = 0; i < 3; i++) await mustRequest('xa-am1', { customerId: (await cityCustomer(t)).id, grade: 'D', reason: '多' });
    const four = await t.gql('xa-leader', Q);
    expect(four.body.data.reclassificationQueue.nodes.length).toBeGreaterThan(one.body.data.reclassificationQueue.nodes.length);
    expect(four.sql).toBe(one.sql);
  });
});
