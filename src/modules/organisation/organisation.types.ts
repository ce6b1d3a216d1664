import { IsEnum, IsOptional, Matches, MaxLength, ArrayMinSize, ArrayMaxSize, ArrayUnique } from 'class-validator';
import { Field, ID, InputType, ObjectType, registerEnumType } from 'type-graphql';
import { NotBlank } from '../../platform/graphql/validation';
import { Connection } from '../../platform/graphql/connection';
import { Role } from '../../platform/auth/viewer';
import { Node } from '../../platform/graphql/node';
import { toGlobalId } from '../../platform/graphql/node-id';
import { Payload } from '../../platform/graphql/user-error';
import { Industry } from './industry';
import { PartnerEntity } from './partner.entity';
import { RegionEntity, RegionLevel } from './region.entity';
import { StaffEntity } from './staff.entity';

registerEnumType(RegionLevel, {
  name: 'RegionLevel',
  description: 'Level of a region node.',
  valuesConfig: {
    PROVINCE: { description: '省 — province' },
    CITY: { description: '地市 — city' },
    COUNTY: { description: '区县 — county or district' },
    GRID: { description: '网格 — grid, the smallest sales area' },
  },
});

@ObjectType({ implements: Node, description: '区域 — a node of the region tree PROVINCE > CITY > COUNTY > GRID.' })
export class Region extends Node {
  @Field({ description: 'Region code, unique.' })
  code!: string;

  @Field({ description: 'Name, e.g. 西安市.' })
  name!: string;

  @Field(() => RegionLevel, { description: 'Level in the tree.' })
  level!: RegionLevel;

  uuid!: string;
  parentUuid!: string | null;

  static from(entity: RegionEntity): Region {
    return Object.assign(new Region(), {
      id: toGlobalId('Region', entity.id),
      uuid: entity.id,
      code: entity.code,
      name: entity.name,
      level: entity.level,
      parentUuid: entity.parentId,
    });
  }
}

@ObjectType({ implements: Node, description: '第三方合作伙伴 — a partner company reporting opportunities.' })
export class Partner extends Node {
  @Field({ description: 'Partner code, unique.' })
  code!: string;

  @Field({ description: 'Company name.' })
  name!: string;

  @Field({ description: 'Whether the partner may still report.' })
  active!: boolean;

  uuid!: string;
  regionUuid!: string;

  static from(entity: PartnerEntity): Partner {
    return Object.assign(new Partner(), {
      id: toGlobalId('Partner', entity.id),
      uuid: entity.id,
      code: entity.code,
      name: entity.name,
      active: entity.active,
      regionUuid: entity.regionId,
    });
  }
}

@ObjectType({ implements: Node, description: '员工 — a user: our staff, or a partner employee (role PARTNER).' })
export class Staff extends Node {
  @Field({ description: "工号 — employee number; the `sub` of the user's token." })
  employeeNo!: string;

  @Field({ description: 'Name.' })
  name!: string;

  @Field(() => [Role], { description: 'Roles held.' })
  roles!: Role[];

  @Field(() => Industry, { nullable: true, description: 'Industry covered (industry managers 行业经理).' })
  industry!: Industry | null;

  @Field({ description: 'Whether the user may sign in.' })
  active!: boolean;

  uuid!: string;
  regionUuid!: string;
  partnerUuid!: string | null;

  static from(entity: StaffEntity): Staff {
    return Object.assign(new Staff(), {
      id: toGlobalId('Staff', entity.id),
      uuid: entity.id,
      employeeNo: entity.employeeNo,
      name: entity.name,
      roles: entity.roles,
      industry: entity.industry,
      active: entity.active,
      regionUuid: entity.regionId,
      partnerUuid: entity.partnerId,
    });
  }
}

const CODE = /^[A-Za-z0-9_.-]+$/;

