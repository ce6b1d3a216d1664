import type { Context } from '../../platform/context';
import { Page, PageArgs, paginate } from '../../platform/graphql/connection';
import { FOLLOW_UP_STAGES } from './follow-ups';
import { FollowUpEntity } from './follow-up.entity';
import { businessToday, NextStep } from './follow-up.types';
import { OpportunityEntity } from './opportunity.entity';
import { opportunityPolicy } from './opportunity.policy';

/*
 * 我的下一步 — the viewer's open next steps across opportunities (issue 11:
 * myNextSteps). Whose steps are "the viewer's" is opportunityPolicy.ownNextSteps:
 * on opportunities they own, follow or accepted as support manager, and the
 * ones they wrote. A step is open until a later follow-up on its opportunity
 * completes it (follow-ups.ts), and only while a follow-up could still be
 * logged (FOLLOW_UP_STAGES): the steps of a closed or returned opportunity
 * are nobody's to do.
 */
export const nextSteps = {
  /** Open next steps by due date, earliest first — so the overdue ones lead — through ix_follow_up_open_next_step. */
  async myNextSteps(ctx: Context, args: PageArgs): Promise<Page<NextStep>> {
    const own = opportunityPolicy.ownNextSteps('f', 'o', ctx.viewer);
    const read = opportunityPolicy.readFollowThrough('o', ctx.viewer);
    const query = ctx.db
      .getRepository(FollowUpEntity)
      .createQueryBuilder('f')
      .innerJoin(OpportunityEntity, 'o', 'o.id = f.opportunity_id')
      .where('f.next_step_due_on IS NOT NULL AND f.next_step_done_by_id IS NULL')
      .andWhere('o.stage IN (:...nextStepStages)', { nextStepStages: FOLLOW_UP_STAGES })
      .andWhere(own.sql, own.params)
      .andWhere(read.sql, read.params);
    const today = businessToday();
    return paginate(query, {
      args,
      sort: { expression: 'f.next_step_due_on', type: 'date' },
      direction: 'ASC',
      idExpression: 'f.id',
      map: (row) => NextStep.of(row, today)!,
    });
  },
};
