import DataLoader from 'dataloader';
import { Arg, Ctx, FieldResolver, Mutation, Query, Resolver, Root, UseMiddleware } from 'type-graphql';
import type { Context } from '../../platform/context';
import type { NodeTypes } from '../../platform/graphql/node';
import { toPayload } from '../../platform/graphql/user-error';
import { HeavyReport } from '../../platform/report-slots';
import { customerLoaders } from '../customers/customer.loaders';
import { GroupCustomer } from '../customers/customer.types';
import { organisationLoaders } from '../organisation/organisation.loaders';
import { Region, Staff } from '../organisation/organisation.types';
import { businessRules } from '../rules/business-rules';
import { satisfaction } from './satisfaction';
import { RecordSatisfactionInput, RecordSatisfactionPayload, SatisfactionReport, SatisfactionRow, SatisfactionSurvey } from './satisfaction.types';
import { SatisfactionGrouping } from './service.enums';
import { ServicePeriod, ServicePeriodInput } from './service-period';
import { periodOf } from './standards.resolver';

export const satisfactionLoaders = {
  survey: (ctx: Context) =>
    ctx.loaders.get(
      'service.surveyById',
      () => new DataLoader<string, SatisfactionSurvey | null>(async (ids) => (await satisfaction.byIds(ctx, ids)).map((s) => (s ? SatisfactionSurvey.from(s) : null))),
    ),
  ofCustomer: (ctx: Context, period: ServicePeriod) =>
    ctx.loaders.get(
      `service.surveyOfCustomer:${period.key}`,
      () => new DataLoader<string, SatisfactionSurvey | null>(async (ids) => (await satisfaction.ofCustomers(ctx, ids, period)).map((s) => (s ? SatisfactionSurvey.from(s) : null))),
    ),
};

export const satisfactionNodeTypes: NodeTypes = { SatisfactionSurvey: satisfactionLoaders.survey };

@Resolver(() => SatisfactionSurvey)
export class SatisfactionResolver {
  @Mutation(() => RecordSatisfactionPayload, { description: '满意度调查 — record a customer’s score (1–10) for a period; a second for the same period needs `replace: true`.' })
  async recordSatisfaction(@Arg('input') input: RecordSatisfactionInput, @Ctx() ctx: Context): Promise<RecordSatisfactionPayload> {
    return toPayload(await satisfaction.record(ctx, input), 'satisfactionSurvey', SatisfactionSurvey.from);
  }

  @UseMiddleware(HeavyReport)
  @Query(() => SatisfactionReport, { description: '满意度报表 — the average score of your customers surveyed in a period, by region or grade, against the target in the business rules.' })
  async satisfactionReport(
    @Arg('period', () => ServicePeriodInput) periodInput: ServicePeriodInput,
    @Arg('by', () => SatisfactionGrouping) by: SatisfactionGrouping,
    @Ctx() ctx: Context,
  ): Promise<SatisfactionReport> {
    const period = await periodOf(periodInput);
    const rows = await satisfaction.report(ctx, period, by);
    const target = (await businessRules.forRequest(ctx)).rules.service.satisfactionTarget;
    const surveyed = rows.reduce((sum, r) => sum + r.surveyed, 0);
    const averageScore = surveyed ? rows.reduce((sum, r) => sum + r.average * r.surveyed, 0) / surveyed : null;
    return Object.assign(new SatisfactionReport(), {
      period: period.key,
      target,
      surveyed,
      averageScore,
      meetsTarget: averageScore == null ? null : averageScore >= target,
      rows: rows.map((r) =>
        Object.assign(new SatisfactionRow(), {
          key: r.key,
          by,
          surveyed: r.surveyed,
          averageScore: r.average,
          meetsTarget: r.average >= target,
          grade: by === SatisfactionGrouping.GRADE ? r.key : null,
        }),
      ),
    });
  }

  @FieldResolver(() => GroupCustomer, { nullable: true, description: 'The customer.' })
  customer(@Root() survey: SatisfactionSurvey, @Ctx() ctx: Context): Promise<GroupCustomer | null> {
    return customerLoaders.customer(ctx).load(survey.customerUuid);
  }

  @FieldResolver(() => Staff, { nullable: true, description: 'Who recorded it.' })
  recordedBy(@Root() survey: SatisfactionSurvey, @Ctx() ctx: Context): Promise<Staff | null> {
    return organisationLoaders.staff(ctx).load(survey.recordedByUuid);
  }
}

@Resolver(() => SatisfactionRow)
export class SatisfactionRowResolver {
  @FieldResolver(() => Region, { nullable: true, description: 'by REGION: the region one level below yours (yours for customers placed in it).' })
  region(@Root() row: SatisfactionRow, @Ctx() ctx: Context): Promise<Region | null> | null {
    return row.by === SatisfactionGrouping.REGION ? organisationLoaders.region(ctx).load(row.key) : null;
  }
}

/** What satisfaction adds to a group customer. */
@Resolver(() => GroupCustomer)
export class CustomerSatisfactionResolver {
  @FieldResolver(() => SatisfactionSurvey, { nullable: true, description: '满意度 — the customer’s survey for the period, if taken (none for partners).' })
  async satisfaction(@Root() customer: GroupCustomer, @Arg('period', () => ServicePeriodInput) periodInput: ServicePeriodInput, @Ctx() ctx: Context): Promise<SatisfactionSurvey | null> {
    return satisfactionLoaders.ofCustomer(ctx, await periodOf(periodInput)).load(customer.uuid);
  }
}
