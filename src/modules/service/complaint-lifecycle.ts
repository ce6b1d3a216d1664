import { ComplaintAction, ComplaintState } from './service.enums';

/**
 * 投诉闭环 — the complaint lifecycle as one table (DOMAIN.md: Service
 * quality): from which states each action may be taken, and where it leads.
 * A callback 回访 leads to CLOSED or REOPENED by its score (`callbackOutcome`).
 * Who may act is complaint.policy.ts; applying a move is complaints.ts.
 */
export const COMPLAINT_MOVES: Readonly<Record<Exclude<ComplaintAction, ComplaintAction.RECORD>, { from: readonly ComplaintState[]; to: ComplaintState | null }>> = {
  [ComplaintAction.HAND_OVER]: { from: [ComplaintState.OPEN, ComplaintState.IN_PROGRESS, ComplaintState.REOPENED], to: null },
  [ComplaintAction.START]: { from: [ComplaintState.OPEN, ComplaintState.REOPENED], to: ComplaintState.IN_PROGRESS },
  [ComplaintAction.RESOLVE]: { from: [ComplaintState.IN_PROGRESS], to: ComplaintState.RESOLVED },
  [ComplaintAction.CLOSE]: { from: [ComplaintState.RESOLVED], to: ComplaintState.CLOSED },
  [ComplaintAction.REOPEN]: { from: [ComplaintState.RESOLVED], to: ComplaintState.REOPENED },
};

/** Open: not yet resolved, so its deadline still runs and it can be overdue. */
export const OPEN_COMPLAINT_STATES: readonly ComplaintState[] = [ComplaintState.OPEN, ComplaintState.IN_PROGRESS, ComplaintState.REOPENED];

/** A callback scoring this or lower reopens the complaint (回访不满意). */
export const DISSATISFIED_AT_MOST = 2;

export function callbackOutcome(satisfaction: number): ComplaintAction.CLOSE | ComplaintAction.REOPEN {
  return satisfaction <= DISSATISFIED_AT_MOST ? ComplaintAction.REOPEN : ComplaintAction.CLOSE;
}

/** The state a move leads to; HAND_OVER keeps the state it found. */
export function nextState(action: Exclude<ComplaintAction, ComplaintAction.RECORD>, from: ComplaintState): ComplaintState | null {
  const move = COMPLAINT_MOVES[action];
  if (!move.from.includes(from)) return null;
  return move.to ?? from;
}