@InputType({ description: 'A new region node (admin).' })
export class CreateRegionInput {
  @Field({ description: 'Unique code: letters, digits, dot, dash, underscore.' })
  @NotBlank()
  @MaxLength(32)
  @Matches(CODE, { message: 'code may contain only letters, digits, dot, dash and underscore' })
  code!: string;

  @Field({ description: 'Name.' })
  @NotBlank()
  @MaxLength(64)
  name!: string;

  @Field(() => RegionLevel, { description: "Level; must be one below the parent's (PROVINCE has no parent)." })
  @IsEnum(RegionLevel)
  level!: RegionLevel;

  @Field(() => ID, { nullable: true, description: 'Parent region; omit for a PROVINCE.' })
  @IsOptional()
  parentId?: string | null;
}

@InputType({ description: 'A new user (admin).' })
export class CreateStaffInput {
  @Field({ description: '工号 — unique employee number.' })
  @NotBlank()
  @MaxLength(32)
  @Matches(CODE, { message: 'employeeNo may contain only letters, digits, dot, dash and underscore' })
  employeeNo!: string;

  @Field({ description: 'Name.' })
  @NotBlank()
  @MaxLength(64)
  name!: string;

  @Field(() => [Role], { description: 'One or more roles.' })
  @ArrayMinSize(1, { message: 'roles must name at least one role' })
  @ArrayMaxSize(10)
  @ArrayUnique()
  roles!: Role[];

  @Field(() => ID, { description: 'The region the user works in; scope is this region and everything under it.' })
  regionId!: string;

  @Field(() => Industry, { nullable: true, description: 'Industry covered; required for INDUSTRY_MANAGER.' })
  @IsOptional()
  industry?: Industry | null;

  @Field(() => ID, { nullable: true, description: 'Partner employing the user; required for, and only for, PARTNER.' })
  @IsOptional()
  partnerId?: string | null;
}

@InputType({ description: 'A new partner company (admin).' })
export class CreatePartnerInput {
  @Field({ description: 'Unique partner code.' })
  @NotBlank()
  @MaxLength(32)
  @Matches(CODE, { message: 'code may contain only letters, digits, dot, dash and underscore' })
  code!: string;

  @Field({ description: 'Company name.' })
  @NotBlank()
  @MaxLength(128)
  name!: string;

  @Field(() => ID, { description: 'Home region; prospects the partner reports are created there.' })
  regionId!: string;
}

export const CreateRegionPayload = Payload(
  'CreateRegionPayload',
  'Result of createRegion.',
  {
    region: [() => Region, 'The new region.'],
  },
  'Why nothing was created, if so.',
);
export type CreateRegionPayload = InstanceType<typeof CreateRegionPayload>;

export const CreateStaffPayload = Payload(
  'CreateStaffPayload',
  'Result of createStaff.',
  {
    staff: [() => Staff, 'The new user.'],
  },
  'Why nothing was created, if so.',
);
export type CreateStaffPayload = InstanceType<typeof CreateStaffPayload>;

export const CreatePartnerPayload = Payload(
  'CreatePartnerPayload',
  'Result of createPartner.',
  {
    partner: [() => Partner, 'The new partner.'],
  },
  'Why nothing was created, if so.',
);
export type CreatePartnerPayload = InstanceType<typeof CreatePartnerPayload>;

export const StaffConnection = Connection(Staff, 'Staff', 'A page of staff members.');
export type StaffConnection = InstanceType<typeof StaffConnection>;

@InputType({ description: 'Which staff members to list.' })
export class StaffFilter {
  @Field(() => ID, { nullable: true, description: 'Only staff in this region or below it.' })
  regionId?: string | null;

  @Field(() => [Role], { nullable: true, description: 'Only staff holding any of these roles.' })
  roles?: Role[] | null;

  @Field(() => String, { nullable: true, description: 'Name or employee number contains this (case-insensitive).' })
  @IsOptional()
  @MaxLength(64)
  text?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'Only active (true) or inactive (false) users.' })
  active?: boolean | null;
}
