import { dataOf, errorCodes, startTestApp, TestApp } from '../support/harness';
import { staffId } from '../customers/builders';
import { cityCustomer, expectUserError, gid, opportunityIn } from './builders';
import { mustCollide, mustReport, mustWin, opportunityAdmins, partnerGid, toInProgress } from './money-builders';

/** 商机管理员 (DOMAIN.md: Who sees what): partner reports, registrations and commissions of their city; partner accounts. */
let t: TestApp;
let huaxinReport: { id: string; code: string };
let zhilianReport: { id: string; code: string };
beforeAll(async () => {
  t = await startTestApp();
  await opportunityAdmins(t);
  const customer = await cityCustomer(t);
  huaxinReport = await mustReport(t, 'p-huaxin', customer.id, ['CLOUD']);
  await mustCollide(t, 'p-zhilian', customer.id, ['CLOUD']);
  zhilianReport = await mustReport(t, 'p-zhilian', (await cityCustomer(t)).id, ['IOT']);
});
afterAll(() => t.close());

const codes = async (as: string) => dataOf(await t.gql(as, `{ opportunities(first: 100) { nodes { code } } }`)).opportunities.nodes.map((n: { code: string }) => n.code);
const registrations = async (as: string) => dataOf(await t.gql(as, `{ registrationAttempts(first: 100) { totalCount nodes { id outcome partner { code } } } }`)).registrationAttempts;

describe('what an opportunity administrator reads', () => {
  it('the partner reports of their city’s partners, whatever the customer; no internal opportunity', async () => {
    await opportunityIn(t, 'SUBMITTED', (await cityCustomer(t)).id);
    expect(await codes('xa-oa')).toEqual([huaxinReport.code]);
    expect(await codes('bj-oa')).toEqual([zhilianReport.code]);
    const seen = dataOf(await t.gql('xa-oa', `query($id: ID!) { opportunity(id: $id) { code customer { id } customerSummary { code } } }`, { id: huaxinReport.id })).opportunity;
    expect(seen).toMatchObject({ code: huaxinReport.code, customer: null });
  });

  it('the registration attempts of their city’s partners, accepted and refused; others read them as not found', async () => {
    const xa = await registrations('xa-oa');
    expect(xa.nodes.map((n: { partner: { code: string } }) => n.partner.code)).toEqual(['P-HUAXIN']);
    const bj = await registrations('bj-oa');
    expect(bj.nodes.map((n: { outcome: string }) => n.outcome).sort()).toEqual(['ACCEPTED', 'REFUSED_DUPLICATE']);
    const node = `query($id: ID!) { node(id: $id) { id } }`;
    expect(dataOf(await t.gql('xa-oa', node, { id: bj.nodes[0].id })).node).toBeNull();
    expect(dataOf(await t.gql('xa-leader', node, { id: bj.nodes[0].id })).node).toBeNull();
    expect((await registrations('xa-leader')).totalCount).toBe(0);
    expect((await registrations('admin')).totalCount).toBe(3);
  });

  it('an administrator is a city role', async () => {
    const res = await t.gql('admin', `mutation($i: CreateStaffInput!) { createStaff(input: $i) { userErrors { code field } } }`, {
      i: {
        employeeNo: 'county-oa',
        name: '区县商机管理员',
        roles: ['OPPORTUNITY_ADMIN'],
        regionId: gid('Region', (await t.db.query(`SELECT id FROM region WHERE code = '610113'`))[0].id),
      },
    });
    expectUserError(dataOf(res).createStaff, 'VALIDATION', 'regionId');
  });
});

