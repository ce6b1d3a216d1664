import { dataOf, errorCodes, expectUserError, startTestApp, TestApp } from '../support/harness';
import { createCustomer, CUSTOMER_FIELDS, mustCreateCustomer, nextCreditCode, regionId, staffId } from './builders';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const UPDATE = `mutation($input: UpdateGroupCustomerInput!) { updateGroupCustomer(input: $input) { groupCustomer { ${CUSTOMER_FIELDS} } userErrors { code message field } } }`;
const customerCount = async () => Number((await t.db.query('SELECT count(*) AS n FROM group_customer'))[0].n);

describe('creating a group customer', () => {
  it('an account manager creates one: generated code, defaults, themselves as manager', async () => {
    const credit = nextCreditCode();
    const created = await mustCreateCustomer(t, 'xa-am1', {
      name: '  西安市教育局  ',
      creditCode: credit.toLowerCase(),
      monthlyRevenue: '125000.5',
      memberCount: 320,
      address: '西安市雁塔区',
    });
    expect(created).toMatchObject({
      name: '西安市教育局',
      creditCode: credit,
      grade: 'C',
      status: 'ACTIVE',
      memberCount: 320,
      monthlyRevenue: '125000.50',
      version: 1,
      region: { code: '6101' },
      accountManager: { employeeNo: 'xa-am1' },
    });
    expect(created.code).toMatch(/^JT\d{8}$/);
    const again = await mustCreateCustomer(t, 'xa-am1', { name: '西安市公安局' });
    expect(again.code).not.toBe(created.code);
    expect(Number(again.code.slice(2))).toBeGreaterThan(Number(created.code.slice(2)));
  });

  it('an industry manager creates province-managed customers of their industry', async () => {
    const created = await mustCreateCustomer(t, 'im-fin', {
      name: '长安银行股份有限公司',
      industry: 'FINANCE',
      managementLevel: 'PROVINCE',
      grade: 'A1',
      regionId: await regionId(t, '61'),
    });
    expect(created).toMatchObject({ managementLevel: 'PROVINCE', accountManager: { employeeNo: 'im-fin' } });
    const outside = await createCustomer(t, 'im-fin', {
      name: '某中学',
      industry: 'EDUCATION',
      managementLevel: 'PROVINCE',
      regionId: await regionId(t, '61'),
    });
    expectUserError(outside, 'VALIDATION', 'regionId');
  });

  it('leaders and partners may not create customers', async () => {
    for (const who of ['xa-leader', 'sx-leader', 'xa-support', 'p-huaxin']) {
      const res = await t.gql(who, `mutation($i: CreateGroupCustomerInput!) { createGroupCustomer(input: $i) { groupCustomer { id } } }`, {
        i: { name: 'x', industry: 'GOVERNMENT', grade: 'C', managementLevel: 'CITY', regionId: await regionId(t, '6101') },
      });
      expect(errorCodes(res)).toEqual(['FORBIDDEN']);
    }
  });

  it.each([
    ['too short', '91610100000001', 'exactly 18 characters'],
    ['a forbidden letter', '9161010000000100IC', 'only digits and the letters'],
    ['a wrong check character', '91610100000001000A', 'check character'],
  ])('refuses a credit code with %s, writing nothing', async (_label, creditCode, message) => {
    const before = await customerCount();
    const payload = await createCustomer(t, 'xa-am1', { creditCode });
    expect(expectUserError(payload, 'VALIDATION', 'creditCode').message).toContain(message);
    expect(payload.groupCustomer).toBeNull();
    expect(await customerCount()).toBe(before);
  });

  it('refuses every bad field at once, naming each', async () => {
    const before = await customerCount();
    const payload = await createCustomer(t, 'admin', {
      name: '名'.repeat(129),
      memberCount: -1,
      monthlyRevenue: '-10.00',
      address: 'a'.repeat(257),
      regionId: 'not-an-id',
      accountManagerId: await staffId(t, 'xa-leader'),
    });
    for (const field of ['name', 'memberCount', 'monthlyRevenue', 'address']) expectUserError(payload, 'VALIDATION', field);
    expect(await customerCount()).toBe(before);
    const region = await createCustomer(t, 'admin', { regionId: Buffer.from('Region:00000000-0000-0000-0000-000000000000').toString('base64') });
    expectUserError(region, 'VALIDATION', 'regionId');
    const leader = await createCustomer(t, 'admin', { accountManagerId: await staffId(t, 'xa-leader') });
    expect(expectUserError(leader, 'VALIDATION', 'accountManagerId').message).toContain('not an account, grid or industry manager');
    expectUserError(await createCustomer(t, 'admin', { name: '   ' }), 'VALIDATION', 'name');
    const churned = await createCustomer(t, 'admin', { status: 'CHURNED' });
    expectUserError(churned, 'VALIDATION', 'churnReason');
  });

  it('refuses an account manager from another province', async () => {
    const root = dataOf(await t.gql('admin', `mutation { createRegion(input: { code: "62", name: "甘肃省", level: PROVINCE }) { region { id } } }`)).createRegion.region.id;
    const staff = dataOf(
      await t.gql('admin', `mutation($r: ID!) { createStaff(input: { employeeNo: "gs-am1", name: "甘肃经理", roles: [ACCOUNT_MANAGER], regionId: $r }) { staff { id } } }`, { r: root }),
    ).createStaff.staff.id;
    const payload = await createCustomer(t, 'admin', { accountManagerId: staff });
    expect(expectUserError(payload, 'VALIDATION', 'accountManagerId').message).toContain('another province');
  });

  it('a second customer with the same credit code gets DUPLICATE_CREDIT_CODE naming the first', async () => {
    const credit = nextCreditCode();
    const first = await mustCreateCustomer(t, 'xa-am1', { name: '西安城投集团', creditCode: credit });
    const second = await createCustomer(t, 'xa-am2', { name: '另一家', creditCode: credit });
    const error = expectUserError(second, 'DUPLICATE_CREDIT_CODE', 'creditCode');
    expect(error.message).toContain(first.code);
    expect(error.message).toContain('西安城投集团');
    const raceCode = nextCreditCode();
    const raced = await Promise.all(Array.from({ length: 6 }, (_, i) => createCustomer(t, 'xa-am1', { name: `并发${i}`, creditCode: raceCode })));
    expect(raced.filter((p) => p.groupCustomer).length).toBe(1);
    expect(raced.filter((p) => p.userErrors[0]?.code === 'DUPLICATE_CREDIT_CODE').length).toBe(5);
  });
});

