import { expectUserError, TestApp } from '../support/harness';
import { mustCreateCustomer, nextCreditCode, regionId } from '../customers/builders';

export { nextCreditCode, regionId };

/** Small builders for opportunity tests: customers at each management level, opportunities driven through the API. */
export const gid = (type: string, uuid: string) => Buffer.from(`${type}:${uuid}`).toString('base64');
export const uuidOf = (globalId: string) => Buffer.from(globalId, 'base64').toString('utf8').split(':')[1];

let contractSerial = 0;
/** A signed contract for closing WON (DOMAIN.md: winning means a signed contract), with a number no other test uses. */
export function aContract(input: Record<string, unknown> = {}) {
  return {
    number: `HT-${process.pid}-${Date.now().toString(36)}-${contractSerial++}`,
    signedAmount: '100000.00',
    termMonths: 36,
    signedOn: new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10),
    ...input,
  };
}

export function inDays(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

export const OPPORTUNITY_FIELDS = `id code title stage category source products estimatedAmount expectedCloseDate version registeredAt protectedUntil closeReason
  customerSummary { code name region { code } } owner { employeeNo } reporter { employeeNo }
  competitor { carrier product monthlyFee bandwidthMbps contractExpiresOn }
  currentStep { id sequence approverRole state region { code } overdue dueAt }`;

const USER_ERRORS = 'userErrors { code message field }';

/** Customers of each management level in 西安, kept by the manager who owns that level (DOMAIN.md: ownership). */
export async function countyCustomer(t: TestApp, input: Record<string, unknown> = {}) {
  return mustCreateCustomer(t, 'xa-yt-g1', { name: '雁塔区教育局', managementLevel: 'COUNTY', regionId: await regionId(t, '610113-G1'), ...input });
}
export async function cityCustomer(t: TestApp, input: Record<string, unknown> = {}) {
  return mustCreateCustomer(t, 'xa-am1', { name: '西安市交通局', managementLevel: 'CITY', regionId: await regionId(t, '6101'), ...input });
}
export async function provinceCustomer(t: TestApp, input: Record<string, unknown> = {}) {
  return mustCreateCustomer(t, 'im-gov', {
    name: '陕西省政务服务中心',
    managementLevel: 'PROVINCE',
    industry: 'GOVERNMENT',
    regionId: await regionId(t, '6101'),
    ...input,
  });
}

export async function createOpportunity(t: TestApp, as: string, input: Record<string, unknown>) {
  const res = await t.gql(as, `mutation($input: CreateOpportunityInput!) { createOpportunity(input: $input) { opportunity { ${OPPORTUNITY_FIELDS} possibleDuplicates { code } } ${USER_ERRORS} } }`, {
    input: {
      title: '专线扩容',
      category: 'STANDARD_PRODUCT',
      products: ['INTERNET_LINE'],
      estimatedAmount: '120000.00',
      expectedCloseDate: inDays(60),
      ...input,
    },
  });
  if (res.body.errors) throw new Error(JSON.stringify(res.body.errors));
  return res.body.data.createOpportunity;
}

export async function mustCreateOpportunity(t: TestApp, as: string, input: Record<string, unknown>) {
  const payload = await createOpportunity(t, as, input);
  if (payload.userErrors.length) throw new Error(JSON.stringify(payload.userErrors));
  return payload.opportunity;
}

export async function reportOpportunity(t: TestApp, as: string, input: Record<string, unknown>) {
  const res = await t.gql(as, `mutation($input: ReportOpportunityInput!) { reportOpportunity(input: $input) { opportunity { ${OPPORTUNITY_FIELDS} } ${USER_ERRORS} } }`, {
    input: { title: '合作伙伴报备', products: ['CLOUD'], estimatedAmount: '80000.00', expectedCloseDate: inDays(45), ...input },
  });
  if (res.body.errors) throw new Error(JSON.stringify(res.body.errors));
  return res.body.data.reportOpportunity;
}

type Action = 'submitOpportunity' | 'recallOpportunity' | 'startOpportunity' | 'evaluateOpportunity' | 'closeOpportunity' | 'cancelOpportunity';
const INPUT_TYPE: Record<Action, string> = {
  submitOpportunity: 'OpportunityActionInput',
  recallOpportunity: 'OpportunityActionInput',
  startOpportunity: 'OpportunityActionInput',
  evaluateOpportunity: 'EvaluateOpportunityInput',
  closeOpportunity: 'CloseOpportunityInput',
  cancelOpportunity: 'CancelOpportunityInput',
};

/** Runs one lifecycle mutation and returns the whole response (for statement counts and thrown errors too). */
export function actRaw(t: TestApp, as: string, action: Action, input: Record<string, unknown>) {
  return t.gql(as, `mutation($input: ${INPUT_TYPE[action]}!) { ${action}(input: $input) { opportunity { ${OPPORTUNITY_FIELDS} } ${USER_ERRORS} } }`, { input });
}

export async function act(t: TestApp, as: string, action: Action, input: Record<string, unknown>) {
  const res = await actRaw(t, as, action, input);
  if (res.body.errors) throw new Error(JSON.stringify(res.body.errors));
  return res.body.data[action];
}

export async function mustAct(t: TestApp, as: string, action: Action, input: Record<string, unknown>) {
  const payload = await act(t, as, action, input);
  if (payload.userErrors.length) throw new Error(`${action}: ${JSON.stringify(payload.userErrors)}`);
  return payload.opportunity;
}

export function decideRaw(t: TestApp, as: string, input: Record<string, unknown>) {
  return t.gql(
    as,
    `mutation($input: DecideApprovalInput!) { decideApproval(input: $input) { step { id state decidedBy { employeeNo } onBehalfOf { employeeNo } comment } opportunity { ${OPPORTUNITY_FIELDS} } ${USER_ERRORS} } }`,
    { input },
  );
}

export async function decide(t: TestApp, as: string, input: Record<string, unknown>) {
  const res = await decideRaw(t, as, input);
  if (res.body.errors) throw new Error(JSON.stringify(res.body.errors));
  return res.body.data.decideApproval;
}

export async function mustDecide(t: TestApp, as: string, input: Record<string, unknown>) {
  const payload = await decide(t, as, input);
  if (payload.userErrors.length) throw new Error(`decideApproval: ${JSON.stringify(payload.userErrors)}`);
  return payload;
}

export async function history(t: TestApp, as: string, id: string) {
  const res = await t.gql(as, `query($id: ID!) { opportunity(id: $id) { history(first: 100) { nodes { action fromStage toStage comment actor { employeeNo } onBehalfOf { employeeNo } } } } }`, { id });
  if (res.body.errors) throw new Error(JSON.stringify(res.body.errors));
  return res.body.data.opportunity?.history.nodes as {
    action: string;
    fromStage: string | null;
    toStage: string | null;
    comment: string | null;
    actor: { employeeNo: string } | null;
    onBehalfOf: { employeeNo: string } | null;
  }[];
}

/**
 * Drives a new city-managed opportunity to `stage` the ordinary way
 * (xa-am1 reports, xa-support evaluates, xa-leader approves, xa-am1 owns).
 */
export async function opportunityIn(t: TestApp, stage: string, customerId: string, input: Record<string, unknown> = {}, contract: Record<string, unknown> = {}) {
  let o = await mustCreateOpportunity(t, 'xa-am1', { customerId, ...input });
  if (stage === 'DRAFT') return o;
  if (stage === 'CANCELLED') return mustAct(t, 'xa-am1', 'cancelOpportunity', { id: o.id, reason: '客户取消需求' });
  o = await mustAct(t, 'xa-am1', 'submitOpportunity', { id: o.id });
  if (stage === 'SUBMITTED') return o;
  o = await mustAct(t, 'xa-support', 'evaluateOpportunity', { id: o.id, decision: 'ACCEPT' });
  if (stage === 'PENDING_APPROVAL') return o;
  if (stage === 'REJECTED') return (await mustDecide(t, 'xa-leader', { stepId: o.currentStep.id, decision: 'REJECT', comment: '不符合条件' })).opportunity;
  o = (await mustDecide(t, 'xa-leader', { stepId: o.currentStep.id, decision: 'APPROVE' })).opportunity;
  if (stage === 'APPROVED') return o;
  o = await mustAct(t, 'xa-am1', 'startOpportunity', { id: o.id });
  if (stage === 'IN_PROGRESS') return o;
  return mustAct(t, 'xa-am1', 'closeOpportunity', stage === 'WON' ? { id: o.id, outcome: stage, reason: '已签约', contract: aContract(contract) } : { id: o.id, outcome: stage, reason: '价格不敌' });
}

export { expectUserError };
