import { dataOf, errorCodes, startTestApp, TestApp } from '../support/harness';
import { act, cityCustomer, createOpportunity, expectUserError, mustAct, mustCreateOpportunity, nextCreditCode, opportunityIn, reportOpportunity, uuidOf } from './builders';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

let keySerial = 0;
const freshKey = () => `report-${Date.now()}-${keySerial++}`;

async function mustReport(as: string, input: Record<string, unknown>) {
  const payload = await reportOpportunity(t, as, { idempotencyKey: freshKey(), ...input });
  if (payload.userErrors.length) throw new Error(JSON.stringify(payload.userErrors));
  return payload.opportunity;
}

const count = async (table: string) => Number((await t.db.query(`SELECT count(*)::int AS n FROM ${table}`))[0].n);

describe('partner reports 商机报备', () => {
  it('name a known customer by id: created and submitted in one step, source PARTNER', async () => {
    const customer = await cityCustomer(t);
    const o = await mustReport('p-huaxin', { customerId: customer.id });
    expect(o).toMatchObject({
      stage: 'SUBMITTED',
      source: 'PARTNER',
      category: 'STANDARD_PRODUCT',
      customerSummary: { code: customer.code, name: customer.name, region: { code: '6101' } },
    });
    expect(new Date(o.protectedUntil).getTime() - new Date(o.registeredAt).getTime()).toBe(90 * 86_400_000);
    const support = dataOf(await t.gql('xa-support', `{ myQueue: opportunities(filter: { stages: [SUBMITTED] }) { nodes { code customer { code } } } }`)).myQueue.nodes;
    expect(support).toContainEqual({ code: o.code, customer: { code: customer.code } });
  });

  it('name an unknown credit code: a PROSPECT customer is created in the partner’s region', async () => {
    const creditCode = nextCreditCode();
    const o = await mustReport('p-zhilian', { customer: { creditCode, name: '宝鸡新材料产业园' } });
    const customer = dataOf(await t.gql('admin', `query($c: String) { groupCustomer(creditCode: $c) { code name status managementLevel region { code } } }`, { c: creditCode })).groupCustomer;
    expect(customer).toMatchObject({
      name: '宝鸡新材料产业园',
      status: 'PROSPECT',
      managementLevel: 'CITY',
      region: { code: '6103' },
      code: o.customerSummary.code,
    });
  });

  it('name a known credit code: the existing customer is used', async () => {
    const creditCode = nextCreditCode();
    const customer = await cityCustomer(t, { creditCode, name: '西安高新医院' });
    const before = await count('group_customer');
    const o = await mustReport('p-huaxin', { customer: { creditCode, name: '随便写的名字' }, products: ['IDC'] });
    expect(o.customerSummary.code).toBe(customer.code);
    expect(await count('group_customer')).toBe(before);
  });

  it('refuse bad input as VALIDATION naming the field', async () => {
    const customer = await cityCustomer(t);
    expectUserError(await reportOpportunity(t, 'p-huaxin', { customerId: customer.id, idempotencyKey: 'k'.repeat(256) }), 'VALIDATION', 'idempotencyKey');
    expectUserError(await reportOpportunity(t, 'p-huaxin', { idempotencyKey: freshKey() }), 'VALIDATION', 'customerId');
    expectUserError(await reportOpportunity(t, 'p-huaxin', { customer: { creditCode: '91610000ABCDEFGHIJ', name: '某公司' }, idempotencyKey: freshKey() }), 'VALIDATION', 'customer.creditCode');
    expectUserError(
      await reportOpportunity(t, 'p-huaxin', {
        customerId: 'R3JvdXBDdXN0b21lcjowMDAwMDAwMC0wMDAwLTAwMDAtMDAwMC0wMDAwMDAwMDAwMDA=',
        idempotencyKey: freshKey(),
      }),
      'VALIDATION',
      'customerId',
    );
  });

  it('are for partners only; partners do not create internal opportunities', async () => {
    const customer = await cityCustomer(t);
    expect(
      errorCodes(
        await t.gql('xa-am1', `mutation($i: ReportOpportunityInput!) { reportOpportunity(input: $i) { opportunity { id } } }`, {
          i: { customerId: customer.id, title: 'x', products: ['CLOUD'], estimatedAmount: '1', expectedCloseDate: '2099-01-01', idempotencyKey: 'x' },
        }),
      ),
    ).toEqual(['FORBIDDEN']);
    expect(
      errorCodes(
        await t.gql('p-huaxin', `mutation($i: CreateOpportunityInput!) { createOpportunity(input: $i) { opportunity { id } } }`, {
          i: { customerId: customer.id, title: 'x', category: 'STANDARD_PRODUCT', products: ['CLOUD'], estimatedAmount: '1', expectedCloseDate: '2099-01-01' },
        }),
      ),
    ).toEqual(['FORBIDDEN']);
  });
});

