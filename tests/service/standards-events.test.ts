import { currentPeriod } from '../../src/modules/service/service-period';
import { mustCreateContact, mustRecordCare } from '../contacts/builders';
import { cityCustomer, mustCreateOpportunity, uuidOf } from '../opportunities/builders';
import { dataOf, errorCodes, expectUserError, startTestApp, TestApp } from '../support/harness';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const now = currentPeriod(new Date());
const QUARTER = { year: now.year, quarter: now.quarter };
const YEAR = { year: now.year };
const USER_ERRORS = 'userErrors { code message field }';

const SET_STANDARD = `mutation($input: SetServiceStandardInput!) { setServiceStandard(input: $input) { serviceStandard { id grade careLevel kind times per tier updatedBy { employeeNo } } ${USER_ERRORS} } }`;
const setStandard = async (as: string, input: Record<string, unknown>) =>
  dataOf(await t.gql(as, SET_STANDARD, { input: { grade: 'B2', per: 'QUARTER', tier: 'ENTITLED', ...input } })).setServiceStandard;
const RECORD_EVENT = `mutation($input: RecordCustomerEventInput!) { recordCustomerEvent(input: $input) {
  customerEvent { id kind cost attendeeCount customers { nodes { id } } attendees(first: 100) { nodes { id } } opportunities { nodes { id } } recordedBy { employeeNo } } ${USER_ERRORS} } }`;
const recordEvent = (as: string, input: Record<string, unknown>) =>
  t.gql(as, RECORD_EVENT, { input: { kind: 'TRAINING', at: new Date(Date.now() - 3_600_000).toISOString(), note: '5G专网开讲堂', ...input } });
const COMPLIANCE = `query($id: ID!, $p: ServicePeriodInput!) { node(id: $id) { ... on GroupCustomer { serviceCompliance(period: $p) { period owed done rate missing { kind times careLevel tier } } } } }`;
const compliance = async (as: string, id: string, p: Record<string, unknown>) => dataOf(await t.gql(as, COMPLIANCE, { id, p })).node.serviceCompliance;

