import { dataOf, errorCodes, expectUserError, startTestApp, TestApp } from '../support/harness';
import { mustCreateCustomer, nextCreditCode } from '../customers/builders';
import { mustCreateContact, mustRecordCare } from '../contacts/builders';
import { mustCreateOpportunity, reportOpportunity } from '../opportunities/builders';
import { foreignKeysTo } from './builders';

/** DOMAIN.md: People and rules — duplicate customers are merged by an admin; the merged code stays findable. */
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t?.close());

const USER_ERRORS = 'userErrors { code message field }';
const MERGE = `mutation($input: MergeGroupCustomersInput!) { mergeGroupCustomers(input: $input) { groupCustomer { id code creditCode version } ${USER_ERRORS} } }`;
const mergeRaw = (as: string, input: Record<string, unknown>) => t.gql(as, MERGE, { input });
const merge = async (input: Record<string, unknown>) => dataOf(await mergeRaw('admin', input)).mergeGroupCustomers;
const SET_PARENT = `mutation($input: SetCustomerParentInput!) { setCustomerParent(input: $input) { userErrors { code } } }`;
const ADD_RELATION = `mutation($input: AddCustomerRelationInput!) { addCustomerRelation(input: $input) { customerRelation { id } ${USER_ERRORS} } }`;
const REMOVE_RELATION = `mutation($input: RemoveCustomerRelationInput!) { removeCustomerRelation(input: $input) { removedId ${USER_ERRORS} } }`;
const uuid = (id: string) => Buffer.from(id, 'base64').toString().split(':')[1];

/** A customer with a contact who was cared for, a draft opportunity, a member unit and a relation to another customer. */
async function customerWithEverything(name: string, creditCode: string | null = null) {
  const customer = await mustCreateCustomer(t, 'xa-am1', { name, creditCode });
  const contact = await mustCreateContact(t, 'xa-am1', { customerId: customer.id, name: `${name}联系人` });
  await mustRecordCare(t, 'xa-am1', { contactId: contact.id, note: '拜访' });
  const opportunity = await mustCreateOpportunity(t, 'xa-am1', { customerId: customer.id });
  const child = await mustCreateCustomer(t, 'xa-am1', { name: `${name}成员单位` });
  expect(dataOf(await t.gql('xa-am1', SET_PARENT, { input: { id: child.id, parentId: customer.id } })).setCustomerParent.userErrors).toEqual([]);
  const other = await mustCreateCustomer(t, 'xa-am1', { name: `${name}关联方` });
  const relation = dataOf(await t.gql('xa-am1', ADD_RELATION, { input: { fromId: customer.id, toId: other.id, type: 'AFFILIATE' } })).addCustomerRelation.customerRelation;
  return { customer, contact, opportunity, child, other, relation };
}

async function referenceCounts(customerId: string): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const { table, column } of await foreignKeysTo(t, 'group_customer')) {
    counts[`${table}.${column}`] = (await t.db.query(`SELECT count(*)::int AS n FROM "${table}" WHERE "${column}" = $1`, [uuid(customerId)]))[0].n;
  }
  return counts;
}