describe('idempotent retries', () => {
  it('the same key and input return the first result and create nothing new', async () => {
    const customer = await cityCustomer(t);
    const input = { customerId: customer.id, idempotencyKey: freshKey(), products: ['VPMN'] };
    const first = await reportOpportunity(t, 'p-huaxin', input);
    const opportunities = await count('opportunity');
    const again = await reportOpportunity(t, 'p-huaxin', input);
    expect(again).toEqual(first);
    expect(await count('opportunity')).toBe(opportunities);
  });

  it('twenty parallel retries of one report: one opportunity, the same answer for all', async () => {
    const input = { customer: { creditCode: nextCreditCode(), name: '西安软件园管委会' }, idempotencyKey: freshKey(), products: ['DATA_LINE'] };
    const before = { opportunities: await count('opportunity'), customers: await count('group_customer'), attempts: await count('registration_attempt') };
    const payloads = await Promise.all(Array.from({ length: 20 }, () => reportOpportunity(t, 'p-huaxin', input)));
    expect(new Set(payloads.map((p) => JSON.stringify(p))).size).toBe(1);
    expect(payloads[0].userErrors).toEqual([]);
    expect(await count('opportunity')).toBe(before.opportunities + 1);
    expect(await count('group_customer')).toBe(before.customers + 1);
    expect(await count('registration_attempt')).toBe(before.attempts + 1);
  });

  it('the same key with different input answers IDEMPOTENCY_MISMATCH', async () => {
    const customer = await cityCustomer(t);
    const key = freshKey();
    await mustReport('p-huaxin', { customerId: customer.id, idempotencyKey: key, products: ['GROUP_MAS'] });
    expectUserError(
      await reportOpportunity(t, 'p-huaxin', { customerId: customer.id, idempotencyKey: key, products: ['GROUP_MAS'], estimatedAmount: '99.00' }),
      'IDEMPOTENCY_MISMATCH',
      'idempotencyKey',
    );
  });

  it('keys belong to one partner: another partner may use the same key', async () => {
    const key = freshKey();
    const a = await mustReport('p-huaxin', { customerId: (await cityCustomer(t)).id, idempotencyKey: key, products: ['IOT'] });
    const b = await mustReport('p-zhilian', { customerId: (await cityCustomer(t)).id, idempotencyKey: key, products: ['IOT'] });
    expect(a.code).not.toBe(b.code);
  });
});

describe('duplicates 撞单', () => {
  it('a partner’s report overlapping an active registration is refused naming it, and the attempt is kept', async () => {
    const customer = await cityCustomer(t);
    const first = await mustReport('p-huaxin', { customerId: customer.id, products: ['CLOUD', 'IDC'] });
    const key = freshKey();
    const refused = expectUserError(await reportOpportunity(t, 'p-zhilian', { customerId: customer.id, products: ['IDC'], idempotencyKey: key }), 'DUPLICATE_OPPORTUNITY');
    expect(refused.message).toContain(first.code);
    const attempts = await t.db.query(
      `SELECT a.outcome, p.code AS partner, o.code AS collided FROM registration_attempt a JOIN partner p ON p.id = a.partner_id LEFT JOIN opportunity o ON o.id = a.collided_with_id WHERE a.customer_id = $1 ORDER BY a.at`,
      [uuidOf(customer.id)],
    );
    expect(attempts).toEqual([
      { outcome: 'ACCEPTED', partner: 'P-HUAXIN', collided: null },
      { outcome: 'REFUSED_DUPLICATE', partner: 'P-ZHILIAN', collided: first.code },
    ]);
    // a retry of the refused report answers the same and records nothing more
    expectUserError(await reportOpportunity(t, 'p-zhilian', { customerId: customer.id, products: ['IDC'], idempotencyKey: key }), 'DUPLICATE_OPPORTUNITY');
    expect(await t.db.query(`SELECT count(*)::int AS n FROM registration_attempt WHERE customer_id = $1`, [uuidOf(customer.id)])).toEqual([{ n: 2 }]);
    // the same partner reporting again collides too
    expectUserError(await reportOpportunity(t, 'p-huaxin', { customerId: customer.id, products: ['CLOUD'], idempotencyKey: freshKey() }), 'DUPLICATE_OPPORTUNITY');
  });

  it('a different product line, an expired window or a dead registration does not protect', async () => {
    const customer = await cityCustomer(t);
    const first = await mustReport('p-huaxin', { customerId: customer.id, products: ['CLOUD'] });
    await mustReport('p-zhilian', { customerId: customer.id, products: ['DARK_FIBER'] });
    await t.db.query(`UPDATE opportunity SET registered_at = now() - interval '91 days', protected_until = now() - interval '1 day' WHERE id = $1`, [uuidOf(first.id)]);
    const later = await mustReport('p-zhilian', { customerId: customer.id, products: ['CLOUD'] });
    await mustAct(t, 'xa-leader', 'cancelOpportunity', { id: later.id, reason: '合作伙伴撤单' });
    await mustReport('p-huaxin', { customerId: customer.id, products: ['CLOUD'] });
  });

  it('an internal report is accepted and lists its possible duplicates', async () => {
    const customer = await cityCustomer(t);
    const partners = await mustReport('p-huaxin', { customerId: customer.id, products: ['INTERNET_LINE'] });
    const payload = await createOpportunity(t, 'xa-am1', { customerId: customer.id, products: ['INTERNET_LINE', 'CLOUD'] });
    expect(payload.userErrors).toEqual([]);
    expect(payload.opportunity.possibleDuplicates).toEqual([{ code: partners.code }]);
    const unrelated = await mustCreateOpportunity(t, 'xa-am1', { customerId: customer.id, products: ['IOT'] });
    expect(unrelated.possibleDuplicates).toEqual([]);
  });

  it('two partners racing for one customer: exactly one registration wins', async () => {
    const customer = await cityCustomer(t);
    const payloads = await Promise.all(
      Array.from({ length: 20 }, (_, i) => reportOpportunity(t, i % 2 ? 'p-huaxin' : 'p-zhilian', { customerId: customer.id, products: ['DATA_POOL'], idempotencyKey: freshKey() })),
    );
    expect(payloads.filter((p) => p.userErrors.length === 0)).toHaveLength(1);
    expect(payloads.filter((p) => p.userErrors[0]?.code === 'DUPLICATE_OPPORTUNITY')).toHaveLength(19);
  });
});

