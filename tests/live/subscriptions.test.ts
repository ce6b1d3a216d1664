import { publish } from '../../src/platform/live/events';
import { skipPendingSteps } from '../../src/modules/opportunities/approvals.service';
import { dataOf, startTestApp, TestApp } from '../support/harness';
import { createClient } from 'graphql-ws';
import request from 'supertest';
import WebSocket from 'ws';
import { expectNothing, subscribe, waitFor, wsUrl } from '../support/live';
import { cityCustomer, countyCustomer, decideRaw, mustAct, mustCreateOpportunity, mustDecide, opportunityIn, uuidOf } from '../opportunities/builders';
import { deactivate, newStaff, staffId } from '../people/builders';
import { mustCreateContact, mustRecordCare, xianCustomer } from '../contacts/builders';

/**
 * Issue 17, live queues: subscriptions over graphql-ws, fanned out through
 * PostgreSQL LISTEN/NOTIFY, so a change committed through one instance
 * reaches subscribers on another; every event judged as the subscriber.
 */
const QUEUE = `subscription { approvalQueueChanged { kind at step { id state overdue opportunity { code stage } } delegation { id to { employeeNo } } } }`;
const OPPORTUNITY = `subscription($id: ID!) { opportunityChanged(id: $id) { id code stage version } }`;
const CARE = `subscription { careDueChanged { kind contact { id name mobile careStatus } } }`;

let a: TestApp;
let b: TestApp;
beforeAll(async () => {
  a = await startTestApp();
  b = await startTestApp({ DATABASE_URL: a.url });
});
afterAll(async () => {
  await b?.close();
  await a?.close();
});

describe('approvalQueueChanged across two instances', () => {
  it('a step opened and decided through instance A reaches its leader subscribed on instance B, and no leader of another city', async () => {
    const mine = await subscribe(b, 'xa-leader', QUEUE);
    const other = await subscribe(b, 'bj-leader', QUEUE);
    const o = await opportunityIn(a, 'PENDING_APPROVAL', (await cityCustomer(a)).id);
    const opened = await mine.nth(1);
    expect(opened.approvalQueueChanged).toMatchObject({ kind: 'OPENED', step: { id: o.currentStep.id, state: 'PENDING', opportunity: { code: o.code, stage: 'PENDING_APPROVAL' } } });

    await mustDecide(a, 'xa-leader', { stepId: o.currentStep.id, decision: 'APPROVE' });
    const decided = await mine.nth(2);
    expect(decided.approvalQueueChanged).toMatchObject({ kind: 'DECIDED', step: { id: o.currentStep.id, state: 'APPROVED', opportunity: { stage: 'APPROVED' } } });
    await expectNothing(other);
    await Promise.all([mine.stop(), other.stop()]);
  });

  it('a delegation reaches the delegate, and then the steps it covers do too', async () => {
    const delegate = await subscribe(b, 'xa-yt-leader', QUEUE);
    const res = dataOf(
      await a.gql('xa-leader', `mutation($input: DelegateApprovalsInput!) { delegateApprovals(input: $input) { delegation { id } userErrors { code } } }`, {
        input: {
          delegateId: (await a.gql('xa-yt-leader', '{ viewer { id } }')).body.data.viewer.id,
          from: new Date(Date.now() - 60_000).toISOString(),
          until: new Date(Date.now() + 3_600_000).toISOString(),
        },
      }),
    ).delegateApprovals;
    expect(res.userErrors).toEqual([]);
    expect((await delegate.nth(1)).approvalQueueChanged).toMatchObject({ kind: 'DELEGATED', step: null, delegation: { id: res.delegation.id, to: { employeeNo: 'xa-yt-leader' } } });
    const o = await opportunityIn(a, 'PENDING_APPROVAL', (await cityCustomer(a)).id);
    expect((await delegate.nth(2)).approvalQueueChanged).toMatchObject({ kind: 'OPENED', step: { id: o.currentStep.id } });
    await a.db.query(`DELETE FROM approval_delegation WHERE id = $1`, [uuidOf(res.delegation.id)]);
    await delegate.stop();
  });

  it('a rolled-back change sends nothing; the next committed one arrives first', async () => {
    const o = await opportunityIn(a, 'PENDING_APPROVAL', (await cityCustomer(a)).id);
    const mine = await subscribe(b, 'xa-leader', QUEUE);
    const opportunityId = (await a.db.query(`SELECT id FROM opportunity WHERE code = $1`, [o.code]))[0].id;
    await expect(
      a.db.transaction(async (tx) => {
        await skipPendingSteps(tx, opportunityId);
        throw new Error('rolled back on purpose');
      }),
    ).rejects.toThrow('rolled back on purpose');
    await mustDecide(a, 'xa-leader', { stepId: o.currentStep.id, decision: 'RETURN', comment: '补充材料' });
    expect((await mine.nth(1)).approvalQueueChanged).toMatchObject({ kind: 'DECIDED', step: { id: o.currentStep.id, state: 'RETURNED' } });
    await expectNothing({ ...mine, received: mine.received.slice(1) });
    await mine.stop();
  });

  it('overdue steps are announced once, by one instance, however many run the check', async () => {
    const o = await opportunityIn(a, 'PENDING_APPROVAL', (await cityCustomer(a)).id);
    const mine = await subscribe(b, 'xa-leader', QUEUE);
    await a.db.query(`UPDATE approval_step SET due_at = now() - interval '1 minute' WHERE id = $1`, [uuidOf(o.currentStep.id)]);
    const rounds = await Promise.all([a.app.live.checks.runOnce(), b.app.live.checks.runOnce(), a.app.live.checks.runOnce()]);
    expect(rounds.filter(Boolean).length).toBeGreaterThanOrEqual(1);
    await Promise.all([a.app.live.checks.runOnce(), b.app.live.checks.runOnce()]);
    expect((await mine.nth(1)).approvalQueueChanged).toMatchObject({ kind: 'OVERDUE', step: { id: o.currentStep.id, overdue: true } });
    await expectNothing({ ...mine, received: mine.received.slice(1) });
    await mine.stop();
  });

  it('recalling an opportunity withdraws its step from the queue', async () => {
    const o = await opportunityIn(a, 'PENDING_APPROVAL', (await cityCustomer(a)).id);
    const mine = await subscribe(b, 'xa-leader', QUEUE);
    await mustAct(a, 'xa-am1', 'recallOpportunity', { id: o.id });
    expect((await mine.nth(1)).approvalQueueChanged).toMatchObject({ kind: 'WITHDRAWN', step: { id: o.currentStep.id, state: 'SKIPPED' } });
    await mine.stop();
  });
});

