import { IsEnum, IsInt, Max, Min } from 'class-validator';
import { DateTimeResolver } from 'graphql-scalars';
import { Field, Float, ID, InputType, Int, ObjectType } from 'type-graphql';
import { Node } from '../../platform/graphql/node';
import { toGlobalId } from '../../platform/graphql/node-id';
import { Payload } from '../../platform/graphql/user-error';
import { CareActivityKind, CareLevel } from '../contacts/contact.enums';
import { CustomerGrade } from '../customers/customer.enums';
import { ComplianceGrouping, ServiceFrequency, ServiceTier } from './service.enums';
import { ServiceStandardEntity } from './service-standard.entity';
import type { ComplianceLine } from './standards';

@ObjectType({ implements: Node, description: '服务标准 — what each contact of one care level at a customer of one grade is owed per period (分层分级服务).' })
export class ServiceStandard extends Node {
  @Field(() => CustomerGrade, { description: '客户等级 — the customers’ grade.' })
  grade!: CustomerGrade;

  @Field(() => CareLevel, { description: '关怀级别 — the contacts’ care level.' })
  careLevel!: CareLevel;

  @Field(() => CareActivityKind, { description: '服务内容 — the kind of activity owed.' })
  kind!: CareActivityKind;

  @Field(() => Int, { description: '服务标准 — how many times per period, per contact.' })
  times!: number;

  @Field(() => ServiceFrequency, { description: 'Per quarter or per year.' })
  per!: ServiceFrequency;

  @Field(() => ServiceTier, { description: '服务层级 — 当然服务 / 规范服务 / 兴趣点服务.' })
  tier!: ServiceTier;

  @Field(() => DateTimeResolver, { description: 'When it last changed.' })
  updatedAt!: Date;

  uuid!: string;
  updatedByUuid!: string | null;

  static from(entity: ServiceStandardEntity): ServiceStandard {
    return Object.assign(new ServiceStandard(), {
      id: toGlobalId('ServiceStandard', entity.id),
      uuid: entity.id,
      grade: entity.grade,
      careLevel: entity.careLevel,
      kind: entity.kind,
      times: entity.times,
      per: entity.per,
      tier: entity.tier,
      updatedAt: entity.updatedAt,
      updatedByUuid: entity.updatedById,
    });
  }
}

@ObjectType({ description: 'What is still owed of one kind to one care level (考核: 未达标项).' })
export class ServiceGap {
  @Field(() => CareActivityKind, { description: 'The kind of activity.' })
  kind!: CareActivityKind;

  @Field(() => Int, { description: 'How many more activities are owed in the period (summed over the level’s contacts).' })
  times!: number;

  @Field(() => CareLevel, { description: 'The care level they are owed to.' })
  careLevel!: CareLevel;

  @Field(() => ServiceTier, { description: 'The tier of the standard.' })
  tier!: ServiceTier;
}

@ObjectType({ description: '服务达标 — a customer’s service against its grade’s standards in one period.' })
export class ServiceCompliance {
  @Field({ description: 'The period: `2025` or `2025-Q3`.' })
  period!: string;

  @Field(() => Int, { description: 'Activities owed: each standard’s times for each contact of its care level (a QUARTER standard ×4 in a year).' })
  owed!: number;

  @Field(() => Int, { description: 'Of those, done: activities of the kind in the period, each contact counted up to what it is owed.' })
  done!: number;

  @Field(() => Float, { nullable: true, description: 'done / owed; null when nothing is owed.' })
  rate!: number | null;

  @Field(() => [ServiceGap], { description: 'What is still owed, by tier, care level and kind.' })
  missing!: ServiceGap[];

  static from(period: string, figures: { owed: number; done: number; lines: ComplianceLine[] }): ServiceCompliance {
    return Object.assign(new ServiceCompliance(), {
      period,
      owed: figures.owed,
      done: figures.done,
      rate: figures.owed ? figures.done / figures.owed : null,
      missing: figures.lines.filter((l) => l.owed > l.done).map((l) => Object.assign(new ServiceGap(), { kind: l.kind, times: l.owed - l.done, careLevel: l.careLevel, tier: l.tier })),
    });
  }
}

@ObjectType({ description: 'One group of the service compliance report.' })
export class ServiceComplianceRow {
  @Field(() => Int, { description: 'Customers in the group (in your scope, whose care you see).' })
  customers!: number;

  @Field(() => Int, { description: 'Activities owed, summed over the customers.' })
  owed!: number;

  @Field(() => Int, { description: 'Activities done, summed over the customers.' })
  done!: number;

  @Field(() => Float, { nullable: true, description: 'done / owed; null when nothing is owed.' })
  rate!: number | null;

  @Field(() => CustomerGrade, { nullable: true, description: 'by GRADE: the grade.' })
  grade!: CustomerGrade | null;

  key!: string | null;
  by!: ComplianceGrouping;
}

@ObjectType({ description: '服务达标报表 — service compliance over your customers, grouped.' })
export class ServiceComplianceReport {
  @Field({ description: 'The period.' })
  period!: string;

  @Field(() => Int, { description: 'Activities owed in total.' })
  owed!: number;

  @Field(() => Int, { description: 'Activities done in total.' })
  done!: number;

  @Field(() => Float, { nullable: true, description: 'done / owed; null when nothing is owed.' })
  rate!: number | null;

  @Field(() => [ServiceComplianceRow], { description: 'One row per group.' })
  rows!: ServiceComplianceRow[];
}

@InputType({ description: 'Set what a grade × care level is owed of one kind (admin): creates the standard or changes it.' })
export class SetServiceStandardInput {
  @Field(() => CustomerGrade, { description: 'Customer grade.' })
  @IsEnum(CustomerGrade)
  grade!: CustomerGrade;

  @Field(() => CareLevel, { description: 'Contact care level.' })
  @IsEnum(CareLevel)
  careLevel!: CareLevel;

  @Field(() => CareActivityKind, { description: 'Kind of activity.' })
  @IsEnum(CareActivityKind)
  kind!: CareActivityKind;

  @Field(() => Int, { description: 'Times per period, per contact (1–100).' })
  @IsInt()
  @Min(1, { message: 'times must be 1–100' })
  @Max(100, { message: 'times must be 1–100' })
  times!: number;

  @Field(() => ServiceFrequency, { description: 'Per QUARTER or per YEAR.' })
  @IsEnum(ServiceFrequency)
  per!: ServiceFrequency;

  @Field(() => ServiceTier, { description: '当然服务 / 规范服务 / 兴趣点服务.' })
  @IsEnum(ServiceTier)
  tier!: ServiceTier;
}

@InputType({ description: 'Remove a service standard (admin).' })
export class RemoveServiceStandardInput {
  @Field(() => ID, { description: 'The standard.' })
  id!: string;
}

export const ServiceStandardPayload = Payload(
  'ServiceStandardPayload',
  'Result of setServiceStandard or removeServiceStandard.',
  { serviceStandard: [() => ServiceStandard, 'The standard as set, or as it was before removal.'] },
  'Why nothing changed, if so.',
);
export type ServiceStandardPayload = InstanceType<typeof ServiceStandardPayload>;