describe('updating a group customer', () => {
  it('changes the given fields, bumps the version and keeps history', async () => {
    const customer = await mustCreateCustomer(t, 'xa-am1', { name: '西安市交通运输局' });
    const updated = dataOf(await t.gql('xa-am1', UPDATE, { input: { id: customer.id, expectedVersion: 1, grade: 'B1', monthlyRevenue: '88000' } })).updateGroupCustomer;
    expect(updated.userErrors).toEqual([]);
    expect(updated.groupCustomer).toMatchObject({ grade: 'B1', monthlyRevenue: '88000.00', version: 2, name: '西安市交通运输局' });
    const history = dataOf(
      await t.gql('xa-am1', `query($id: ID!) { node(id: $id) { ... on GroupCustomer { history { totalCount nodes { action actor { employeeNo } changes { field from to } } } } } }`, {
        id: customer.id,
      }),
    ).node.history;
    expect(history.totalCount).toBe(2);
    expect(history.nodes[0]).toEqual({
      action: 'UPDATE',
      actor: { employeeNo: 'xa-am1' },
      changes: [
        { field: 'grade', from: 'C', to: 'B1' },
        { field: 'monthlyRevenue', from: '0.00', to: '88000.00' },
      ],
    });
    expect(history.nodes[1].action).toBe('CREATE');
  });

  it('a stale expectedVersion answers VERSION_CONFLICT and changes nothing', async () => {
    const customer = await mustCreateCustomer(t, 'xa-am1', { name: '西安市税务局' });
    await t.gql('xa-am1', UPDATE, { input: { id: customer.id, expectedVersion: 1, grade: 'B2' } });
    const stale = dataOf(await t.gql('xa-am1', UPDATE, { input: { id: customer.id, expectedVersion: 1, grade: 'A1' } })).updateGroupCustomer;
    expectUserError(stale, 'VERSION_CONFLICT', 'expectedVersion');
    const [row] = await t.db.query('SELECT grade, version FROM group_customer WHERE code = $1', [customer.code]);
    expect(row).toEqual({ grade: 'B2', version: 2 });
  });

  it('twenty parallel updates with the same version: exactly one wins, none is lost', async () => {
    const customer = await mustCreateCustomer(t, 'xa-am1', { name: '西安市应急管理局' });
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => t.gql('xa-am1', UPDATE, { input: { id: customer.id, expectedVersion: 1, memberCount: 100 + i } })));
    const payloads = results.map((r) => dataOf(r).updateGroupCustomer);
    const winners = payloads.filter((p) => p.userErrors.length === 0);
    expect(winners).toHaveLength(1);
    expect(payloads.filter((p) => p.userErrors[0]?.code === 'VERSION_CONFLICT')).toHaveLength(19);
    const [row] = await t.db.query('SELECT member_count, version FROM group_customer WHERE code = $1', [customer.code]);
    expect(row).toEqual({ member_count: winners[0].groupCustomer.memberCount, version: 2 });
  });

  it('twenty parallel updates without a version all apply, one after another', async () => {
    const customer = await mustCreateCustomer(t, 'xa-am1', { name: '西安市政务服务中心' });
    await Promise.all(Array.from({ length: 20 }, (_, i) => t.gql('xa-am1', UPDATE, { input: { id: customer.id, memberCount: i + 1 } })));
    const [row] = await t.db.query('SELECT version FROM group_customer WHERE code = $1', [customer.code]);
    const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM customer_change h JOIN group_customer c ON c.id = h.customer_id WHERE c.code = $1 AND h.action = 'UPDATE'`, [customer.code]);
    expect(n).toBe(20);
    expect(row.version).toBe(21);
  });

  it('churning needs a reason; leaving CHURNED clears it', async () => {
    const customer = await mustCreateCustomer(t, 'xa-am1', { name: '西安某物流公司' });
    expectUserError(dataOf(await t.gql('xa-am1', UPDATE, { input: { id: customer.id, status: 'CHURNED' } })).updateGroupCustomer, 'VALIDATION', 'churnReason');
    const churned = dataOf(await t.gql('xa-am1', UPDATE, { input: { id: customer.id, status: 'CHURNED', churnReason: '携号转网至竞争对手' } })).updateGroupCustomer.groupCustomer;
    expect(churned).toMatchObject({ status: 'CHURNED', churnReason: '携号转网至竞争对手' });
    const back = dataOf(await t.gql('xa-am1', UPDATE, { input: { id: customer.id, status: 'ACTIVE' } })).updateGroupCustomer.groupCustomer;
    expect(back).toMatchObject({ status: 'ACTIVE', churnReason: null });
  });

  it('another manager gets NOT_FOUND, a leader who can see it gets FORBIDDEN', async () => {
    const customer = await mustCreateCustomer(t, 'xa-am1', { name: '西安市住房和城乡建设局' });
    expectUserError(dataOf(await t.gql('xa-am2', UPDATE, { input: { id: customer.id, grade: 'A1' } })).updateGroupCustomer, 'NOT_FOUND', 'id');
    expect(errorCodes(await t.gql('xa-leader', UPDATE, { input: { id: customer.id, grade: 'A1' } }))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await t.gql('p-huaxin', UPDATE, { input: { id: customer.id, grade: 'A1' } }))).toEqual([]);
    expectUserError(dataOf(await t.gql('p-huaxin', UPDATE, { input: { id: customer.id, grade: 'A1' } })).updateGroupCustomer, 'NOT_FOUND', 'id');
  });
});