describe('partner accounts 分配账号 of their city', () => {
  const CREATE = `mutation($i: CreatePartnerUserInput!) { createPartnerUser(input: $i) { staff { id employeeNo roles active partner { code } region { code } } userErrors { code field } } }`;
  const DEACTIVATE = `mutation($i: DeactivatePartnerUserInput!) { deactivatePartnerUser(input: $i) { staff { employeeNo active } userErrors { code message field } } }`;

  it('creates users for partners of their city only; a partner of another city reads as not found; others are forbidden', async () => {
    const made = dataOf(await t.gql('xa-oa', CREATE, { i: { partnerId: await partnerGid(t, 'P-HUAXIN'), employeeNo: 'p-huaxin3', name: '华信三号' } })).createPartnerUser;
    expect(made).toMatchObject({
      userErrors: [],
      staff: { employeeNo: 'p-huaxin3', roles: ['PARTNER'], active: true, partner: { code: 'P-HUAXIN' }, region: { code: '6101' } },
    });
    expect(dataOf(await t.gql('p-huaxin3', `{ viewer { employeeNo } }`)).viewer.employeeNo).toBe('p-huaxin3');
    expectUserError(dataOf(await t.gql('xa-oa', CREATE, { i: { partnerId: await partnerGid(t, 'P-ZHILIAN'), employeeNo: 'p-zhilian9', name: '智联' } })).createPartnerUser, 'NOT_FOUND', 'partnerId');
    expectUserError(
      dataOf(await t.gql('xa-oa', CREATE, { i: { partnerId: await partnerGid(t, 'P-HUAXIN'), employeeNo: 'p-huaxin3', name: '重复' } })).createPartnerUser,
      'ALREADY_EXISTS',
      'employeeNo',
    );
    expectUserError(dataOf(await t.gql('xa-oa', CREATE, { i: { partnerId: await partnerGid(t, 'P-HUAXIN'), employeeNo: 'bad no', name: 'x' } })).createPartnerUser, 'VALIDATION', 'employeeNo');
    for (const as of ['xa-leader', 'p-huaxin']) {
      expect(errorCodes(await t.gql(as, CREATE, { i: { partnerId: await partnerGid(t, 'P-HUAXIN'), employeeNo: `x-${as}`, name: 'x' } }))).toEqual(['FORBIDDEN']);
    }
  });

  it('deactivates them; only partner users of their city; not twice', async () => {
    expectUserError(dataOf(await t.gql('bj-oa', DEACTIVATE, { i: { id: await staffId(t, 'p-huaxin2') } })).deactivatePartnerUser, 'NOT_FOUND', 'id');
    expectUserError(dataOf(await t.gql('xa-oa', DEACTIVATE, { i: { id: await staffId(t, 'xa-am1') } })).deactivatePartnerUser, 'NOT_FOUND', 'id');
    expect(dataOf(await t.gql('xa-oa', DEACTIVATE, { i: { id: await staffId(t, 'p-huaxin2') } })).deactivatePartnerUser.staff).toEqual({
      employeeNo: 'p-huaxin2',
      active: false,
    });
    expect(errorCodes(await t.gql('p-huaxin2', `{ viewer { employeeNo } }`))).toEqual(['UNAUTHENTICATED']);
    expect(expectUserError(dataOf(await t.gql('xa-oa', DEACTIVATE, { i: { id: await staffId(t, 'p-huaxin2') } })).deactivatePartnerUser, 'INVALID_TRANSITION').message).toContain('already inactive');
  });

  it('a deactivated user’s tokens fail at once, even behind a viewer cache', async () => {
    const cached = await startTestApp({ VIEWER_CACHE_MS: '1000' });
    try {
      await opportunityAdmins(cached);
      expect(dataOf(await cached.gql('p-huaxin', `{ viewer { employeeNo } }`)).viewer.employeeNo).toBe('p-huaxin');
      expect(dataOf(await cached.gql('p-huaxin', `{ viewer { employeeNo } }`)).viewer.employeeNo).toBe('p-huaxin'); // now cached
      const done = dataOf(await cached.gql('xa-oa', DEACTIVATE, { i: { id: await staffId(cached, 'p-huaxin') } })).deactivatePartnerUser;
      expect(done.userErrors).toEqual([]);
      expect(errorCodes(await cached.gql('p-huaxin', `{ viewer { employeeNo } }`))).toEqual(['UNAUTHENTICATED']);
      // the report stays (DOMAIN.md: their users refused; reports kept)
      expect(dataOf(await cached.gql('p-huaxin2', `{ opportunities { totalCount } }`)).opportunities.totalCount).toBe(0);
    } finally {
      await cached.close();
    }
  });
});

describe('a won partner report in the administrator’s sight', () => {
  it('shows the commission to the administrator of the partner’s city only', async () => {
    const o = await mustReport(t, 'p-huaxin', (await cityCustomer(t)).id, ['IDC']);
    await toInProgress(t, o.id);
    const won = await mustWin(t, o.id);
    const query = `query($id: ID!) { opportunity(id: $id) { commission { state } contract { number } } }`;
    expect(dataOf(await t.gql('xa-oa', query, { id: o.id })).opportunity).toEqual({
      commission: { state: 'PENDING' },
      contract: { number: won.contract.number },
    });
    expect(dataOf(await t.gql('bj-oa', query, { id: o.id })).opportunity).toBeNull();
  });
});
