import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsOptional, MaxLength } from 'class-validator';
import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { Role } from '../../platform/auth/viewer';
import { Payload } from '../../platform/graphql/user-error';
import { NotBlank } from '../../platform/graphql/validation';
import { Industry } from './industry';
import { Staff } from './organisation.types';
import type { HandoverCounts } from './staff-handover';

@InputType({ description: 'Changes to a user (admin); omitted fields stay as they are.' })
export class UpdateStaffInput {
  @Field(() => ID, { description: 'The user.' })
  id!: string;

  @Field(() => String, { nullable: true, description: 'Name.' })
  @IsOptional()
  @NotBlank()
  @MaxLength(64)
  name?: string | null;

  @Field(() => [Role], { nullable: true, description: 'The roles, all of them: replaces what the user held.' })
  @IsOptional()
  @ArrayMinSize(1, { message: 'roles must name at least one role' })
  @ArrayMaxSize(10)
  @ArrayUnique()
  roles?: Role[] | null;

  @Field(() => ID, { nullable: true, description: 'The region the user works in.' })
  @IsOptional()
  regionId?: string | null;

  @Field(() => Industry, { nullable: true, description: 'Industry covered; required for INDUSTRY_MANAGER.' })
  @IsOptional()
  industry?: Industry | null;
}

@InputType({ description: '交接 — who takes over what a leaver holds. Each is needed only when the leaver holds things of that kind.' })
export class StaffHandoverInput {
  @Field(() => ID, { nullable: true, description: 'Takes every customer the leaver manages: an active account, grid or industry manager allowed to keep them.' })
  @IsOptional()
  customersTo?: string | null;

  @Field(() => ID, {
    nullable: true,
    description: 'Takes every open opportunity the leaver owns (or reported and nobody owns yet): an active member of staff allowed to own it (DOMAIN.md: Ownership).',
  })
  @IsOptional()
  opportunitiesTo?: string | null;

  @Field(() => ID, {
    nullable: true,
    description: 'Takes the pending approval steps of the leader’s seat and the delegations in force to or from them: an active leader whose region contains each step’s region.',
  })
  @IsOptional()
  approvalsTo?: string | null;
}

@InputType({ description: '离职 — deactivate a user and hand over what they hold, in one transaction (admin).' })
export class DeactivateStaffInput {
  @Field(() => ID, { description: 'The leaver.' })
  id!: string;

  @Field(() => StaffHandoverInput, { description: 'The successors.' })
  handover!: StaffHandoverInput;
}

@InputType({ description: 'Let a deactivated user sign in again (admin). Nothing handed over comes back.' })
export class ReactivateStaffInput {
  @Field(() => ID, { description: 'The user.' })
  id!: string;
}

@ObjectType({ description: 'What a deactivation handed over.' })
export class StaffHandover {
  @Field(() => Int, { description: 'Customers that got a new account manager.' })
  customers!: number;

  @Field(() => Int, { description: 'Open opportunities that got a new owner.' })
  opportunities!: number;

  @Field(() => Int, { description: 'Pending approval steps handed to the successor.' })
  approvalSteps!: number;

  @Field(() => Int, { description: '代理审批 delegations in force moved to the successor (or ended, when they would join the successor to themselves).' })
  delegations!: number;

  @Field(() => Int, { description: '首问负责: open complaints the leaver answered for or handled, now with the successor of their customers (customersTo).' })
  complaints!: number;

  static from(counts: HandoverCounts): StaffHandover {
    return Object.assign(new StaffHandover(), counts);
  }
}

export const UpdateStaffPayload = Payload('UpdateStaffPayload', 'Result of updateStaff.', { staff: [() => Staff, 'The user as changed.'] }, 'Why nothing was changed, if so.');
export type UpdateStaffPayload = InstanceType<typeof UpdateStaffPayload>;

export const DeactivateStaffPayload = Payload(
  'DeactivateStaffPayload',
  'Result of deactivateStaff.',
  { staff: [() => Staff, 'The deactivated user.'], handover: [() => StaffHandover, 'What went to the successors.'] },
  'Why nothing was changed, if so: nothing is half-moved.',
);
export type DeactivateStaffPayload = InstanceType<typeof DeactivateStaffPayload>;

export const ReactivateStaffPayload = Payload('ReactivateStaffPayload', 'Result of reactivateStaff.', { staff: [() => Staff, 'The reactivated user.'] }, 'Why nothing was changed, if so.');
export type ReactivateStaffPayload = InstanceType<typeof ReactivateStaffPayload>;