describe('离职交接', () => {
  it('a leaver’s pending steps handed to a successor reach the successor’s queue, and their opportunities’ watchers', async () => {
    const leaver = await newStaff(a, ['COUNTY_LEADER'], '610113');
    let county = await mustCreateOpportunity(a, 'xa-yt-g1', { customerId: (await countyCustomer(a)).id });
    await mustAct(a, 'xa-yt-g1', 'submitOpportunity', { id: county.id });
    county = await mustAct(a, 'xa-support', 'evaluateOpportunity', { id: county.id, decision: 'ACCEPT' });
    const successor = await subscribe(b, 'xa-leader', QUEUE);
    const watching = await subscribe(b, 'xa-yt-g1', OPPORTUNITY, { id: county.id });
    const payload = await deactivate(a, leaver.id, { approvalsTo: await staffId(a, 'xa-leader') });
    expect(payload.userErrors).toEqual([]);
    const events = () => successor.received.map((e) => e.approvalQueueChanged).filter((e) => e.step?.id === county.currentStep.id);
    await waitFor(() => events().length > 0);
    expect(events()[0]).toMatchObject({ kind: 'HANDED_OVER', step: { state: 'PENDING', opportunity: { code: county.code } } });
    expect((await watching.nth(1)).opportunityChanged).toMatchObject({ id: county.id, stage: 'PENDING_APPROVAL' });
    await Promise.all([successor.stop(), watching.stop()]);
  });
});

