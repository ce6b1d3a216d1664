import { overdueComplaints } from '../../src/modules/service/service.metrics';
import { signalOf } from '../retention/builders';
import { mustCreateContact, mustRecordCare } from '../contacts/builders';
import { cityCustomer, countyCustomer, mustAct, mustCreateOpportunity, uuidOf } from '../opportunities/builders';
import { staffId } from '../customers/builders';
import { dataOf, errorCodes, expectUserError, startTestApp, TestApp } from '../support/harness';
import { HOUR, move, moveRaw, mustMove, mustRecordComplaint, recordComplaint, resolvedComplaint, sleep } from './builders';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const complaintNode = async (as: string, id: string) => dataOf(await t.gql(as, `query($id: ID!) { node(id: $id) { ... on Complaint { id code description overdue } } }`, { id })).node;
const listed = async (as: string, query: string, variables: Record<string, unknown> = {}) => {
  const data = dataOf(await t.gql(as, query, variables));
  return (Object.values(data)[0] as { nodes: { id: string }[] }).nodes.map((n) => n.id);
};
const hoursBetween = (from: string, to: string) => (new Date(to).getTime() - new Date(from).getTime()) / HOUR;

describe('complaints 投诉 under 首问负责制 (DOMAIN.md: Service quality)', () => {
  it('the recorder is the first responder; the deadline follows severity and grade under the rules in force, which it records', async () => {
    const customer = await cityCustomer(t, { grade: 'C' });
    const keyAccount = await cityCustomer(t, { name: '西安市人民政府', grade: 'A1' });
    const [{ version }] = await t.db.query(`SELECT max(version) AS version FROM business_rule_set`);
    const cases: [string, string, number][] = [
      [customer.id, 'CRITICAL', 4],
      [customer.id, 'MAJOR', 24],
      [customer.id, 'MINOR', 72],
      [keyAccount.id, 'CRITICAL', 2],
      [keyAccount.id, 'MINOR', 36],
    ];
    for (const [customerId, severity, hours] of cases) {
      const complaint = await mustRecordComplaint(t, 'xa-am1', { customerId, severity });
      expect(complaint).toMatchObject({ state: 'OPEN', severity, ruleVersion: version, firstResponder: { employeeNo: 'xa-am1' }, handler: null, overdue: false, reopenedCount: 0 });
      expect(complaint.code).toMatch(/^TS\d{6}-\d{6}$/);
      expect(hoursBetween(complaint.recordedAt, complaint.dueAt)).toBeCloseTo(hours, 3);
      expect(complaint.history).toEqual([{ action: 'RECORD', fromState: null, toState: 'OPEN', satisfaction: null, note: null, actor: { employeeNo: 'xa-am1' }, handler: null }]);
    }
  });

  it('a change of the rules sets the deadline of complaints recorded after it, and leaves earlier ones as they were', async () => {
    const customer = await cityCustomer(t);
    const before = await mustRecordComplaint(t, 'xa-am1', { customerId: customer.id, severity: 'MAJOR' });
    const update = dataOf(
      await t.gql('admin', `mutation($input: UpdateBusinessRulesInput!) { updateBusinessRules(input: $input) { businessRules { version service { majorComplaintHours } } userErrors { code } } }`, {
        input: { expectedVersion: before.ruleVersion, service: { majorComplaintHours: 10 } },
      }),
    ).updateBusinessRules;
    expect(update.userErrors).toEqual([]);
    const after = await mustRecordComplaint(t, 'xa-am1', { customerId: customer.id, severity: 'MAJOR' });
    expect(after.ruleVersion).toBe(update.businessRules.version);
    expect(hoursBetween(after.recordedAt, after.dueAt)).toBeCloseTo(10, 3);
    const again = await complaintNode('xa-am1', before.id);
    expect(again).toMatchObject({ id: before.id });
    const [{ due_at }] = await t.db.query(`SELECT due_at FROM complaint WHERE id = $1`, [uuidOf(before.id)]);
    expect(new Date(due_at).toISOString()).toBe(new Date(before.dueAt).toISOString());
    expectUserError(
      dataOf(
        await t.gql('admin', `mutation($input: UpdateBusinessRulesInput!) { updateBusinessRules(input: $input) { userErrors { code message field } } }`, {
          input: { expectedVersion: update.businessRules.version, service: { keyAccountDeadlineFactor: 0 } },
        }),
      ).updateBusinessRules,
      'VALIDATION',
      'service.keyAccountDeadlineFactor',
    );
  });

  it('a leader over the customer may record one too; partners, support managers and managers elsewhere may not', async () => {
    const customer = await cityCustomer(t);
    expect((await mustRecordComplaint(t, 'xa-leader', { customerId: customer.id })).firstResponder.employeeNo).toBe('xa-leader');
    expectUserError(await recordComplaint(t, 'bj-am1', { customerId: customer.id }), 'NOT_FOUND', 'customerId');
    expectUserError(await recordComplaint(t, 'p-huaxin', { customerId: customer.id }), 'NOT_FOUND', 'customerId');
    expectUserError(await recordComplaint(t, 'xa-am1', { customerId: customer.id, description: '   ' }), 'VALIDATION', 'description');
    const other = await cityCustomer(t, { name: '西安市水务局' });
    const stranger = await mustCreateContact(t, 'xa-am1', { customerId: other.id, name: '外单位联系人' });
    expectUserError(await recordComplaint(t, 'xa-am1', { customerId: customer.id, contactId: stranger.id }), 'VALIDATION', 'contactId');
  });

  it('walks the closed loop 闭环: hand over, start, resolve, callback; every move in the history; wrong moves name the state', async () => {
    const customer = await cityCustomer(t);
    const complaint = await mustRecordComplaint(t, 'xa-leader', { customerId: customer.id });
    expectUserError(await move(t, 'xa-leader', 'resolveComplaint', { id: complaint.id, resolution: '已处理' }), 'INVALID_TRANSITION', 'id');
    // Staff in scope only: bj-am1 works in another city, xa-am2 does not keep this customer.
    for (const other of ['bj-am1', 'xa-am2']) {
      expectUserError(await move(t, 'xa-leader', 'handOverComplaint', { id: complaint.id, handlerId: await staffId(t, other), note: '请协助' }), 'VALIDATION', 'handlerId');
    }
    const handed = await mustMove(t, 'xa-leader', 'handOverComplaint', { id: complaint.id, handlerId: await staffId(t, 'xa-am1'), note: '请客户经理上门排查' });
    expect(handed).toMatchObject({ state: 'OPEN', handler: { employeeNo: 'xa-am1' }, firstResponder: { employeeNo: 'xa-leader' }, version: 2 });
    await mustMove(t, 'xa-am1', 'startComplaint', { id: complaint.id });
    expectUserError(await move(t, 'xa-am1', 'startComplaint', { id: complaint.id }), 'INVALID_TRANSITION', 'id');
    const resolved = await mustMove(t, 'xa-am1', 'resolveComplaint', { id: complaint.id, resolution: '更换光模块, 线路恢复', expectedVersion: 3 });
    expect(resolved).toMatchObject({ state: 'RESOLVED', resolution: '更换光模块, 线路恢复', overdue: false });
    // The callback closes the loop: the first responder's (or a leader's), never the handler judging their own work.
    expect(errorCodes(await moveRaw(t, 'xa-am1', 'callBackComplaint', { id: complaint.id, satisfaction: 5 }))).toEqual(['FORBIDDEN']);
    const closed = await mustMove(t, 'xa-leader', 'callBackComplaint', { id: complaint.id, satisfaction: 4, note: '客户认可' });
    expect(closed).toMatchObject({ state: 'CLOSED', callbackSatisfaction: 4, reopenedCount: 0 });
    expect(closed.closedAt).not.toBeNull();
    expect(closed.history.map((h: { action: string; fromState: string; toState: string }) => `${h.action}:${h.fromState}>${h.toState}`)).toEqual([
      'RECORD:null>OPEN',
      'HAND_OVER:OPEN>OPEN',
      'START:OPEN>IN_PROGRESS',
      'RESOLVE:IN_PROGRESS>RESOLVED',
      'CLOSE:RESOLVED>CLOSED',
    ]);
    expect(closed.history[1]).toMatchObject({ handler: { employeeNo: 'xa-am1' }, note: '请客户经理上门排查', actor: { employeeNo: 'xa-leader' } });
    expect(closed.history[4]).toMatchObject({ satisfaction: 4, note: '客户认可' });
    expectUserError(await move(t, 'xa-leader', 'handOverComplaint', { id: complaint.id, handlerId: await staffId(t, 'xa-am1'), note: '再看看' }), 'INVALID_TRANSITION', 'id');
  });

  it('a manager of the customer who is neither first responder nor handler may not move it', async () => {
    const customer = await cityCustomer(t);
    const complaint = await mustRecordComplaint(t, 'xa-leader', { customerId: customer.id });
    expect(errorCodes(await moveRaw(t, 'xa-am1', 'startComplaint', { id: complaint.id }))).toEqual(['FORBIDDEN']);
  });

  it('outsiders — another manager, a leader elsewhere, partners — read it as not found', async () => {
    const customer = await cityCustomer(t);
    const complaint = await mustRecordComplaint(t, 'xa-am1', { customerId: customer.id });
    expectUserError(await move(t, 'xa-am2', 'startComplaint', { id: complaint.id }), 'NOT_FOUND', 'id');
    expectUserError(await move(t, 'bj-leader', 'startComplaint', { id: complaint.id }), 'NOT_FOUND', 'id');
    expect(await complaintNode('p-huaxin', complaint.id)).toBeNull();
    expect(await complaintNode('bj-am1', complaint.id)).toBeNull();
    expect(await listed('p-huaxin', `{ complaints(first: 100) { nodes { id } } }`)).toEqual([]);
    expect(await listed('bj-leader', `{ complaints(first: 100) { nodes { id } } }`)).not.toContain(complaint.id);
    // The city leader leads it and may move it.
    await mustMove(t, 'xa-leader', 'startComplaint', { id: complaint.id });
  });

  it('a dissatisfied callback (1–2) reopens the complaint, counted; it is handled and resolved again', async () => {
    const customer = await cityCustomer(t);
    const complaint = await resolvedComplaint(t, 'xa-am1', { customerId: customer.id });
    const reopened = await mustMove(t, 'xa-am1', 'callBackComplaint', { id: complaint.id, satisfaction: 2, note: '仍有丢包' });
    expect(reopened).toMatchObject({ state: 'REOPENED', reopenedCount: 1, callbackSatisfaction: 2, closedAt: null });
    await mustMove(t, 'xa-am1', 'startComplaint', { id: complaint.id });
    await mustMove(t, 'xa-am1', 'resolveComplaint', { id: complaint.id, resolution: '更换上联设备' });
    const closed = await mustMove(t, 'xa-leader', 'callBackComplaint', { id: complaint.id, satisfaction: 5 });
    expect(closed).toMatchObject({ state: 'CLOSED', reopenedCount: 1, resolution: '更换上联设备' });
    expect(closed.history.map((h: { action: string }) => h.action)).toEqual(['RECORD', 'START', 'RESOLVE', 'REOPEN', 'START', 'RESOLVE', 'CLOSE']);
  });

  it('of five people resolving at once, exactly one succeeds; the others are told it is RESOLVED now', async () => {
    const customer = await cityCustomer(t);
    const complaint = await mustRecordComplaint(t, 'xa-am1', { customerId: customer.id });
    await mustMove(t, 'xa-am1', 'startComplaint', { id: complaint.id });
    const results = await Promise.all(['xa-am1', 'xa-leader', 'xa-am1', 'xa-leader', 'admin'].map((as, i) => move(t, as, 'resolveComplaint', { id: complaint.id, resolution: `处理方案${i}` })));
    expect(results.filter((r) => r.userErrors.length === 0)).toHaveLength(1);
    for (const lost of results.filter((r) => r.userErrors.length > 0)) expect(lost.userErrors.map((e: { code: string }) => e.code)).toEqual(['INVALID_TRANSITION']);
    const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM complaint_event WHERE complaint_id = $1 AND action = 'RESOLVE'`, [uuidOf(complaint.id)]);
    expect(n).toBe(1);
  });

  it('a stale expectedVersion is refused', async () => {
    const customer = await cityCustomer(t);
    const complaint = await mustRecordComplaint(t, 'xa-am1', { customerId: customer.id });
    await mustMove(t, 'xa-am1', 'startComplaint', { id: complaint.id, expectedVersion: 1 });
    expectUserError(await move(t, 'xa-am1', 'resolveComplaint', { id: complaint.id, resolution: '已处理', expectedVersion: 1 }), 'VERSION_CONFLICT', 'expectedVersion');
  });

  it('the history is append-only: the database refuses to change or remove an entry', async () => {
    const customer = await cityCustomer(t);
    const complaint = await mustRecordComplaint(t, 'xa-am1', { customerId: customer.id });
    await expect(t.db.query(`UPDATE complaint_event SET note = 'x' WHERE complaint_id = $1`, [uuidOf(complaint.id)])).rejects.toThrow(/append-only/);
    await expect(t.db.query(`DELETE FROM complaint_event WHERE complaint_id = $1`, [uuidOf(complaint.id)])).rejects.toThrow(/append-only/);
  });

  it('walks a complaint over its deadline edge: not overdue, then overdue — in the field, the filter, the queue and the retention signal alike', async () => {
    const customer = await cityCustomer(t);
    const complaint = await mustRecordComplaint(t, 'xa-am1', { customerId: customer.id, severity: 'CRITICAL' });
    await t.db.query(`UPDATE complaint SET due_at = now() + interval '2 seconds' WHERE id = $1`, [uuidOf(complaint.id)]);
    const signal = async () => (await signalOf(t, customer, 'OPEN_COMPLAINT'))?.evidence ?? null;
    const overdueIds = (as: string) => listed(as, `{ complaints(first: 100, filter: { overdue: true }) { nodes { id } } }`);
    const queue = (as: string) => listed(as, `{ overdueComplaints(first: 100) { nodes { id } } }`);

    expect((await complaintNode('xa-am1', complaint.id)).overdue).toBe(false);
    expect(await overdueIds('xa-am1')).not.toContain(complaint.id);
    expect(await queue('xa-leader')).not.toContain(complaint.id);
    expect(await signal()).toBeNull();

    await sleep(2500);
    expect((await complaintNode('xa-am1', complaint.id)).overdue).toBe(true);
    expect(await overdueIds('xa-am1')).toContain(complaint.id);
    expect(await queue('xa-leader')).toContain(complaint.id);
    expect(await queue('sx-leader')).toContain(complaint.id);
    expect(await queue('bj-leader')).not.toContain(complaint.id);
    expect(await signal()).toContain(complaint.code);
    expect(errorCodes(await t.gql('xa-am1', `{ overdueComplaints(first: 5) { nodes { id } } }`))).toEqual(['FORBIDDEN']);
    const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM complaint WHERE state IN ('OPEN', 'IN_PROGRESS', 'REOPENED') AND due_at < now()`);
    expect(await overdueComplaints(t.db)).toBe(n);
    expect(n).toBeGreaterThan(0);

    // One moment per request: the filter and the field agree on every complaint listed.
    const page = dataOf(await t.gql('xa-am1', `{ complaints(first: 100, filter: { overdue: true }) { nodes { id overdue } } }`)).complaints.nodes;
    expect(page.every((n: { overdue: boolean }) => n.overdue)).toBe(true);

    // Resolved, it is no longer overdue, in the queue or a churn signal.
    await mustMove(t, 'xa-am1', 'startComplaint', { id: complaint.id });
    await mustMove(t, 'xa-am1', 'resolveComplaint', { id: complaint.id, resolution: '已恢复' });
    expect(await queue('xa-leader')).not.toContain(complaint.id);
    expect(await signal()).toBeNull();
  });

  it('the queue follows the customer when it moves to another city', async () => {
    const customer = await cityCustomer(t);
    const complaint = await mustRecordComplaint(t, 'xa-am1', { customerId: customer.id });
    await t.db.query(`UPDATE complaint SET due_at = now() - interval '1 hour' WHERE id = $1`, [uuidOf(complaint.id)]);
    await t.db.query(`UPDATE group_customer SET region_id = (SELECT id FROM region WHERE code = '6103') WHERE id = $1`, [uuidOf(customer.id)]);
    expect(await listed('bj-leader', `{ overdueComplaints(first: 100) { nodes { id } } }`)).toContain(complaint.id);
    expect(await listed('xa-leader', `{ overdueComplaints(first: 100) { nodes { id } } }`)).not.toContain(complaint.id);
  });

  it('myComplaints: those you recorded and those handed to you; filters by state, severity, customer and who is responsible', async () => {
    const customer = await countyCustomer(t);
    const mine = await mustRecordComplaint(t, 'xa-yt-g1', { customerId: customer.id, severity: 'MINOR' });
    const handed = await mustRecordComplaint(t, 'xa-yt-leader', { customerId: customer.id });
    await mustMove(t, 'xa-yt-leader', 'handOverComplaint', { id: handed.id, handlerId: await staffId(t, 'xa-yt-g1'), note: '请网格经理上门' });
    const other = await mustRecordComplaint(t, 'xa-yt-leader', { customerId: customer.id });
    const ids = await listed('xa-yt-g1', `{ myComplaints(first: 100) { nodes { id } } }`);
    expect(ids).toEqual(expect.arrayContaining([mine.id, handed.id]));
    expect(ids).not.toContain(other.id);
    expect(await listed('xa-yt-g1', `{ myComplaints(first: 100, filter: { severities: [MINOR] }) { nodes { id } } }`)).toEqual([mine.id]);
    const responsible = await staffId(t, 'xa-yt-g1');
    const filtered = await listed('xa-leader', `query($c: ID, $r: ID) { complaints(first: 100, filter: { customerId: $c, responsibleId: $r, states: [OPEN] }) { nodes { id } } }`, {
      c: customer.id,
      r: responsible,
    });
    expect(filtered.sort()).toEqual([mine.id, handed.id].sort());
    const nested = dataOf(await t.gql('xa-leader', `query($id: ID!) { node(id: $id) { ... on GroupCustomer { complaints(first: 2) { totalCount nodes { id } } } } }`, { id: customer.id })).node;
    expect(nested.complaints.totalCount).toBe(3);
    expect(nested.complaints.nodes).toHaveLength(2);
  });

  it('descriptions may hold personal data: a support manager, who sees basic fields only, gets them masked', async () => {
    const customer = await cityCustomer(t);
    const complaint = await mustRecordComplaint(t, 'xa-am1', { customerId: customer.id, description: '刘主任(13912345678)反映专线频繁中断' });
    const opportunity = await mustCreateOpportunity(t, 'xa-am1', { customerId: customer.id });
    await mustAct(t, 'xa-am1', 'submitOpportunity', { id: opportunity.id });
    expect((await complaintNode('xa-support', complaint.id)).description).toBe('刘主任(139****5678)反映专线频繁中断');
    expect((await complaintNode('xa-am1', complaint.id)).description).toBe('刘主任(13912345678)反映专线频繁中断');
    expect((await complaintNode('xa-leader', complaint.id)).description).toBe('刘主任(13912345678)反映专线频繁中断');
  });

  it('lists cost the same few statements however many complaints they show', async () => {
    const customer = await cityCustomer(t);
    for (let i = 0; i < 6; i++) await mustRecordComplaint(t, 'xa-am1', { customerId: customer.id, severity: i % 2 ? 'MINOR' : 'MAJOR' });
    const query = (n: number) =>
      `{ myComplaints(first: ${n}) { nodes { id overdue description customer { name } firstResponder { name } handler { name } contact { name } history { action actor { name } } } } }`;
    const few = await t.gql('xa-am1', query(2));
    const many = await t.gql('xa-am1', query(6));
    expect(dataOf(many).myComplaints.nodes).toHaveLength(6);
    expect(many.sql).toBe(few.sql);
    expect(many.sql).toBeLessThanOrEqual(6);
  });
});