describe('service standards 分层分级服务 and compliance (DOMAIN.md: Service quality)', () => {
  it('admins set standards per grade × care level; others may read but not set them; bad values are refused', async () => {
    const set = await setStandard('admin', { careLevel: 'LIAISON', kind: 'CALL', times: 3, tier: 'STANDARD' });
    expect(set).toMatchObject({ userErrors: [], serviceStandard: { grade: 'B2', careLevel: 'LIAISON', kind: 'CALL', times: 3, per: 'QUARTER', tier: 'STANDARD', updatedBy: { employeeNo: 'admin' } } });
    const changed = await setStandard('admin', { careLevel: 'LIAISON', kind: 'CALL', times: 2, per: 'YEAR', tier: 'INTEREST' });
    expect(changed.serviceStandard).toMatchObject({ id: set.serviceStandard.id, times: 2, per: 'YEAR', tier: 'INTEREST' });
    expect(errorCodes(await t.gql('xa-leader', SET_STANDARD, { input: { grade: 'B2', careLevel: 'LIAISON', kind: 'CALL', times: 1, per: 'YEAR', tier: 'ENTITLED' } }))).toEqual(['FORBIDDEN']);
    expectUserError(await setStandard('admin', { careLevel: 'LIAISON', kind: 'CALL', times: 0 }), 'VALIDATION', 'times');
    const listed = dataOf(await t.gql('xa-am1', `{ serviceStandards(grade: B2) { id kind times } }`)).serviceStandards;
    expect(listed).toEqual([{ id: set.serviceStandard.id, kind: 'CALL', times: 2 }]);
    expect(errorCodes(await t.gql('p-huaxin', `{ serviceStandards { id } }`))).toEqual(['FORBIDDEN']);
    const removed = dataOf(
      await t.gql('admin', `mutation($id: ID!) { removeServiceStandard(input: { id: $id }) { serviceStandard { id } ${USER_ERRORS} } }`, { id: set.serviceStandard.id }),
    ).removeServiceStandard;
    expect(removed).toEqual({ serviceStandard: { id: set.serviceStandard.id }, userErrors: [] });
    expect(dataOf(await t.gql('xa-am1', `{ serviceStandards(grade: B2) { id } }`)).serviceStandards).toEqual([]);
  });

  it('a customer is owed its grade’s standards per contact; done counts activities of the kind in the period, events included, each contact up to what it owes', async () => {
    for (const standard of [
      { careLevel: 'MANAGEMENT', kind: 'VISIT', times: 2, tier: 'ENTITLED' },
      { careLevel: 'KEY_PERSON', kind: 'TRAINING', times: 1, tier: 'STANDARD' },
      { careLevel: 'KEY_PERSON', kind: 'GIFT', times: 1, per: 'YEAR', tier: 'INTEREST' },
    ]) {
      expect((await setStandard('admin', { grade: 'B1', per: 'QUARTER', ...standard })).userErrors).toEqual([]);
    }
    const customer = await cityCustomer(t, { name: '西安市文旅局', grade: 'B1' });
    const boss = await mustCreateContact(t, 'xa-am1', { customerId: customer.id, name: '周局长', careLevel: 'MANAGEMENT' });
    const [k1, k2] = [await mustCreateContact(t, 'xa-am1', { customerId: customer.id, name: '吴科长' }), await mustCreateContact(t, 'xa-am1', { customerId: customer.id, name: '郑科长' })];
    await mustRecordCare(t, 'xa-am1', { contactId: boss.id, kind: 'VISIT' });
    await mustRecordCare(t, 'xa-am1', { contactId: boss.id, kind: 'VISIT', occurredAt: `${now.year - 1}-06-15T10:00:00+08:00` });
    // Three trainings for one key person count once: that is all they are owed.
    for (let i = 0; i < 3; i++) await mustRecordCare(t, 'xa-am1', { contactId: k1.id, kind: 'TRAINING' });
    expect(await compliance('xa-am1', customer.id, QUARTER)).toEqual({
      period: `${now.year}-Q${now.quarter}`,
      owed: 4,
      done: 2,
      rate: 0.5,
      missing: [
        { kind: 'VISIT', times: 1, careLevel: 'MANAGEMENT', tier: 'ENTITLED' },
        { kind: 'TRAINING', times: 1, careLevel: 'KEY_PERSON', tier: 'STANDARD' },
      ],
    });
    // An event for the other key person counts toward the standard.
    const event = dataOf(await recordEvent('xa-am1', { customerIds: [customer.id], attendeeIds: [k2.id] })).recordCustomerEvent;
    expect(event.userErrors).toEqual([]);
    expect((await compliance('xa-am1', customer.id, QUARTER)).done).toBe(3);
    // A year owes each QUARTER standard four times and the YEAR ones once (the three trainings now all count).
    expect(await compliance('xa-am1', customer.id, YEAR)).toMatchObject({ period: String(now.year), owed: 2 * 4 + 2 * 4 + 2, done: 1 + 3 + 1 });
    // Compliance is care data: a support manager or a partner gets none.
    expect(dataOf(await t.gql('xa-leader', COMPLIANCE, { id: customer.id, p: QUARTER })).node.serviceCompliance.owed).toBe(4);
    expect(errorCodes(await t.gql('xa-am1', COMPLIANCE, { id: customer.id, p: { year: now.year, quarter: 5 } }))).toEqual(['BAD_USER_INPUT']);
  });

  it('the report is one aggregate that adds up to the per-customer figures, by account manager, region and grade', async () => {
    const customers = dataOf(
      await t.gql('xa-leader', `query($p: ServicePeriodInput!) { groupCustomers(first: 100) { nodes { grade accountManager { id } serviceCompliance(period: $p) { owed done } } } }`, { p: QUARTER }),
    ).groupCustomers.nodes as { grade: string; accountManager: { id: string } | null; serviceCompliance: { owed: number; done: number } }[];
    const sum = (key: (c: (typeof customers)[number]) => string | null) => {
      const groups = new Map<string | null, { customers: number; owed: number; done: number }>();
      for (const c of customers) {
        const g = groups.get(key(c)) ?? { customers: 0, owed: 0, done: 0 };
        groups.set(key(c), { customers: g.customers + 1, owed: g.owed + c.serviceCompliance.owed, done: g.done + c.serviceCompliance.done });
      }
      return groups;
    };
    const REPORT = `query($p: ServicePeriodInput!, $by: ComplianceGrouping!) { serviceComplianceReport(period: $p, by: $by) {
      period owed done rate rows { customers owed done rate grade accountManager { id } region { code } } } }`;
    const byGrade = dataOf(await t.gql('xa-leader', REPORT, { p: QUARTER, by: 'GRADE' })).serviceComplianceReport;
    const expected = sum((c) => c.grade);
    expect(byGrade.rows.map((r: { grade: string; customers: number; owed: number; done: number }) => [r.grade, r.customers, r.owed, r.done])).toEqual(
      [...expected].sort(([a], [b]) => String(a).localeCompare(String(b))).map(([grade, g]) => [grade, g.customers, g.owed, g.done]),
    );
    expect(byGrade.owed).toBe(customers.reduce((s, c) => s + c.serviceCompliance.owed, 0));
    expect(byGrade.owed).toBeGreaterThan(0);
    const byManager = dataOf(await t.gql('xa-leader', REPORT, { p: QUARTER, by: 'ACCOUNT_MANAGER' })).serviceComplianceReport;
    const managers = sum((c) => c.accountManager?.id ?? null);
    for (const row of byManager.rows) expect(managers.get(row.accountManager?.id ?? null)).toEqual({ customers: row.customers, owed: row.owed, done: row.done });
    const byRegion = dataOf(await t.gql('xa-leader', REPORT, { p: QUARTER, by: 'REGION' })).serviceComplianceReport;
    expect([byRegion.owed, byRegion.done]).toEqual([byGrade.owed, byGrade.done]);
    expect(byRegion.rows.map((r: { region: { code: string } }) => r.region.code)).toContain('6101');
    expect(errorCodes(await t.gql('p-huaxin', REPORT, { p: QUARTER, by: 'GRADE' }))).toEqual(['FORBIDDEN']);
  });

  it('per-customer compliance is loader-batched: a page of customers costs one statement for it however long', async () => {
    for (const name of ['西安市民政局', '西安市司法局', '西安市人社局']) await cityCustomer(t, { name, grade: 'B1' });
    const page = (n: number) =>
      t.gql('xa-leader', `query($p: ServicePeriodInput!) { groupCustomers(first: ${n}) { nodes { id serviceCompliance(period: $p) { owed done missing { kind } } } } }`, { p: QUARTER });
    const [few, many] = [await page(2), await page(20)];
    expect(dataOf(many).groupCustomers.nodes.length).toBeGreaterThan(2);
    expect(many.sql).toBe(few.sql);
  });
});