describe('opportunityChanged', () => {
  it('follows one opportunity through its moves, from the other instance', async () => {
    const o = await opportunityIn(a, 'PENDING_APPROVAL', (await cityCustomer(a)).id);
    const watching = await subscribe(b, 'xa-am1', OPPORTUNITY, { id: o.id });
    await mustDecide(a, 'xa-leader', { stepId: o.currentStep.id, decision: 'APPROVE' });
    expect((await watching.nth(1)).opportunityChanged).toMatchObject({ id: o.id, stage: 'APPROVED', version: o.version + 1 });
    await mustAct(a, 'xa-am1', 'startOpportunity', { id: o.id });
    expect((await watching.nth(2)).opportunityChanged).toMatchObject({ stage: 'IN_PROGRESS' });
    await watching.stop();
  });

  it('an opportunity out of scope is refused exactly like one that does not exist', async () => {
    const o = await opportunityIn(a, 'DRAFT', (await cityCustomer(a)).id);
    const outside = await subscribe(b, 'bj-leader', OPPORTUNITY, { id: o.id });
    const unknown = await subscribe(b, 'bj-leader', OPPORTUNITY, { id: Buffer.from('Opportunity:00000000-0000-4000-8000-000000000000').toString('base64') });
    await waitFor(() => outside.errors.length > 0 && unknown.errors.length > 0);
    expect(outside.errors.map((e) => [e.message, e.extensions?.code])).toEqual(unknown.errors.map((e) => [e.message, e.extensions?.code]));
    expect(outside.errors[0].message).toBe('Opportunity not found');
    await Promise.all([outside.stop(), unknown.stop()]);
  });
});

describe('careDueChanged', () => {
  it('a contact added and cared for reaches its account manager, with personal data as the API shows it; not a manager of another book', async () => {
    const mine = await subscribe(b, 'xa-am1', CARE);
    const other = await subscribe(b, 'bj-am1', CARE);
    const customer = await xianCustomer(a, '西安市文旅局');
    const contact = await mustCreateContact(a, 'xa-am1', { customerId: customer.id, mobile: '13812345678' });
    expect((await mine.nth(1)).careDueChanged).toMatchObject({ kind: 'ADDED', contact: { id: contact.id, mobile: '13812345678', careStatus: 'OVERDUE' } });
    await mustRecordCare(a, 'xa-am1', { contactId: contact.id });
    expect((await mine.nth(2)).careDueChanged).toMatchObject({ kind: 'CARED_FOR', contact: { id: contact.id, careStatus: 'ON_TRACK' } });
    await expectNothing(other);
    await Promise.all([mine.stop(), other.stop()]);
  });

  it('the scheduled check announces care that fell due since it last ran, once', async () => {
    const customer = await xianCustomer(a, '西安市水务局');
    const contact = await mustCreateContact(a, 'xa-am1', { customerId: customer.id, careLevel: 'KEY_PERSON' });
    // KEY_PERSON: 30 days. Cared for 30 days and 10 minutes ago: due 10 minutes ago, after the last check an hour ago.
    await mustRecordCare(a, 'xa-am1', { contactId: contact.id, occurredAt: new Date(Date.now() - 30 * 86_400_000 - 600_000).toISOString() });
    await a.db.query(`UPDATE care_due_check SET checked_until = now() - interval '1 hour'`);
    const mine = await subscribe(b, 'xa-am1', CARE);
    await Promise.all([a.app.live.checks.runOnce(), b.app.live.checks.runOnce()]);
    await a.app.live.checks.runOnce();
    const events = () => mine.received.filter((e) => e.careDueChanged.contact.id === contact.id);
    await waitFor(() => events().length > 0);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(events().map((e) => e.careDueChanged.kind)).toEqual(['OVERDUE']);
    await mine.stop();
  });

  it('the scheduled check announces care coming due within its own level’s due-soon days, once', async () => {
    const customer = await xianCustomer(a, '西安市燃气集团');
    const keyPerson = await mustCreateContact(a, 'xa-am1', { customerId: customer.id, careLevel: 'KEY_PERSON' });
    const liaison = await mustCreateContact(a, 'xa-am1', { customerId: customer.id, careLevel: 'LIAISON' });
    const ago = (days: number) => new Date(Date.now() - days * 86_400_000 - 600_000).toISOString();
    // Both fall due in 6 days 23 h 50 min. KEY_PERSON (30 days, due soon 7 days before): its window opened 10 minutes ago.
    // LIAISON (14 days, due soon 3 days before here): not for another 4 days, though KEY_PERSON's 7 days would have opened it.
    await mustRecordCare(a, 'xa-am1', { contactId: keyPerson.id, occurredAt: ago(23) });
    await mustRecordCare(a, 'xa-am1', { contactId: liaison.id, occurredAt: ago(7) });
    await a.db.query(`UPDATE care_policy SET due_soon_days = 3 WHERE care_level = 'LIAISON'`);
    try {
      await a.db.query(`UPDATE care_due_check SET checked_until = now() - interval '1 hour'`);
      const mine = await subscribe(b, 'xa-am1', CARE);
      await Promise.all([a.app.live.checks.runOnce(), b.app.live.checks.runOnce()]);
      await a.app.live.checks.runOnce();
      const events = (id: string) => mine.received.filter((e) => e.careDueChanged.contact.id === id).map((e) => e.careDueChanged.kind);
      await waitFor(() => events(keyPerson.id).length > 0);
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(events(keyPerson.id)).toEqual(['DUE_SOON']);
      expect(events(liaison.id)).toEqual([]);
      await mine.stop();
    } finally {
      await a.db.query(`UPDATE care_policy SET due_soon_days = 7 WHERE care_level = 'LIAISON'`);
    }
  });
});

