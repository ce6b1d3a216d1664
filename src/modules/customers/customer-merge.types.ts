import { IsOptional } from 'class-validator';
import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { Payload, UserError } from '../../platform/graphql/user-error';
import { GroupCustomer } from './customer.types';

@InputType({ description: 'The versions you read of the two customers; a stale one answers VERSION_CONFLICT.' })
export class MergeVersionsInput {
  @Field(() => Int, { nullable: true, description: 'The survivor’s `version`.' })
  @IsOptional()
  survivor?: number | null;

  @Field(() => Int, { nullable: true, description: 'The merged customer’s `version`.' })
  @IsOptional()
  merged?: number | null;
}

@InputType({ description: '合并重复客户 — merge a duplicate into the survivor (admin).' })
export class MergeGroupCustomersInput {
  @Field(() => ID, { description: 'The customer that stays.' })
  survivorId!: string;

  @Field(() => ID, { description: 'The duplicate: its contacts, opportunities, relations, care, history and member units move to the survivor, and its code keeps finding the survivor.' })
  mergedId!: string;

  @Field(() => MergeVersionsInput, { nullable: true, description: 'The versions you read.' })
  @IsOptional()
  expectedVersions?: MergeVersionsInput | null;
}

export const MergeGroupCustomersPayload = Payload(
  'MergeGroupCustomersPayload',
  'Result of mergeGroupCustomers.',
  { groupCustomer: [() => GroupCustomer, 'The survivor, with everything merged into it.'] },
  'Why nothing was merged, if so: nothing is half-moved.',
);
export type MergeGroupCustomersPayload = InstanceType<typeof MergeGroupCustomersPayload>;

@InputType({ description: 'A relation recorded by mistake.' })
export class RemoveCustomerRelationInput {
  @Field(() => ID, { description: 'The relation (a CustomerRelation id).' })
  id!: string;
}

@ObjectType({ description: 'Result of removeCustomerRelation.' })
export class RemoveCustomerRelationPayload {
  @Field(() => ID, { nullable: true, description: 'Id of the removed relation.' })
  removedId!: string | null;

  @Field(() => [UserError], { description: 'Why nothing was removed, if so.' })
  userErrors!: UserError[];
}
