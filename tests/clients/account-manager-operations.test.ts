import { print } from 'graphql';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { CareDueDocument, MyCustomersDocument, RecordCareActivityDocument } from '../../examples/account-manager/generated/graphql';
import { mustCreateContact } from '../contacts/builders';
import { mustCreateCustomer } from '../customers/builders';
import { dataOf, startTestApp, TestApp } from '../support/harness';

/**
 * The account-manager example operations (examples/account-manager) run as
 * `xa-am1` through their generated TypedDocumentNodes, the results typed by
 * them: the morning care list, a customer search, and a care visit.
 */
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

async function run<R, V>(as: string, document: TypedDocumentNode<R, V>, variables: V): Promise<R> {
  return dataOf(await t.gql<R>(as, print(document), variables as Record<string, unknown>));
}

it('an account manager searches their customers, sees who is due for care, records a visit, and the list moves', async () => {
  const customer = await mustCreateCustomer(t, 'xa-am1', { name: '西安示例物流有限公司', monthlyRevenue: '52000.00' });
  await mustCreateCustomer(t, 'xa-am2', { name: '西安示例物流二公司' });
  const contact = await mustCreateContact(t, 'xa-am1', { customerId: customer.id, name: '总经理王', careLevel: 'MANAGEMENT' });

  const found = (await run('xa-am1', MyCustomersDocument, { text: '示例物流' })).groupCustomers;
  expect(found.nodes.map((c) => c.name)).toEqual(['西安示例物流有限公司']);
  expect(found).toMatchObject({ totalCount: 1, totalCountCapped: false, pageInfo: { hasNextPage: false } });
  expect(found.nodes[0].monthlyRevenue).toBe('52000.00');

  const due = (await run('xa-am1', CareDueDocument, { withinDays: 7 })).careDue;
  const entry = due.nodes.find((c) => c.id === contact.id);
  expect(entry).toMatchObject({ careStatus: 'OVERDUE', careDueReasons: ['OVERDUE'], customer: { name: '西安示例物流有限公司' } });

  const recorded = (await run('xa-am1', RecordCareActivityDocument, { input: { contactId: contact.id, kind: 'VISIT', note: '上门拜访', cost: '0' } })).recordCareActivity;
  expect(recorded.userErrors).toEqual([]);
  expect(recorded.careActivity?.contact.careStatus).toBe('ON_TRACK');
  const after = (await run('xa-am1', CareDueDocument, { withinDays: 7 })).careDue;
  expect(after.nodes.map((c) => c.id)).not.toContain(contact.id);

  const refused = (await run('xa-am1', RecordCareActivityDocument, { input: { contactId: contact.id, kind: 'GIFT', cost: '-1' } })).recordCareActivity;
  expect(refused.userErrors).toEqual([expect.objectContaining({ code: 'VALIDATION', field: ['input', 'cost'] })]);
});
