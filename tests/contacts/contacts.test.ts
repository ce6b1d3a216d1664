import { dataOf, errorCodes, expectUserError, startTestApp, TestApp } from '../support/harness';
import { createContact, CREATE_CONTACT, DAY, mustCreateContact, recordCare, UPDATE_CONTACT, uuidOf, xianCustomer } from './builders';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const contactCount = async () => Number((await t.db.query(`SELECT count(*) AS n FROM contact`))[0].n);
const activityCount = async () => Number((await t.db.query(`SELECT count(*) AS n FROM care_activity`))[0].n);

describe('keeping the key people of a customer', () => {
  it('the account manager adds a contact with every field, normalised', async () => {
    const customer = await xianCustomer(t);
    const contact = await mustCreateContact(t, 'xa-am1', {
      customerId: customer.id,
      name: ' 王建华 ',
      title: '局长',
      department: '办公室',
      careLevel: 'MANAGEMENT',
      decisionRole: 'DECISION_MAKER',
      attitude: 'SUPPORTER',
      mobile: '+86 138-1234-5678',
      email: 'Wang.JH@Example.COM',
      birthday: '1972-03-15',
      note: '喜欢书法',
    });
    expect(contact).toMatchObject({
      name: '王建华',
      title: '局长',
      department: '办公室',
      careLevel: 'MANAGEMENT',
      decisionRole: 'DECISION_MAKER',
      attitude: 'SUPPORTER',
      mobile: '13812345678',
      email: 'Wang.JH@example.com',
      birthday: '1972-03-15',
      note: '喜欢书法',
      version: 1,
      reportsTo: null,
      customer: { id: customer.id },
    });
  });

  it("lists contacts across the viewer's scope and per customer, filtered by level and text", async () => {
    const customer = await xianCustomer(t, '西安市公安局');
    const chief = await mustCreateContact(t, 'xa-am1', { customerId: customer.id, name: '赵局长', careLevel: 'MANAGEMENT', department: '局领导' });
    await mustCreateContact(t, 'xa-am1', {
      customerId: customer.id,
      name: '钱科长',
      careLevel: 'KEY_PERSON',
      department: '科技信息化处',
      reportsToId: chief.id,
    });
    await mustCreateContact(t, 'xa-am1', { customerId: customer.id, name: '孙干事', careLevel: 'LIAISON', department: '科技信息化处' });
    const nested = dataOf(
      await t.gql('xa-am1', `query($id: ID!) { groupCustomer(id: $id) { contacts(filter: { careLevels: [KEY_PERSON, LIAISON] }) { totalCount nodes { name } } } }`, { id: customer.id }),
    );
    expect(nested.groupCustomer.contacts).toEqual({ totalCount: 2, nodes: [{ name: '孙干事' }, { name: '钱科长' }] });
    const byText = dataOf(await t.gql('xa-am1', `query($c: ID!) { contacts(filter: { customerId: $c, text: "信息化" }) { nodes { name } } }`, { c: customer.id }));
    expect(byText.contacts.nodes.map((n: { name: string }) => n.name).sort()).toEqual(['孙干事', '钱科长']);
    const directReports = dataOf(await t.gql('xa-am1', `query($id: ID!) { node(id: $id) { ... on Contact { directReports { name } } } }`, { id: chief.id }));
    expect(directReports.node.directReports).toEqual([{ name: '钱科长' }]);
  });

  it('another account manager, a support manager and a partner cannot see or add them', async () => {
    const customer = await xianCustomer(t, '西安市人社局');
    const contact = await mustCreateContact(t, 'xa-am1', { customerId: customer.id });
    for (const who of ['xa-am2', 'xa-support', 'p-huaxin']) {
      expect(dataOf(await t.gql(who, `query($id: ID!) { node(id: $id) { id } }`, { id: contact.id })).node).toBeNull();
      expect(dataOf(await t.gql(who, `query($c: ID!) { contacts(filter: { customerId: $c }) { totalCount } }`, { c: customer.id })).contacts.totalCount).toBe(0);
    }
    const refused = await createContact(t, 'xa-am2', { customerId: customer.id });
    expectUserError(refused, 'NOT_FOUND', 'customerId');
  });

  it('a leader over the customer reads contacts but may not change them', async () => {
    const customer = await xianCustomer(t, '西安市交通局');
    const contact = await mustCreateContact(t, 'xa-am1', { customerId: customer.id });
    expect(dataOf(await t.gql('xa-leader', `query($id: ID!) { node(id: $id) { id } }`, { id: contact.id })).node).toEqual({ id: contact.id });
    expect(errorCodes(await t.gql('xa-leader', CREATE_CONTACT, { input: { customerId: customer.id, name: '新人', careLevel: 'OTHER' } }))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await t.gql('xa-leader', UPDATE_CONTACT, { input: { id: contact.id, name: '改名' } }))).toEqual(['FORBIDDEN']);
  });
});