describe('partner isolation', () => {
  let huaxins: { id: string; code: string };
  beforeAll(async () => {
    const customer = await cityCustomer(t);
    huaxins = await mustReport('p-huaxin', { customerId: customer.id, products: ['GROUP_MAS'] });
    await mustAct(t, 'xa-support', 'evaluateOpportunity', { id: huaxins.id, decision: 'RETURN', comment: '内部意见: 客户预算不足' });
  });

  it('another partner cannot reach it by node, code, list or action', async () => {
    expect(dataOf(await t.gql('p-zhilian', `query($id: ID!) { node(id: $id) { id } nodes(ids: [$id]) { id } }`, { id: huaxins.id }))).toEqual({
      node: null,
      nodes: [null],
    });
    expect(dataOf(await t.gql('p-zhilian', `query($c: String) { opportunity(code: $c) { id } }`, { c: huaxins.code })).opportunity).toBeNull();
    const listed = dataOf(await t.gql('p-zhilian', `{ opportunities(first: 100) { nodes { code partner { code } } } }`)).opportunities.nodes;
    expect(listed.length).toBeGreaterThan(0);
    expect(listed.every((o: { partner: { code: string } }) => o.partner.code === 'P-ZHILIAN')).toBe(true);
    expectUserError(await act(t, 'p-zhilian', 'recallOpportunity', { id: huaxins.id }), 'NOT_FOUND', 'id');
  });

  it('colleagues of the same partner see it; no partner sees an internal opportunity', async () => {
    expect(dataOf(await t.gql('p-huaxin2', `query($id: ID!) { node(id: $id) { id } }`, { id: huaxins.id })).node).toEqual({ id: huaxins.id });
    const internal = await opportunityIn(t, 'SUBMITTED', (await cityCustomer(t)).id);
    expect(dataOf(await t.gql('p-huaxin', `query($id: ID!) { node(id: $id) { id } }`, { id: internal.id })).node).toBeNull();
    const codes = dataOf(await t.gql('p-huaxin', `{ opportunities(first: 100) { nodes { source } } }`)).opportunities.nodes;
    expect(codes.length).toBeGreaterThan(0);
    expect(codes.every((o: { source: string }) => o.source === 'PARTNER')).toBe(true);
  });

  it('the partner sees code, name and region of the customer, never the customer itself', async () => {
    const seen = dataOf(
      await t.gql('p-huaxin', `query($id: ID!) { opportunity(id: $id) { stage customer { id } customerSummary { code name region { code } } } }`, {
        id: huaxins.id,
      }),
    ).opportunity;
    expect(seen).toMatchObject({ stage: 'DRAFT', customer: null, customerSummary: { region: { code: '6101' } } });
    expect(dataOf(await t.gql('p-huaxin', `{ groupCustomers(first: 100) { totalCount } }`)).groupCustomers.totalCount).toBe(0);
  });

  it('the partner’s history shows the transitions but not our comments nor our staff', async () => {
    const entries = dataOf(
      await t.gql('p-huaxin', `query($id: ID!) { opportunity(id: $id) { history { nodes { action toStage comment actor { employeeNo } } } } }`, {
        id: huaxins.id,
      }),
    ).opportunity.history.nodes;
    expect(entries).toEqual([
      { action: 'REPORT', toStage: 'SUBMITTED', comment: null, actor: { employeeNo: 'p-huaxin' } },
      { action: 'RETURN_EVALUATION', toStage: 'DRAFT', comment: null, actor: null },
    ]);
    const internal = dataOf(await t.gql('xa-leader', `query($id: ID!) { opportunity(id: $id) { history { nodes { comment actor { employeeNo } } } } }`, { id: huaxins.id })).opportunity.history.nodes;
    expect(internal[1]).toEqual({ comment: '内部意见: 客户预算不足', actor: { employeeNo: 'xa-support' } });
  });
});

