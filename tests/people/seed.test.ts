import { createLogger } from '../../src/platform/logger';
import { demoSeedSteps } from '../../src/seed';
import { runSeedSteps } from '../../src/seed/runner';
import { dataOf, errorCodes, startTestApp, TestApp } from '../support/harness';

/** The demo province shows issue 14: a handed-over leaver, a pending change request, a merged customer, a contact who left. */
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
  await runSeedSteps(t.db, demoSeedSteps, createLogger('silent'));
});
afterAll(() => t.close());

describe('the demo people and rules', () => {
  it('has a leaver whose customers were handed over, with the handover in their history', async () => {
    expect(errorCodes(await t.gql('xa-am9', `{ viewer { id } }`))).toEqual(['UNAUTHENTICATED']);
    const customers = dataOf(await t.gql('xa-am3', `{ groupCustomers(first: 100, filter: { text: "西安市水务集团" }) { nodes { history(first: 5) { nodes { action actor { employeeNo } } } } } }`))
      .groupCustomers.nodes;
    expect(customers).toHaveLength(1);
    expect(customers[0].history.nodes[0]).toEqual({ action: 'HANDOVER', actor: { employeeNo: 'admin' } });
  });

  it('has a request to raise a customer to A2 in the province leaders’ queue', async () => {
    const queue = dataOf(await t.gql('sx-leader', `{ reclassificationQueue(first: 10) { nodes { toGrade state requestedBy { employeeNo } customer { code } } } }`)).reclassificationQueue.nodes;
    expect(queue).toEqual([expect.objectContaining({ toGrade: 'A2', state: 'PENDING', requestedBy: { employeeNo: 'xa-am1' } })]);
  });

  it('has a merged customer whose code finds the survivor', async () => {
    const [alias] = await t.db.query(`SELECT a.code, c.code AS survivor FROM customer_code_alias a JOIN group_customer c ON c.id = a.customer_id`);
    expect(dataOf(await t.gql('xa-am1', `query($code: String) { groupCustomer(code: $code) { code } }`, { code: alias.code })).groupCustomer).toEqual({ code: alias.survivor });
  });

  it('has a key person who left, no longer due for care', async () => {
    const left = dataOf(await t.gql('xa-am1', `{ contacts(first: 10, filter: { careStatuses: [LEFT] }) { nodes { id leftOn } } }`)).contacts.nodes;
    expect(left).toHaveLength(1);
    const due = dataOf(await t.gql('xa-am1', `{ careDue(withinDays: 365, first: 100) { nodes { id } } }`)).careDue.nodes.map((n: { id: string }) => n.id);
    expect(due).not.toContain(left[0].id);
  });
});
