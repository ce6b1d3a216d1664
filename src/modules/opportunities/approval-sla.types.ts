import { Field, Float, Int, ObjectType } from 'type-graphql';

/*
 * The approval SLA report (issue 11: "approval SLA — per approver region,
 * steps decided, decided within due, overdue now, median hours to decide").
 */

@ObjectType({ description: '审批时效 — how one approver region decided its approval steps.' })
export class ApprovalSlaRow {
  @Field(() => Int, { description: 'Steps decided in the period (approved, returned or rejected).' })
  decided!: number;

  @Field(() => Int, { description: 'Of those, decided by their due time.' })
  decidedWithinDue!: number;

  @Field(() => Float, { nullable: true, description: 'decidedWithinDue / decided; null when nothing was decided.' })
  withinDueRate!: number | null;

  @Field(() => Int, { description: '超时未审 — steps pending past their due time now, whenever they opened.' })
  overdueNow!: number;

  @Field(() => Float, {
    nullable: true,
    description: 'Median hours from a step opening to its decision, over the steps decided in the period (one decimal); null when none.',
  })
  medianHoursToDecide!: number | null;

  regionUuid!: string;
}