describe('customer events 开讲堂 / 走出去 / 请进来', () => {
  const contactsOf = async (customerId: string, n: number) => {
    const ids: string[] = [];
    for (let i = 0; i < n; i++) ids.push((await mustCreateContact(t, 'xa-am1', { customerId, name: `参会人${i}`, careLevel: i % 3 ? 'LIAISON' : 'KEY_PERSON' })).id);
    return ids;
  };
  const careCount = async (contactIds: string[]) => Number((await t.db.query(`SELECT count(*)::int AS n FROM care_activity WHERE contact_id = ANY($1::uuid[])`, [contactIds.map(uuidOf)]))[0].n);

  it('records one care activity per attendee in one batch: 50 attendees cost the statements 2 do; the cost is shared out', async () => {
    const [a, b] = [await cityCustomer(t, { name: '西安市统计局' }), await cityCustomer(t, { name: '西安市审计局' })];
    const many = [...(await contactsOf(a.id, 30)), ...(await contactsOf(b.id, 20))];
    const few = await contactsOf(a.id, 2);
    const opportunity = await mustCreateOpportunity(t, 'xa-am1', { customerId: b.id, title: '开讲堂带来的云专线' });
    const small = await recordEvent('xa-am1', { customerIds: [a.id, b.id], attendeeIds: few, cost: '100.00', opportunityIds: [opportunity.id] });
    const large = await recordEvent('xa-am1', { customerIds: [a.id, b.id], attendeeIds: many, cost: '1000.00', opportunityIds: [opportunity.id] });
    const event = dataOf(large).recordCustomerEvent;
    expect(event.userErrors).toEqual([]);
    expect(event.customerEvent).toMatchObject({ kind: 'TRAINING', cost: '1000.00', attendeeCount: 50, opportunities: { nodes: [{ id: opportunity.id }] }, recordedBy: { employeeNo: 'xa-am1' } });
    expect(event.customerEvent.attendees.nodes).toHaveLength(50);
    expect(large.sql).toBe(small.sql);
    const costs = await t.db.query(`SELECT sum(cost)::text AS total, min(cost)::text AS lo, max(cost)::text AS hi, min(kind::text) AS kind FROM care_activity WHERE contact_id = ANY($1::uuid[])`, [
      many.map(uuidOf),
    ]);
    expect(costs[0]).toEqual({ total: '1000.00', lo: '20.00', hi: '20.00', kind: 'TRAINING' });
    expect(await careCount(many)).toBe(50);
    const lastCared = dataOf(await t.gql('xa-am1', `query($id: ID!) { node(id: $id) { ... on Contact { lastCaredAt careActivities(first: 1) { nodes { kind } } } } }`, { id: many[7] })).node;
    expect(lastCared.careActivities.nodes).toEqual([{ kind: 'TRAINING' }]);
  });

  it('all or nothing: one attendee of another customer, or a customer out of scope, and nothing is written', async () => {
    const customer = await cityCustomer(t, { name: '西安市科技局' });
    const attendees = await contactsOf(customer.id, 5);
    const other = await cityCustomer(t, { name: '西安市商务局' });
    const stranger = await contactsOf(other.id, 1);
    expectUserError(dataOf(await recordEvent('xa-am1', { customerIds: [customer.id], attendeeIds: [...attendees, ...stranger] })).recordCustomerEvent, 'VALIDATION', 'attendeeIds');
    expect(await careCount([...attendees, ...stranger])).toBe(0);
    expectUserError(dataOf(await recordEvent('bj-am1', { customerIds: [customer.id], attendeeIds: attendees })).recordCustomerEvent, 'NOT_FOUND', 'customerIds');
    expectUserError(dataOf(await recordEvent('p-huaxin', { customerIds: [customer.id], attendeeIds: attendees })).recordCustomerEvent, 'NOT_FOUND', 'customerIds');
    expect(errorCodes(await recordEvent('xa-leader', { customerIds: [customer.id], attendeeIds: attendees }))).toEqual(['FORBIDDEN']);
    expectUserError(
      dataOf(await recordEvent('xa-am1', { customerIds: [customer.id], attendeeIds: attendees, at: new Date(Date.now() + 86_400_000).toISOString() })).recordCustomerEvent,
      'VALIDATION',
      'at',
    );
    expectUserError(dataOf(await recordEvent('xa-am1', { customerIds: [customer.id], attendeeIds: [] })).recordCustomerEvent, 'VALIDATION', 'attendeeIds');
    expect(await careCount(attendees)).toBe(0);
    const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM customer_event_customer WHERE customer_id = $1`, [uuidOf(customer.id)]);
    expect(n).toBe(0);
  });

  it('links an event to the opportunities it produced; lists events in scope by customer and kind', async () => {
    const customer = await cityCustomer(t, { name: '西安市气象局' });
    const attendees = await contactsOf(customer.id, 2);
    const recorded = dataOf(await recordEvent('xa-am1', { kind: 'EXPERIENCE', customerIds: [customer.id], attendeeIds: attendees })).recordCustomerEvent.customerEvent;
    const opportunity = await mustCreateOpportunity(t, 'xa-am1', { customerId: customer.id, title: '体验厅参观后的物联网需求' });
    const LINK = `mutation($input: LinkEventOpportunitiesInput!) { linkEventOpportunities(input: $input) { customerEvent { id opportunities { nodes { id } } } ${USER_ERRORS} } }`;
    const linked = dataOf(await t.gql('xa-am1', LINK, { input: { eventId: recorded.id, opportunityIds: [opportunity.id] } })).linkEventOpportunities;
    expect(linked).toEqual({ customerEvent: { id: recorded.id, opportunities: { nodes: [{ id: opportunity.id }] } }, userErrors: [] });
    expect(dataOf(await t.gql('xa-am1', LINK, { input: { eventId: recorded.id, opportunityIds: [opportunity.id] } })).linkEventOpportunities.userErrors).toEqual([]);
    const elsewhere = await mustCreateOpportunity(t, 'xa-am1', { customerId: (await cityCustomer(t, { name: '西安市林业局' })).id });
    expectUserError(dataOf(await t.gql('xa-am1', LINK, { input: { eventId: recorded.id, opportunityIds: [elsewhere.id] } })).linkEventOpportunities, 'VALIDATION', 'opportunityIds');
    expectUserError(dataOf(await t.gql('bj-am1', LINK, { input: { eventId: recorded.id, opportunityIds: [opportunity.id] } })).linkEventOpportunities, 'NOT_FOUND', 'eventId');
    const LIST = `query($c: ID) { customerEvents(first: 10, filter: { customerId: $c, kinds: [EXPERIENCE] }) { nodes { id kind customers { nodes { id } } } } }`;
    expect(dataOf(await t.gql('xa-leader', LIST, { c: customer.id })).customerEvents.nodes).toEqual([{ id: recorded.id, kind: 'EXPERIENCE', customers: { nodes: [{ id: customer.id }] } }]);
    expect(dataOf(await t.gql('bj-leader', LIST, { c: customer.id })).customerEvents.nodes).toEqual([]);
    expect(dataOf(await t.gql('p-huaxin', `query($id: ID!) { node(id: $id) { id } }`, { id: recorded.id })).node).toBeNull();
  });
});
