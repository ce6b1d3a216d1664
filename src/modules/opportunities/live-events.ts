import { registerEnumType } from 'type-graphql';
import type { EntityManager } from 'typeorm';
import type { Context } from '../../platform/context';
import { LiveEvent, publish } from '../../platform/live/events';
import type { ScheduledCheck } from '../../platform/live/scheduler';
import { opportunityPolicy } from './opportunity.policy';

/*
 * What the opportunities module announces to subscribers (docs/subscriptions.md):
 * approval-queue changes and every change to an opportunity. Published in the
 * transaction of the change; whom they reach is decided at delivery, as each
 * subscriber, by opportunity-live.resolver.ts.
 */

export enum ApprovalQueueChange {
  OPENED = 'OPENED',
  DECIDED = 'DECIDED',
  WITHDRAWN = 'WITHDRAWN',
  OVERDUE = 'OVERDUE',
  DELEGATED = 'DELEGATED',
  HANDED_OVER = 'HANDED_OVER',
}

registerEnumType(ApprovalQueueChange, {
  name: 'ApprovalQueueChange',
  description: 'What changed in an approval queue.',
  valuesConfig: {
    OPENED: { description: 'A step opened: it awaits a decision (待审批).' },
    DECIDED: { description: 'A step was approved, returned or rejected (by you, your delegate or the leader you stand in for).' },
    WITHDRAWN: { description: 'A pending step ended without a decision: the opportunity was recalled or cancelled.' },
    OVERDUE: { description: 'A pending step passed its due time (超时).' },
    DELEGATED: { description: '代理审批 — a delegation to or from you was made (or handed over to you): the queue now holds the steps it covers.' },
    HANDED_OVER: { description: '离职交接 — a pending step of a leader who left was handed to you.' },
  },
});

export const APPROVAL_TOPIC = 'approval';
export const OPPORTUNITY_TOPIC = 'opportunity';

/** A step (or, for DELEGATED, a delegation) by its uuid. */
export const approvalEvent = (kind: ApprovalQueueChange, id: string): LiveEvent => ({ topic: APPROVAL_TOPIC, kind, id });

/** An opportunity changed; `kind` is its history entry's action. */
export const opportunityEvent = (opportunityId: string, action: string): LiveEvent => ({ topic: OPPORTUNITY_TOPIC, kind: action, id: opportunityId });

/**
 * Whether the step is in the viewer's approval queue: one they may decide
 * (their own or as a delegate now: opportunityPolicy.decidable, as myApprovals)
 * or one they decided or had decided for them.
 */
export async function inApprovalQueue(ctx: Context, stepId: string): Promise<boolean> {
  const decidable = opportunityPolicy.decidable('s', ctx.viewer);
  return ctx.db
    .createQueryBuilder()
    .from('approval_step', 's')
    .where('s.id = :stepId', { stepId })
    .andWhere(`(${decidable.sql} OR s.decided_by_id = :queueViewer OR s.on_behalf_of_id = :queueViewer)`, { ...decidable.params, queueViewer: ctx.viewer.staffId })
    .getExists();
}

/**
 * DOMAIN.md: a step "shows as overdue after" its due time. Marks the pending
 * steps past due that were not yet announced and announces them, in the
 * scheduler's transaction: each is announced once, whichever instance runs it.
 */
export const overdueStepsCheck: ScheduledCheck = {
  name: 'approval steps overdue',
  async run(tx: EntityManager): Promise<number> {
    const [rows] = await tx.query(
      `UPDATE approval_step SET overdue_announced_at = now()
       WHERE state = 'PENDING' AND overdue_announced_at IS NULL AND due_at < now() RETURNING id`,
    );
    await publish(tx, ...(rows as { id: string }[]).map((row) => approvalEvent(ApprovalQueueChange.OVERDUE, row.id)));
    return rows.length;
  },
};
