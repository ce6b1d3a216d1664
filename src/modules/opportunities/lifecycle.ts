import { OpportunityStage as S } from './opportunity.enums';

/** Every move an opportunity can make after it exists (DOMAIN.md: Lifecycle). */
export enum LifecycleAction {
  SUBMIT = 'SUBMIT',
  RECALL = 'RECALL',
  ACCEPT_EVALUATION = 'ACCEPT_EVALUATION',
  RETURN_EVALUATION = 'RETURN_EVALUATION',
  APPROVE_STEP = 'APPROVE_STEP',
  APPROVE_LAST_STEP = 'APPROVE_LAST_STEP',
  RETURN_STEP = 'RETURN_STEP',
  REJECT_STEP = 'REJECT_STEP',
  START = 'START',
  CLOSE_WON = 'CLOSE_WON',
  CLOSE_LOST = 'CLOSE_LOST',
  CANCEL = 'CANCEL',
}

/**
 * Who may take an action, relative to the opportunity:
 * REPORTER — whoever reported it; OWNER — its owner; SUPPORT_MANAGER — a
 * support manager over the customer's region; APPROVER — whoever may decide
 * the open approval step (its leader or their delegate); LEADER — a leader
 * whose region contains the customer.
 */
export type Actor = 'REPORTER' | 'OWNER' | 'SUPPORT_MANAGER' | 'APPROVER' | 'LEADER';

export interface Transition {
  from: readonly S[];
  action: LifecycleAction;
  to: S;
  who: readonly Actor[];
}

/**
 * The lifecycle, as data: the one table every action is checked against
 * (DOMAIN.md: Lifecycle). Creating (DRAFT) and partner reports (SUBMITTED)
 * make new opportunities and are not moves of an existing one.
 */
export const TRANSITIONS: readonly Transition[] = [
  { from: [S.DRAFT], action: LifecycleAction.SUBMIT, to: S.SUBMITTED, who: ['REPORTER', 'OWNER'] },
  // DOMAIN.md: recall 撤回 only while no decision was taken (checked by the service for PENDING_APPROVAL).
  { from: [S.SUBMITTED, S.PENDING_APPROVAL], action: LifecycleAction.RECALL, to: S.DRAFT, who: ['REPORTER'] },
  { from: [S.SUBMITTED], action: LifecycleAction.ACCEPT_EVALUATION, to: S.PENDING_APPROVAL, who: ['SUPPORT_MANAGER'] },
  { from: [S.SUBMITTED], action: LifecycleAction.RETURN_EVALUATION, to: S.DRAFT, who: ['SUPPORT_MANAGER'] },
  { from: [S.PENDING_APPROVAL], action: LifecycleAction.APPROVE_STEP, to: S.PENDING_APPROVAL, who: ['APPROVER'] },
  { from: [S.PENDING_APPROVAL], action: LifecycleAction.APPROVE_LAST_STEP, to: S.APPROVED, who: ['APPROVER'] },
  { from: [S.PENDING_APPROVAL], action: LifecycleAction.RETURN_STEP, to: S.DRAFT, who: ['APPROVER'] },
  { from: [S.PENDING_APPROVAL], action: LifecycleAction.REJECT_STEP, to: S.REJECTED, who: ['APPROVER'] },
  { from: [S.APPROVED], action: LifecycleAction.START, to: S.IN_PROGRESS, who: ['OWNER'] },
  { from: [S.IN_PROGRESS], action: LifecycleAction.CLOSE_WON, to: S.WON, who: ['OWNER', 'LEADER'] },
  { from: [S.IN_PROGRESS], action: LifecycleAction.CLOSE_LOST, to: S.LOST, who: ['OWNER', 'LEADER'] },
  // DOMAIN.md: cancel — reporter before approval; leader in scope at any time.
  { from: [S.DRAFT, S.SUBMITTED, S.PENDING_APPROVAL], action: LifecycleAction.CANCEL, to: S.CANCELLED, who: ['REPORTER', 'LEADER'] },
  { from: [S.APPROVED, S.IN_PROGRESS], action: LifecycleAction.CANCEL, to: S.CANCELLED, who: ['LEADER'] },
];

/** The actions the table allows from a stage, in table order, without repeats. */
export function allowedActions(stage: S): LifecycleAction[] {
  return [...new Set(TRANSITIONS.filter((t) => t.from.includes(stage)).map((t) => t.action))];
}

/** The transition for an action from a stage, or null when the table has none. */
export function transitionFor(stage: S, action: LifecycleAction): Transition | null {
  return TRANSITIONS.find((t) => t.action === action && t.from.includes(stage)) ?? null;
}

/** The INVALID_TRANSITION message: names the current stage and what is allowed from it. */
export function invalidTransitionMessage(code: string, stage: S, action: LifecycleAction): string {
  const allowed = allowedActions(stage);
  return `Opportunity ${code} is ${stage}: ${action} is not allowed; allowed actions: ${allowed.length ? allowed.join(', ') : 'none (final stage)'}`;
}