describe('review findings', () => {
  it('a returned partner report cannot be edited onto a line another registration protects', async () => {
    const customer = await cityCustomer(t, { name: '重报客户' });
    const internal = await mustCreateOpportunity(t, 'xa-am1', { customerId: customer.id, products: ['IDC'] });
    const report = await reportOpportunity(t, 'p-huaxin', { customerId: customer.id, products: ['CLOUD'], idempotencyKey: freshKey() });
    expect(report.userErrors).toEqual([]);
    await mustAct(t, 'xa-support', 'evaluateOpportunity', { id: report.opportunity.id, decision: 'RETURN', comment: '请补充材料' });
    const edited = await t.gql('p-huaxin', `mutation($i: UpdateOpportunityInput!) { updateOpportunity(input: $i) { userErrors { code message field } } }`, {
      i: { id: report.opportunity.id, products: ['IDC'] },
    });
    expect(expectUserError(dataOf(edited).updateOpportunity, 'DUPLICATE_OPPORTUNITY', 'products').message).toContain(internal.code);
    // Unedited, it goes back in as it was.
    expect((await act(t, 'p-huaxin', 'submitOpportunity', { id: report.opportunity.id })).userErrors).toEqual([]);
  });

  it('an earlier partner report edited onto a later one’s line is refused, so one registration protects each line (found by fuzzing)', async () => {
    const customer = await cityCustomer(t, { name: '改报客户' });
    const earlier = await mustReport('p-huaxin', { customerId: customer.id, products: ['CLOUD'] });
    const later = await mustReport('p-zhilian', { customerId: customer.id, products: ['IOT'] });
    await mustAct(t, 'p-huaxin', 'recallOpportunity', { id: earlier.id });
    const edited = await t.gql('p-huaxin', `mutation($i: UpdateOpportunityInput!) { updateOpportunity(input: $i) { userErrors { code message field } } }`, {
      i: { id: earlier.id, products: ['CLOUD', 'IOT'] },
    });
    expect(expectUserError(dataOf(edited).updateOpportunity, 'DUPLICATE_OPPORTUNITY', 'products').message).toContain(later.code);
    const [{ products }] = await t.db.query(`SELECT products::text[] AS products FROM opportunity WHERE code = $1`, [earlier.code]);
    expect(products).toEqual(['CLOUD']);
    // A line nobody protects may still be added.
    const widened = await t.gql('p-huaxin', `mutation($i: UpdateOpportunityInput!) { updateOpportunity(input: $i) { userErrors { code } } }`, {
      i: { id: earlier.id, products: ['CLOUD', 'VPMN'] },
    });
    expect(dataOf(widened).updateOpportunity.userErrors).toEqual([]);
  });

  it('partners do not see our internal close reasons', async () => {
    const customer = await cityCustomer(t, { name: '取消原因客户' });
    const report = await reportOpportunity(t, 'p-huaxin', { customerId: customer.id, products: ['VPMN'], idempotencyKey: freshKey() });
    await mustAct(t, 'xa-leader', 'cancelOpportunity', { id: report.opportunity.id, reason: '内部：该伙伴资质存疑' });
    const query = `query($id: ID!) { opportunity(id: $id) { stage closeReason } }`;
    expect(dataOf(await t.gql('p-huaxin', query, { id: report.opportunity.id })).opportunity).toEqual({ stage: 'CANCELLED', closeReason: null });
    expect(dataOf(await t.gql('xa-leader', query, { id: report.opportunity.id })).opportunity.closeReason).toBe('内部：该伙伴资质存疑');
  });
});
