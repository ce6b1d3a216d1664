import { Arg, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../platform/context';
import { organisationLoaders } from '../organisation/organisation.loaders';
import { Region } from '../organisation/organisation.types';
import { ApprovalSlaRow } from './approval-sla.types';
import { PeriodInput } from './money.inputs';
import { followThroughService } from './follow-through.service';

@Resolver(() => ApprovalSlaRow)
export class ApprovalSlaResolver {
  @Query(() => [ApprovalSlaRow], {
    description: '审批时效 — per approver region: steps decided in the period, decided within due, overdue now, median hours to decide; worst first. Leaders see their region subtree, admins all.',
  })
  approvalSla(@Arg('period', () => PeriodInput) period: PeriodInput, @Ctx() ctx: Context): Promise<ApprovalSlaRow[]> {
    return followThroughService.approvalSla(ctx, period);
  }

  @FieldResolver(() => Region, { description: 'The county, city or province whose leader decides the steps.' })
  async region(@Root() row: ApprovalSlaRow, @Ctx() ctx: Context): Promise<Region> {
    return (await organisationLoaders.region(ctx).load(row.regionUuid))!;
  }
}