describe('the WebSocket endpoint', () => {
  it('refuses a bad, expired or missing token, and a deactivated user, before anything runs', async () => {
    const expired = await a.token('xa-leader', '-1s');
    await a.db.query(`INSERT INTO staff (employee_no, name, roles, region_id, active) SELECT 'live-retired', '离职', roles, region_id, false FROM staff WHERE employee_no = 'xa-leader'`);
    for (const [as, token] of [
      [null, 'not-a-jwt'],
      [null, expired],
      [null, null],
      ['live-retired', undefined],
    ] as const) {
      const sub = await subscribe(b, as, QUEUE, {}, token);
      await waitFor(() => sub.closedWith !== null);
      expect(sub.closedWith).toBe(4403);
      expect(sub.received).toEqual([]);
    }
  });

  it('runs at most 20 subscriptions on one connection, and counts them in /metrics', async () => {
    const client = createClient({ url: await wsUrl(b), webSocketImpl: WebSocket, connectionParams: { authorization: `Bearer ${await b.token('xa-leader')}` }, retryAttempts: 0 });
    const errors: unknown[] = [];
    const opened = b.app.live.listener.streamsOpened;
    const stops = Array.from({ length: 21 }, () => client.subscribe({ query: QUEUE }, { next: () => undefined, error: (e) => errors.push(e), complete: () => undefined }));
    await waitFor(() => b.app.live.listener.streamsOpened - opened === 20 && errors.length === 1);
    expect(JSON.stringify(errors[0])).toContain('At most 20 subscriptions');
    const metrics = await request(b.app.express).get('/metrics');
    expect(metrics.text).toMatch(/^crm_live_subscriptions (2\d)$/m);
    expect(metrics.text).toMatch(/^crm_live_listening 1$/m);
    stops.forEach((stop) => stop());
    await client.dispose();
  });

  it('serves subscriptions only: a query over the socket is refused', async () => {
    const sub = await subscribe(b, 'xa-leader', '{ viewer { name } }');
    await waitFor(() => sub.errors.length > 0);
    expect(JSON.stringify(sub.errors)).toContain('Only subscriptions are served over WebSocket');
    await sub.stop();
  });

  it('the LISTEN connection comes back after it is cut, and events flow again', async () => {
    const listener = b.app.live.listener;
    const pid = await listener.backendPid();
    await a.db.query(`SELECT pg_terminate_backend($1)`, [pid]);
    await waitFor(() => !listener.listening || false, 2000).catch(() => undefined);
    await listener.whenListening();
    expect(await listener.backendPid()).not.toBe(pid);
    const mine = await subscribe(b, 'xa-leader', QUEUE);
    const o = await opportunityIn(a, 'PENDING_APPROVAL', (await cityCustomer(a)).id);
    expect((await mine.nth(1)).approvalQueueChanged).toMatchObject({ kind: 'OPENED', step: { id: o.currentStep.id } });
    await mine.stop();
  });

  it('publish() inside a transaction that commits is delivered; the decideRaw helper still answers over HTTP', async () => {
    const mine = await subscribe(b, 'xa-leader', QUEUE);
    await a.db.transaction((tx) => publish(tx, { topic: 'approval', kind: 'OPENED', id: '00000000-0000-4000-8000-000000000000' }));
    // An id that exists nowhere is dropped at delivery, like one out of scope.
    await expectNothing(mine);
    expect((await decideRaw(a, 'xa-leader', { stepId: 'nope', decision: 'APPROVE' })).status).toBe(200);
    await mine.stop();
  });
});
