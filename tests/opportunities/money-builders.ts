import { dataOf, expectUserError, TestApp } from '../support/harness';
import { regionId } from '../customers/builders';
import { aContract, gid, inDays, mustAct, mustDecide, reportOpportunity } from './builders';

/** Builders for the contract, commission and partner-portal tests (issue 11). */

export const COMMISSION_FIELDS = 'id state amount ratePercent refusalReason note paymentReference paidOn version partner { code }';
export const CONTRACT_FIELDS = 'id number signedAmount termMonths signedOn endsOn productLine provisioningState inServiceOn failedOn failureReason';

/** 商机管理员 of 西安 (xa-oa) and 宝鸡 (bj-oa), created by the admin through the API. */
export async function opportunityAdmins(t: TestApp) {
  for (const [employeeNo, city] of [
    ['xa-oa', '6101'],
    ['bj-oa', '6103'],
  ]) {
    const res = await t.gql('admin', `mutation($i: CreateStaffInput!) { createStaff(input: $i) { userErrors { code message } } }`, {
      i: { employeeNo, name: `${city}商机管理员`, roles: ['OPPORTUNITY_ADMIN'], regionId: await regionId(t, city) },
    });
    const errors = dataOf(res).createStaff.userErrors;
    if (errors.length && errors[0].code !== 'ALREADY_EXISTS') throw new Error(JSON.stringify(errors));
  }
}

export const partnerGid = async (t: TestApp, code: string) => gid('Partner', (await t.db.query(`SELECT id FROM partner WHERE code = $1`, [code]))[0].id);

let keySerial = 0;
/** A partner report that must be accepted. */
export async function mustReport(t: TestApp, as: string, customerId: string, products = ['CLOUD'], input: Record<string, unknown> = {}) {
  const payload = await reportOpportunity(t, as, {
    customerId,
    products,
    idempotencyKey: `money-${process.pid}-${keySerial++}`,
    expectedCloseDate: inDays(30),
    ...input,
  });
  if (payload.userErrors.length) throw new Error(JSON.stringify(payload.userErrors));
  return payload.opportunity;
}

/** A partner report that must be refused as 撞单. */
export async function mustCollide(t: TestApp, as: string, customerId: string, products = ['CLOUD']) {
  return expectUserError(await reportOpportunity(t, as, { customerId, products, idempotencyKey: `money-${process.pid}-${keySerial++}`, expectedCloseDate: inDays(30) }), 'DUPLICATE_OPPORTUNITY');
}

/** Takes a SUBMITTED 西安 opportunity through evaluation, approval and start (IN_PROGRESS, owned by xa-am1). */
export async function toInProgress(t: TestApp, id: string) {
  const accepted = await mustAct(t, 'xa-support', 'evaluateOpportunity', { id, decision: 'ACCEPT' });
  await mustDecide(t, 'xa-leader', { stepId: accepted.currentStep.id, decision: 'APPROVE' });
  return mustAct(t, 'xa-am1', 'startOpportunity', { id });
}

const WIN = `mutation($input: CloseOpportunityInput!) { closeOpportunity(input: $input) {
  opportunity { id code stage version contract { ${CONTRACT_FIELDS} } commissions { ${COMMISSION_FIELDS} } } userErrors { code message field } } }`;

/** closeOpportunity WON with a contract (defaults from aContract), as `as`; the payload. */
export async function win(t: TestApp, id: string, contract: Record<string, unknown> = {}, as = 'xa-am1') {
  return dataOf(await t.gql(as, WIN, { input: { id, outcome: 'WON', reason: '签约', contract: aContract(contract) } })).closeOpportunity;
}

export async function mustWin(t: TestApp, id: string, contract: Record<string, unknown> = {}, as = 'xa-am1') {
  const payload = await win(t, id, contract, as);
  if (payload.userErrors.length) throw new Error(JSON.stringify(payload.userErrors));
  return payload.opportunity;
}

export function review(t: TestApp, as: string, input: Record<string, unknown>) {
  return t.gql(as, `mutation($i: ReviewCommissionInput!) { reviewCommission(input: $i) { commission { ${COMMISSION_FIELDS} reviewedBy { employeeNo } } userErrors { code message field } } }`, {
    i: input,
  });
}

export function pay(t: TestApp, as: string, input: Record<string, unknown>) {
  return t.gql(as, `mutation($i: RecordCommissionPaymentInput!) { recordCommissionPayment(input: $i) { commission { ${COMMISSION_FIELDS} } userErrors { code message field } } }`, { i: input });
}

export const chinaToday = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
export const chinaDaysAgo = (days: number) => new Date(Date.now() + 8 * 3_600_000 - days * 86_400_000).toISOString().slice(0, 10);
