import { dataOf, TestApp } from '../support/harness';
import { staffId } from '../customers/builders';
import { mustDecide, opportunityIn, uuidOf } from './builders';

/** Builders for the follow-through tests (follow-ups, next steps, incentive applications). */

const DAY = 86_400_000;

/** A calendar day in Asia/Shanghai, `offset` days from today (next-step due dates are such days). */
export function shanghaiDay(offset = 0): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(Date.now() + offset * DAY));
}

export const daysAgo = (days: number) => new Date(Date.now() - days * DAY).toISOString();

export const FOLLOW_UP_FIELDS = `id kind occurredAt note author { employeeNo } nextStep { action dueOn done overdue doneBy { id } }`;
const USER_ERRORS = 'userErrors { code message field }';

export function logFollowUpRaw(t: TestApp, as: string, input: Record<string, unknown>) {
  return t.gql(as, `mutation($input: LogFollowUpInput!) { logFollowUp(input: $input) { followUp { ${FOLLOW_UP_FIELDS} } opportunity { id version lastFollowUpAt stalled } ${USER_ERRORS} } }`, {
    input: { kind: 'VISIT', occurredAt: new Date().toISOString(), note: '拜访客户, 了解需求', ...input },
  });
}

export async function logFollowUp(t: TestApp, as: string, input: Record<string, unknown>) {
  const res = await logFollowUpRaw(t, as, input);
  if (res.body.errors) throw new Error(JSON.stringify(res.body.errors));
  return res.body.data.logFollowUp;
}

export async function mustLogFollowUp(t: TestApp, as: string, input: Record<string, unknown>) {
  const payload = await logFollowUp(t, as, input);
  if (payload.userErrors.length) throw new Error(`logFollowUp: ${JSON.stringify(payload.userErrors)}`);
  return payload;
}

/** An opportunity in follow-up owned by xa-am3 and followed by xa-am2; xa-am1 reported it, xa-support accepted it. */
export async function followedOpportunity(t: TestApp, customerId: string, stage: 'APPROVED' | 'IN_PROGRESS' = 'APPROVED') {
  const pending = await opportunityIn(t, 'PENDING_APPROVAL', customerId);
  const { opportunity } = await mustDecide(t, 'xa-leader', {
    stepId: pending.currentStep.id,
    decision: 'APPROVE',
    ownerId: await staffId(t, 'xa-am3'),
    followerIds: [await staffId(t, 'xa-am2')],
  });
  if (stage === 'APPROVED') return opportunity;
  const started = dataOf(
    await t.gql('xa-am3', `mutation($i: OpportunityActionInput!) { startOpportunity(input: $i) { opportunity { id code stage version } } }`, {
      i: { id: opportunity.id },
    }),
  );
  return started.startOpportunity.opportunity;
}

/** Moves an opportunity's times back (registration, approval, last follow-up), as if it had been in follow-up that long. */
export async function ageOpportunity(t: TestApp, id: string, days: number) {
  await t.db.query(
    `UPDATE opportunity SET registered_at = registered_at - make_interval(days => $2), protected_until = protected_until - make_interval(days => $2), approved_at = approved_at - make_interval(days => $2),
       last_follow_up_at = last_follow_up_at - make_interval(days => $2) WHERE id = $1`,
    [uuidOf(id), days],
  );
  await t.db.query(`UPDATE follow_up SET occurred_at = occurred_at - make_interval(days => $2) WHERE opportunity_id = $1`, [uuidOf(id), days]);
}