describe('投诉客户关怀: a resolved complaint puts its customer’s key contacts on the care due list', () => {
  it('MANAGEMENT and KEY_PERSON contacts owe care from the resolution until a care activity after it', async () => {
    const customer = await cityCustomer(t, { name: '西安市住建局' });
    const boss = await mustCreateContact(t, 'xa-am1', { customerId: customer.id, name: '赵局长', careLevel: 'MANAGEMENT' });
    const key = await mustCreateContact(t, 'xa-am1', { customerId: customer.id, name: '钱科长', careLevel: 'KEY_PERSON' });
    const liaison = await mustCreateContact(t, 'xa-am1', { customerId: customer.id, name: '孙干事', careLevel: 'LIAISON' });
    for (const c of [boss, key, liaison]) await mustRecordCare(t, 'xa-am1', { contactId: c.id, occurredAt: new Date(Date.now() - 60_000).toISOString() });
    const reasons = async () => {
      const nodes = dataOf(await t.gql('xa-am1', `query($ids: [ID!]!) { nodes(ids: $ids) { ... on Contact { name careDueReasons } } }`, { ids: [boss.id, key.id, liaison.id] })).nodes;
      return Object.fromEntries(nodes.map((n: { name: string; careDueReasons: string[] }) => [n.name, n.careDueReasons]));
    };
    const ours = [boss.id, key.id, liaison.id];
    const due = async () => (await listed('xa-am1', `{ careDue(first: 100) { nodes { id } } }`)).filter((id) => ours.includes(id));
    expect(await reasons()).toEqual({ 赵局长: [], 钱科长: [], 孙干事: [] });
    expect(await due()).toEqual([]);

    const complaint = await resolvedComplaint(t, 'xa-am1', { customerId: customer.id });
    expect(await reasons()).toEqual({ 赵局长: ['COMPLAINT_FOLLOW_UP'], 钱科长: ['COMPLAINT_FOLLOW_UP'], 孙干事: [] });
    expect((await due()).sort()).toEqual([boss.id, key.id].sort());
    // A wide scope walks the indexes: the province leader's due list has them too.
    const province = await listed('sx-leader', `{ careDue(first: 100) { nodes { id careDueReasons } } }`);
    expect(province).toEqual(expect.arrayContaining([boss.id, key.id]));

    // A care touch that happened before the resolution does not count; one after it does.
    await mustRecordCare(t, 'xa-am1', { contactId: boss.id, occurredAt: new Date(Date.now() - 30 * 60_000).toISOString() });
    expect((await reasons())['赵局长']).toEqual(['COMPLAINT_FOLLOW_UP']);
    await mustRecordCare(t, 'xa-am1', { contactId: boss.id, kind: 'VISIT', note: '投诉后回访' });
    expect(await reasons()).toEqual({ 赵局长: [], 钱科长: ['COMPLAINT_FOLLOW_UP'], 孙干事: [] });
    await mustRecordCare(t, 'xa-am1', { contactId: key.id, kind: 'CALL' });
    expect(await reasons()).toEqual({ 赵局长: [], 钱科长: [], 孙干事: [] });
    expect(await due()).toEqual([]);
    const [{ open }] = await t.db.query(`SELECT follow_up_open AS open FROM complaint WHERE id = $1`, [uuidOf(complaint.id)]);
    expect(open).toBe(false);
  });
});