describe('the org chart', () => {
  it('reports-to must be a contact of the same customer', async () => {
    const a = await xianCustomer(t, '客户甲');
    const b = await xianCustomer(t, '客户乙');
    const inB = await mustCreateContact(t, 'xa-am1', { customerId: b.id });
    const before = await contactCount();
    expectUserError(await createContact(t, 'xa-am1', { customerId: a.id, reportsToId: inB.id }), 'VALIDATION', 'reportsToId');
    expectUserError(await createContact(t, 'xa-am1', { customerId: a.id, reportsToId: 'bm9wZQ==' }), 'VALIDATION', 'reportsToId');
    expect(await contactCount()).toBe(before);
  });

  it('refuses a cycle, directly or through several levels, and writes nothing', async () => {
    const customer = await xianCustomer(t, '客户丙');
    const top = await mustCreateContact(t, 'xa-am1', { customerId: customer.id, name: '一把手', careLevel: 'MANAGEMENT' });
    const middle = await mustCreateContact(t, 'xa-am1', { customerId: customer.id, name: '处长', reportsToId: top.id });
    const bottom = await mustCreateContact(t, 'xa-am1', { customerId: customer.id, name: '科员', careLevel: 'LIAISON', reportsToId: middle.id });
    const self = dataOf(await t.gql('xa-am1', UPDATE_CONTACT, { input: { id: top.id, reportsToId: top.id } })).updateContact;
    expectUserError(self, 'VALIDATION', 'reportsToId');
    const loop = dataOf(await t.gql('xa-am1', UPDATE_CONTACT, { input: { id: top.id, reportsToId: bottom.id, name: '不该改' } })).updateContact;
    expectUserError(loop, 'VALIDATION', 'reportsToId');
    const unchanged = dataOf(await t.gql('xa-am1', `query($id: ID!) { node(id: $id) { ... on Contact { name version reportsTo { id } } } }`, { id: top.id })).node;
    expect(unchanged).toEqual({ name: '一把手', version: 1, reportsTo: null });
    const moved = dataOf(await t.gql('xa-am1', UPDATE_CONTACT, { input: { id: bottom.id, reportsToId: top.id } })).updateContact;
    expect(moved.contact.reportsTo).toEqual({ id: top.id, name: '一把手' });
    const detached = dataOf(await t.gql('xa-am1', UPDATE_CONTACT, { input: { id: bottom.id, reportsToId: null } })).updateContact;
    expect(detached.contact.reportsTo).toBeNull();
  });

  it('two people closing a loop at the same time: at most one succeeds', async () => {
    const customer = await xianCustomer(t, '客户丁');
    const a = await mustCreateContact(t, 'xa-am1', { customerId: customer.id, name: '甲' });
    const b = await mustCreateContact(t, 'xa-am1', { customerId: customer.id, name: '乙' });
    const [one, two] = await Promise.all([t.gql('xa-am1', UPDATE_CONTACT, { input: { id: a.id, reportsToId: b.id } }), t.gql('xa-am1', UPDATE_CONTACT, { input: { id: b.id, reportsToId: a.id } })]);
    const errors = [dataOf(one).updateContact.userErrors, dataOf(two).updateContact.userErrors];
    expect(errors.filter((e) => e.length === 0)).toHaveLength(1);
    const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM contact WHERE id IN ($1, $2) AND reports_to_id IS NOT NULL`, [uuidOf(a.id), uuidOf(b.id)]);
    expect(n).toBe(1);
  });
});

describe('changing a contact', () => {
  it('keeps omitted fields, clears fields set to null, and bumps the version', async () => {
    const customer = await xianCustomer(t, '客户戊');
    const contact = await mustCreateContact(t, 'xa-am1', { customerId: customer.id, title: '主任', mobile: '13912345678', note: '备注' });
    const updated = dataOf(await t.gql('xa-am1', UPDATE_CONTACT, { input: { id: contact.id, expectedVersion: 1, careLevel: 'MANAGEMENT', note: null } })).updateContact;
    expect(updated.userErrors).toEqual([]);
    expect(updated.contact).toMatchObject({ title: '主任', mobile: '13912345678', careLevel: 'MANAGEMENT', note: null, version: 2 });
  });

  it('a stale expectedVersion answers VERSION_CONFLICT and changes nothing', async () => {
    const customer = await xianCustomer(t, '客户己');
    const contact = await mustCreateContact(t, 'xa-am1', { customerId: customer.id });
    await t.gql('xa-am1', UPDATE_CONTACT, { input: { id: contact.id, expectedVersion: 1, title: '处长' } });
    const stale = dataOf(await t.gql('xa-am1', UPDATE_CONTACT, { input: { id: contact.id, expectedVersion: 1, title: '科长' } })).updateContact;
    expectUserError(stale, 'VERSION_CONFLICT', 'expectedVersion');
    const [{ title }] = await t.db.query(`SELECT title FROM contact WHERE id = $1`, [uuidOf(contact.id)]);
    expect(title).toBe('处长');
  });

  it('concurrent updates with the same version: exactly one wins', async () => {
    const customer = await xianCustomer(t, '客户庚');
    const contact = await mustCreateContact(t, 'xa-am1', { customerId: customer.id });
    const results = await Promise.all(['甲', '乙', '丙'].map((title) => t.gql('xa-am1', UPDATE_CONTACT, { input: { id: contact.id, expectedVersion: 1, title } })));
    const payloads = results.map((r) => dataOf(r).updateContact);
    expect(payloads.filter((p) => p.userErrors.length === 0)).toHaveLength(1);
    expect(payloads.filter((p) => p.userErrors[0]?.code === 'VERSION_CONFLICT')).toHaveLength(2);
  });

  it('an unknown contact is NOT_FOUND', async () => {
    const res = dataOf(await t.gql('xa-am1', UPDATE_CONTACT, { input: { id: Buffer.from('Contact:00000000-0000-4000-8000-000000000000').toString('base64'), title: 'x' } })).updateContact;
    expectUserError(res, 'NOT_FOUND', 'id');
  });
});

describe('bad input is a VALIDATION error naming the field, and nothing is written', () => {
  it.each([
    ['mobile', { mobile: '12345678901' }],
    ['mobile', { mobile: '029-88886666' }],
    ['email', { email: 'not-an-email' }],
    ['birthday', { birthday: '1990-02-30' }],
    ['birthday', { birthday: '2999-01-01' }],
    ['name', { name: '' }],
  ])('on create: %s %p', async (field, bad) => {
    const customer = await xianCustomer(t, `坏输入${field}`);
    const before = await contactCount();
    const res = await createContact(t, 'xa-am1', { customerId: customer.id, ...bad });
    expectUserError(res, 'VALIDATION', field);
    expect(res.contact).toBeNull();
    expect(await contactCount()).toBe(before);
  });

  it('on update: malformed mobile and email together, each named', async () => {
    const customer = await xianCustomer(t, '客户辛');
    const contact = await mustCreateContact(t, 'xa-am1', { customerId: customer.id, mobile: '13812345678' });
    const res = dataOf(await t.gql('xa-am1', UPDATE_CONTACT, { input: { id: contact.id, mobile: '1381234', email: 'x@' } })).updateContact;
    expectUserError(res, 'VALIDATION', 'mobile');
    expectUserError(res, 'VALIDATION', 'email');
  });

  it('on recording care: future time, unknown contact, negative cost', async () => {
    const customer = await xianCustomer(t, '客户壬');
    const contact = await mustCreateContact(t, 'xa-am1', { customerId: customer.id });
    const before = await activityCount();
    expectUserError(await recordCare(t, 'xa-am1', { contactId: contact.id, occurredAt: new Date(Date.now() + DAY).toISOString() }), 'VALIDATION', 'occurredAt');
    expectUserError(await recordCare(t, 'xa-am1', { contactId: Buffer.from('Contact:00000000-0000-4000-8000-000000000000').toString('base64') }), 'VALIDATION', 'contactId');
    expectUserError(await recordCare(t, 'xa-am1', { contactId: customer.id }), 'VALIDATION', 'contactId');
    expectUserError(await recordCare(t, 'xa-am1', { contactId: contact.id, cost: '-1.00' }), 'VALIDATION', 'cost');
    expectUserError(await recordCare(t, 'xa-am2', { contactId: contact.id }), 'VALIDATION', 'contactId');
    expect(await activityCount()).toBe(before);
  });
});

describe('recording care', () => {
  it('is recorded as done by the viewer, with its cost in CNY, newest first on the contact', async () => {
    const customer = await xianCustomer(t, '客户癸');
    const contact = await mustCreateContact(t, 'xa-am1', { customerId: customer.id });
    const older = new Date(Date.now() - 10 * DAY).toISOString();
    const newer = new Date(Date.now() - 2 * DAY).toISOString();
    const first = await recordCare(t, 'xa-am1', { contactId: contact.id, kind: 'TRAINING', occurredAt: older, cost: '1200.5', note: '开讲堂：5G专网' });
    expect(first.careActivity).toMatchObject({
      kind: 'TRAINING',
      occurredAt: older,
      cost: '1200.50',
      note: '开讲堂：5G专网',
      recordedBy: { employeeNo: 'xa-am1' },
      contact: { id: contact.id },
    });
    await recordCare(t, 'xa-am1', { contactId: contact.id, kind: 'GREETING', occurredAt: newer });
    const read = dataOf(
      await t.gql('xa-am1', `query($id: ID!) { node(id: $id) { ... on Contact { lastCaredAt careActivities(first: 1) { totalCount pageInfo { hasNextPage } nodes { kind } } } } }`, { id: contact.id }),
    ).node;
    expect(read).toEqual({ lastCaredAt: newer, careActivities: { totalCount: 2, pageInfo: { hasNextPage: true }, nodes: [{ kind: 'GREETING' }] } });
  });
});