describe('mergeGroupCustomers', () => {
  it('moves contacts, opportunities, relations, care, history and member units to the survivor; the merged code finds the survivor', async () => {
    const survivor = await customerWithEverything('合并存续客户');
    const code = nextCreditCode();
    const merged = await customerWithEverything('合并重复客户', code);
    const payload = await merge({ survivorId: survivor.customer.id, mergedId: merged.customer.id, expectedVersions: { survivor: survivor.customer.version, merged: merged.customer.version } });
    expect(payload.userErrors).toEqual([]);
    // The survivor had no credit code: it takes the duplicate's.
    expect(payload.groupCustomer).toMatchObject({ id: survivor.customer.id, creditCode: code });
    expect(dataOf(await t.gql('xa-am1', `query($code: String) { groupCustomer(code: $code) { id } }`, { code: merged.customer.code })).groupCustomer).toEqual({ id: survivor.customer.id });
    expect(dataOf(await t.gql('xa-am1', `query($id: ID) { groupCustomer(id: $id) { id } }`, { id: merged.customer.id })).groupCustomer).toBeNull();
    // Another account manager still finds nothing by the old code: the alias reads in scope.
    expect(dataOf(await t.gql('xa-am2', `query($code: String) { groupCustomer(code: $code) { id } }`, { code: merged.customer.code })).groupCustomer).toBeNull();

    const READ = `query($id: ID!) { groupCustomer(id: $id) {
      contacts(first: 10) { nodes { id careActivities(first: 5) { totalCount } } }
      opportunities(first: 10) { nodes { id history(first: 10) { nodes { action } } } }
      children(first: 10) { nodes { id } }
      relations { id }
      history(first: 50) { nodes { action changes { field from to } } } } }`;
    const read = dataOf(await t.gql('xa-am1', READ, { id: survivor.customer.id })).groupCustomer;
    expect(read.contacts.nodes.map((c: { id: string }) => c.id).sort()).toEqual([survivor.contact.id, merged.contact.id].sort());
    expect(read.contacts.nodes.every((c: { careActivities: { totalCount: number } }) => c.careActivities.totalCount === 1)).toBe(true);
    expect(read.opportunities.nodes.map((o: { id: string }) => o.id).sort()).toEqual([survivor.opportunity.id, merged.opportunity.id].sort());
    expect(read.opportunities.nodes.find((o: { id: string }) => o.id === merged.opportunity.id).history.nodes.map((e: { action: string }) => e.action)).toContain('CUSTOMER_MERGED');
    expect(read.children.nodes.map((c: { id: string }) => c.id).sort()).toEqual([survivor.child.id, merged.child.id].sort());
    expect(read.relations.map((r: { id: string }) => r.id).sort()).toEqual([survivor.relation.id, merged.relation.id].sort());
    expect(read.history.nodes[0]).toEqual({
      action: 'MERGE',
      changes: [
        { field: 'merged', from: merged.customer.code, to: null },
        { field: 'creditCode', from: null, to: code },
      ],
    });
    // The duplicate's own history came along.
    expect(read.history.nodes.filter((h: { action: string }) => h.action === 'CREATE')).toHaveLength(2);
  });

  it('leaves no row of any table pointing at the merged customer, and loses none (every foreign key to group_customer, found in the catalogue)', async () => {
    const survivor = await customerWithEverything('外键存续客户');
    const merged = await customerWithEverything('外键重复客户');
    const [beforeSurvivor, beforeMerged] = [await referenceCounts(survivor.customer.id), await referenceCounts(merged.customer.id)];
    expect(Object.keys(beforeSurvivor).length).toBeGreaterThanOrEqual(8);
    expect((await merge({ survivorId: survivor.customer.id, mergedId: merged.customer.id })).userErrors).toEqual([]);
    const [afterSurvivor, afterMerged] = [await referenceCounts(survivor.customer.id), await referenceCounts(merged.customer.id)];
    expect(Object.values(afterMerged).every((n) => n === 0)).toBe(true);
    // What the merge itself adds: the survivor's MERGE history entry and the merged code's alias.
    const added: Record<string, number> = { 'customer_change.customer_id': 1, 'customer_code_alias.customer_id': 1 };
    const expected = Object.fromEntries(Object.keys(beforeSurvivor).map((key) => [key, beforeSurvivor[key] + beforeMerged[key] + (added[key] ?? 0)]));
    expect(afterSurvivor).toEqual(expected);
  });

  it('refuses two different credit codes, saying which, and changes nothing', async () => {
    const a = await mustCreateCustomer(t, 'xa-am1', { name: '信用代码甲', creditCode: nextCreditCode() });
    const b = await mustCreateCustomer(t, 'xa-am1', { name: '信用代码乙', creditCode: nextCreditCode() });
    const error = expectUserError(await merge({ survivorId: a.id, mergedId: b.id }), 'MERGE_CONFLICT', 'mergedId');
    expect(error.message).toContain(a.creditCode);
    expect(error.message).toContain(b.creditCode);
    expect(dataOf(await t.gql('admin', `query($id: ID) { groupCustomer(id: $id) { id } }`, { id: b.id })).groupCustomer).toEqual({ id: b.id });
  });

  it('refuses when two partners’ registrations would then protect the survivor for the same product line (撞单)', async () => {
    const a = await mustCreateCustomer(t, 'xa-am1', { name: '报备甲' });
    const b = await mustCreateCustomer(t, 'xa-am1', { name: '报备乙' });
    const first = await reportOpportunity(t, 'p-huaxin', { customerId: a.id, products: ['IOT'], idempotencyKey: `merge-a-${Date.now()}` });
    const second = await reportOpportunity(t, 'p-zhilian', { customerId: b.id, products: ['IOT'], idempotencyKey: `merge-b-${Date.now()}` });
    expect([first.userErrors, second.userErrors]).toEqual([[], []]);
    const error = expectUserError(await merge({ survivorId: a.id, mergedId: b.id }), 'MERGE_CONFLICT', 'mergedId');
    expect(error.message).toContain(first.opportunity.code);
    expect(error.message).toContain(second.opportunity.code);
  });

  it('refuses a stale version, a customer merged into itself, and anyone but an admin', async () => {
    const a = await mustCreateCustomer(t, 'xa-am1', { name: '版本甲' });
    const b = await mustCreateCustomer(t, 'xa-am1', { name: '版本乙' });
    expectUserError(await merge({ survivorId: a.id, mergedId: b.id, expectedVersions: { merged: b.version + 1 } }), 'VERSION_CONFLICT', 'expectedVersions.merged');
    expectUserError(await merge({ survivorId: a.id, mergedId: a.id }), 'VALIDATION', 'mergedId');
    for (const who of ['xa-am1', 'xa-leader', 'sx-leader', 'p-huaxin']) expect(errorCodes(await mergeRaw(who, { survivorId: a.id, mergedId: b.id }))).toEqual(['FORBIDDEN']);
  });

  it('a member unit merging its group HQ away takes the HQ’s place', async () => {
    const top = await mustCreateCustomer(t, 'xa-am1', { name: '顶层总部' });
    const hq = await mustCreateCustomer(t, 'xa-am1', { name: '重复的总部' });
    const unit = await mustCreateCustomer(t, 'xa-am1', { name: '真正的总部' });
    await t.gql('xa-am1', SET_PARENT, { input: { id: hq.id, parentId: top.id } });
    await t.gql('xa-am1', SET_PARENT, { input: { id: unit.id, parentId: hq.id } });
    expect((await merge({ survivorId: unit.id, mergedId: hq.id })).userErrors).toEqual([]);
    expect(dataOf(await t.gql('xa-am1', `query($id: ID) { groupCustomer(id: $id) { parent { id } } }`, { id: unit.id })).groupCustomer.parent).toEqual({ id: top.id });
    // Deeper down, the survivor must move up first.
    const deep = await mustCreateCustomer(t, 'xa-am1', { name: '深层成员' });
    await t.gql('xa-am1', SET_PARENT, { input: { id: deep.id, parentId: unit.id } });
    expectUserError(await merge({ survivorId: deep.id, mergedId: top.id }), 'HIERARCHY_CYCLE', 'survivorId');
  });

  it('racing merges of the same two customers, either way round: exactly one wins', async () => {
    const a = await mustCreateCustomer(t, 'xa-am1', { name: '竞争甲' });
    const b = await mustCreateCustomer(t, 'xa-am1', { name: '竞争乙' });
    const payloads = await Promise.all(Array.from({ length: 6 }, (_, i) => merge(i % 2 ? { survivorId: a.id, mergedId: b.id } : { survivorId: b.id, mergedId: a.id })));
    expect(payloads.filter((p) => p.userErrors.length === 0)).toHaveLength(1);
    expect(payloads.filter((p) => p.userErrors.length).every((p) => p.userErrors[0].code === 'NOT_FOUND')).toBe(true);
    const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM group_customer WHERE id IN ($1, $2)`, [uuid(a.id), uuid(b.id)]);
    expect(n).toBe(1);
  });
});

describe('removeCustomerRelation', () => {
  it('takes off a relation added by mistake, with a history entry; others cannot', async () => {
    const a = await mustCreateCustomer(t, 'xa-am1', { name: '误加关系甲' });
    const b = await mustCreateCustomer(t, 'xa-am1', { name: '误加关系乙' });
    const relation = dataOf(await t.gql('xa-am1', ADD_RELATION, { input: { fromId: a.id, toId: b.id, type: 'GUARANTEE' } })).addCustomerRelation.customerRelation;
    expectUserError(dataOf(await t.gql('xa-am2', REMOVE_RELATION, { input: { id: relation.id } })).removeCustomerRelation, 'NOT_FOUND', 'id');
    expect(errorCodes(await t.gql('xa-leader', REMOVE_RELATION, { input: { id: relation.id } }))).toEqual(['FORBIDDEN']);
    expect(dataOf(await t.gql('xa-am1', REMOVE_RELATION, { input: { id: relation.id } })).removeCustomerRelation).toEqual({ removedId: relation.id, userErrors: [] });
    const read = dataOf(
      await t.gql('xa-am1', `query($id: ID) { groupCustomer(id: $id) { relations { id } history(first: 1) { nodes { action changes { field from to } } } } }`, { id: a.id }),
    ).groupCustomer;
    expect(read.relations).toEqual([]);
    expect(read.history.nodes[0]).toEqual({ action: 'REMOVE_RELATION', changes: [{ field: 'relations', from: `GUARANTEE ${b.id}`, to: null }] });
    expectUserError(dataOf(await t.gql('xa-am1', REMOVE_RELATION, { input: { id: relation.id } })).removeCustomerRelation, 'NOT_FOUND', 'id');
  });
});
