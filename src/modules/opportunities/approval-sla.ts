import type { Context } from '../../platform/context';
import { forbidden } from '../../platform/graphql/errors';
import { ApprovalStepEntity } from './approval-step.entity';
import { ApprovalSlaRow } from './approval-sla.types';
import { followThroughRules } from './follow-through.config';
import { PeriodInput } from './money.inputs';
import { opportunityPolicy } from './opportunity.policy';
import { reportPeriod } from './report-period';

/*
 * 审批时效 — the approval SLA report: per approver region (the county, city
 * or province whose leader decides a step), how many steps were decided in
 * the period, how many by their due time, how many are pending past it now,
 * and the median hours to decide. Which steps a viewer may count is
 * opportunityPolicy.readApprovalSla (leaders their region subtree, admins all).
 */

export const approvalSla = {
  /** One aggregate statement over approval_step: decided in the period (ix_approval_step_decided_at) or overdue now (ix_approval_step_queue). */
  async approvalSla(ctx: Context, period: PeriodInput): Promise<ApprovalSlaRow[]> {
    const scope = opportunityPolicy.readApprovalSla('s', ctx.viewer);
    if (!scope) throw forbidden('Only leaders and admins read the approval SLA');
    // The reports' one period rule (report-period.ts); the range below is its inPeriod written so the decided_at index serves it.
    const { from, to } = reportPeriod(period);
    const decidedInPeriod = `(s.decided_at >= (CAST(:slaFrom AS date)::timestamp AT TIME ZONE :slaZone) AND s.decided_at < ((CAST(:slaTo AS date) + 1)::timestamp AT TIME ZONE :slaZone))`;
    const overdueNow = `(s.state = 'PENDING' AND s.due_at < now())`;
    const rows: { regionId: string; decided: number; withinDue: number; overdue: number; median: number | null }[] = await ctx.db
      .getRepository(ApprovalStepEntity)
      .createQueryBuilder('s')
      .select('s.region_id', 'regionId')
      .addSelect(`count(*) FILTER (WHERE ${decidedInPeriod})::int`, 'decided')
      .addSelect(`count(*) FILTER (WHERE ${decidedInPeriod} AND s.decided_at <= s.due_at)::int`, 'withinDue')
      .addSelect(`count(*) FILTER (WHERE ${overdueNow})::int`, 'overdue')
      .addSelect(`percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM s.decided_at - s.created_at) / 3600) FILTER (WHERE ${decidedInPeriod})`, 'median')
      .where(`(${decidedInPeriod} OR ${overdueNow})`, { slaFrom: from, slaTo: to, slaZone: followThroughRules.timeZone })
      .andWhere(scope.sql, scope.params)
      .groupBy('s.region_id')
      .orderBy('overdue', 'DESC')
      .addOrderBy('decided', 'DESC')
      .addOrderBy('s.region_id', 'ASC')
      .getRawMany();
    return rows.map((row) =>
      Object.assign(new ApprovalSlaRow(), {
        regionUuid: row.regionId,
        decided: row.decided,
        decidedWithinDue: row.withinDue,
        withinDueRate: row.decided === 0 ? null : Math.round((row.withinDue / row.decided) * 1000) / 1000,
        overdueNow: row.overdue,
        medianHoursToDecide: row.median == null ? null : Math.round(Number(row.median) * 10) / 10,
      }),
    );
  },
};
