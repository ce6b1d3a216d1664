import DataLoader from 'dataloader';
import { Arg, Ctx, FieldResolver, Mutation, Query, Resolver, Root, UseMiddleware } from 'type-graphql';
import type { Context } from '../../platform/context';
import type { NodeTypes } from '../../platform/graphql/node';
import { toPayload } from '../../platform/graphql/user-error';
import { validateInput } from '../../platform/graphql/validation';
import { badInput } from '../../platform/graphql/errors';
import { HeavyReport } from '../../platform/report-slots';
import { CustomerGrade } from '../customers/customer.enums';
import { GroupCustomer } from '../customers/customer.types';
import { organisationLoaders } from '../organisation/organisation.loaders';
import { Region, Staff } from '../organisation/organisation.types';
import { ComplianceGrouping } from './service.enums';
import { ServicePeriod, servicePeriod, ServicePeriodInput } from './service-period';
import { CustomerCompliance, standards } from './standards';
import { RemoveServiceStandardInput, ServiceCompliance, ServiceComplianceReport, ServiceComplianceRow, ServiceStandard, ServiceStandardPayload, SetServiceStandardInput } from './standards.types';

/** A period argument checked like an input: a bad one is a request error naming it. */
export async function periodOf(input: ServicePeriodInput): Promise<ServicePeriod> {
  const errors = await validateInput(Object.assign(new ServicePeriodInput(), input));
  if (errors.length) throw badInput(errors.map((e) => e.message).join('; '));
  return servicePeriod(input);
}

export const standardLoaders = {
  standard: (ctx: Context) =>
    ctx.loaders.get('service.standardById', () => new DataLoader<string, ServiceStandard | null>(async (ids) => (await standards.byIds(ctx, ids)).map((s) => (s ? ServiceStandard.from(s) : null)))),

  compliance: (ctx: Context, period: ServicePeriod) =>
    ctx.loaders.get(`service.compliance:${period.key}`, () => new DataLoader<string, CustomerCompliance | null>((ids) => standards.ofCustomers(ctx, ids, period))),
};

export const standardNodeTypes: NodeTypes = { ServiceStandard: standardLoaders.standard };

const rate = (owed: number, done: number) => (owed ? done / owed : null);

@Resolver(() => ServiceStandard)
export class ServiceStandardResolver {
  @Query(() => [ServiceStandard], { description: '服务标准 — the service standards, by grade, care level and kind (our staff).' })
  async serviceStandards(@Arg('grade', () => CustomerGrade, { nullable: true, description: 'One grade only.' }) grade: CustomerGrade | null, @Ctx() ctx: Context): Promise<ServiceStandard[]> {
    return (await standards.list(ctx, grade)).map(ServiceStandard.from);
  }

  @Mutation(() => ServiceStandardPayload, { description: 'Set what a grade × care level is owed of one kind per period (admin); compliance follows at once.' })
  async setServiceStandard(@Arg('input') input: SetServiceStandardInput, @Ctx() ctx: Context): Promise<ServiceStandardPayload> {
    return toPayload(await standards.set(ctx, input), 'serviceStandard', ServiceStandard.from);
  }

  @Mutation(() => ServiceStandardPayload, { description: 'Remove a service standard (admin).' })
  async removeServiceStandard(@Arg('input') input: RemoveServiceStandardInput, @Ctx() ctx: Context): Promise<ServiceStandardPayload> {
    return toPayload(await standards.remove(ctx, input.id), 'serviceStandard', ServiceStandard.from);
  }

  @UseMiddleware(HeavyReport)
  @Query(() => ServiceComplianceReport, {
    description:
      '服务达标报表 — service compliance over your customers (those whose care you see) in a period, by account manager, region or grade; the rows add up to the per-customer `serviceCompliance`.',
  })
  async serviceComplianceReport(
    @Arg('period', () => ServicePeriodInput) periodInput: ServicePeriodInput,
    @Arg('by', () => ComplianceGrouping) by: ComplianceGrouping,
    @Ctx() ctx: Context,
  ): Promise<ServiceComplianceReport> {
    const period = await periodOf(periodInput);
    const rows = await standards.report(ctx, period, by);
    const owed = rows.reduce((sum, r) => sum + r.owed, 0);
    const done = rows.reduce((sum, r) => sum + r.done, 0);
    return Object.assign(new ServiceComplianceReport(), {
      period: period.key,
      owed,
      done,
      rate: rate(owed, done),
      rows: rows.map((r) => Object.assign(new ServiceComplianceRow(), { ...r, by, rate: rate(r.owed, r.done), grade: by === ComplianceGrouping.GRADE ? r.key : null })),
    });
  }
}

@Resolver(() => ServiceStandard)
export class ServiceStandardFieldsResolver {
  @FieldResolver(() => Staff, { nullable: true, description: 'Who last changed it.' })
  updatedBy(@Root() standard: ServiceStandard, @Ctx() ctx: Context): Promise<Staff | null> | null {
    return standard.updatedByUuid ? organisationLoaders.staff(ctx).load(standard.updatedByUuid) : null;
  }
}

@Resolver(() => ServiceComplianceRow)
export class ServiceComplianceRowResolver {
  @FieldResolver(() => Staff, { nullable: true, description: 'by ACCOUNT_MANAGER: the account manager (null for the customers without one).' })
  accountManager(@Root() row: ServiceComplianceRow, @Ctx() ctx: Context): Promise<Staff | null> | null {
    return row.by === ComplianceGrouping.ACCOUNT_MANAGER && row.key ? organisationLoaders.staff(ctx).load(row.key) : null;
  }

  @FieldResolver(() => Region, { nullable: true, description: 'by REGION: the region one level below yours (yours for customers placed in it).' })
  region(@Root() row: ServiceComplianceRow, @Ctx() ctx: Context): Promise<Region | null> | null {
    return row.by === ComplianceGrouping.REGION && row.key ? organisationLoaders.region(ctx).load(row.key) : null;
  }
}

/** What service standards add to a group customer. */
@Resolver(() => GroupCustomer)
export class CustomerComplianceResolver {
  @FieldResolver(() => ServiceCompliance, {
    nullable: true,
    description: '服务达标 — what the customer’s contacts are owed in the period under its grade’s standards, done and missing; null when you do not see its care.',
  })
  async serviceCompliance(@Root() customer: GroupCustomer, @Arg('period', () => ServicePeriodInput) periodInput: ServicePeriodInput, @Ctx() ctx: Context): Promise<ServiceCompliance | null> {
    const period = await periodOf(periodInput);
    const figures = await standardLoaders.compliance(ctx, period).load(customer.uuid);
    return figures ? ServiceCompliance.from(period.key, figures) : null;
  }
}
