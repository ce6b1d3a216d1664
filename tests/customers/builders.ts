import { TestApp } from '../support/harness';

/** Small builders for customer tests: global ids of demo rows, and customers made through the API. */
export async function regionId(t: TestApp, code: string): Promise<string> {
  const [row] = await t.db.query(`SELECT id FROM region WHERE code = $1`, [code]);
  if (!row) throw new Error(`no region ${code}`);
  return Buffer.from(`Region:${row.id}`).toString('base64');
}

export async function staffId(t: TestApp, employeeNo: string): Promise<string> {
  const [row] = await t.db.query(`SELECT id FROM staff WHERE employee_no = $1`, [employeeNo]);
  if (!row) throw new Error(`no staff ${employeeNo}`);
  return Buffer.from(`Staff:${row.id}`).toString('base64');
}

export const CUSTOMER_FIELDS = 'id code name creditCode industry grade managementLevel memberCount monthlyRevenue status churnReason address version region { code } accountManager { employeeNo }';

let creditSerial = 1000;
/** A valid, unused Unified Social Credit Code. */
export function nextCreditCode(): string {
  const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
  const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
  const body = `916101${String(creditSerial++).padStart(11, '0')}`;
  const sum = [...body].reduce((acc, c, i) => acc + ALPHABET.indexOf(c) * WEIGHTS[i], 0);
  return body + ALPHABET[(31 - (sum % 31)) % 31];
}

/** Creates a customer as `as` (defaults: a C-grade city-managed customer in 西安 managed by xa-am1). */
export async function createCustomer(t: TestApp, as: string, input: Record<string, unknown> = {}) {
  const res = await t.gql(as, `mutation($input: CreateGroupCustomerInput!) { createGroupCustomer(input: $input) { groupCustomer { ${CUSTOMER_FIELDS} } userErrors { code message field } } }`, {
    input: { name: '测试客户', industry: 'GOVERNMENT', grade: 'C', managementLevel: 'CITY', regionId: await regionId(t, '6101'), ...input },
  });
  if (res.body.errors) throw new Error(JSON.stringify(res.body.errors));
  return res.body.data.createGroupCustomer;
}

export async function mustCreateCustomer(t: TestApp, as: string, input: Record<string, unknown> = {}) {
  const payload = await createCustomer(t, as, input);
  if (payload.userErrors.length) throw new Error(JSON.stringify(payload.userErrors));
  return payload.groupCustomer;
}
