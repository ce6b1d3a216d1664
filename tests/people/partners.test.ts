import { dataOf, errorCodes, expectUserError, startTestApp, TestApp } from '../support/harness';
import { opportunityAdmins } from '../opportunities/money-builders';
import { cityCustomer, reportOpportunity } from '../opportunities/builders';

/** DOMAIN.md: People and rules — partners are deactivated like staff: their users refused, their reports kept. */
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
  await opportunityAdmins(t);
});
afterAll(() => t?.close());

const DEACTIVATE = `mutation($input: PartnerActiveInput!) { deactivatePartner(input: $input) { partner { code active } userErrors { code message field } } }`;
const REACTIVATE = `mutation($input: PartnerActiveInput!) { reactivatePartner(input: $input) { partner { code active } userErrors { code message field } } }`;
const VIEWER = `{ viewer { employeeNo } }`;
const partnerId = async (code: string) => Buffer.from(`Partner:${(await t.db.query(`SELECT id FROM partner WHERE code = $1`, [code]))[0].id}`).toString('base64');

describe('deactivatePartner / reactivatePartner', () => {
  it('the city’s 商机管理员 deactivates its partner: every user refused at once, reports and registrations kept; reactivating lets them in again', async () => {
    const report = await reportOpportunity(t, 'p-huaxin', { customerId: (await cityCustomer(t)).id, idempotencyKey: `partner-off-${Date.now()}` });
    expect(report.userErrors).toEqual([]);
    const attempts = async () => (await t.db.query(`SELECT count(*)::int AS n FROM registration_attempt WHERE partner_id = (SELECT id FROM partner WHERE code = 'P-HUAXIN')`))[0].n;
    const before = await attempts();
    const id = await partnerId('P-HUAXIN');
    const off = dataOf(await t.gql('xa-oa', DEACTIVATE, { input: { id } })).deactivatePartner;
    expect(off).toEqual({ partner: { code: 'P-HUAXIN', active: false }, userErrors: [] });
    expect(errorCodes(await t.gql('p-huaxin', VIEWER))).toEqual(['UNAUTHENTICATED']);
    expect(errorCodes(await t.gql('p-huaxin2', VIEWER))).toEqual(['UNAUTHENTICATED']);
    // The report stays, with its registration, for the administrator and the customer's people.
    expect(dataOf(await t.gql('xa-oa', `query($id: ID!) { opportunity(id: $id) { code partner { active } } }`, { id: report.opportunity.id })).opportunity).toEqual({
      code: report.opportunity.code,
      partner: { active: false },
    });
    expect(await attempts()).toBe(before);
    expectUserError(dataOf(await t.gql('admin', DEACTIVATE, { input: { id } })).deactivatePartner, 'INVALID_TRANSITION', 'id');

    expect(dataOf(await t.gql('admin', REACTIVATE, { input: { id } })).reactivatePartner.partner).toEqual({ code: 'P-HUAXIN', active: true });
    expect(errorCodes(await t.gql('p-huaxin', VIEWER))).toEqual([]);
  });

  it('another city’s partner reads as not found to a 商机管理员; anyone else is refused', async () => {
    const id = await partnerId('P-ZHILIAN');
    expectUserError(dataOf(await t.gql('xa-oa', DEACTIVATE, { input: { id } })).deactivatePartner, 'NOT_FOUND', 'id');
    for (const who of ['xa-am1', 'xa-leader', 'p-huaxin']) expect(errorCodes(await t.gql(who, DEACTIVATE, { input: { id } }))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await t.gql('p-zhilian', VIEWER))).toEqual([]);
  });
});
