import { IsOptional, Matches } from 'class-validator';
import { Field, ID, InputType, Int } from 'type-graphql';
import { Payload } from '../../platform/graphql/user-error';
import { Contact } from './contact.types';

@InputType({ description: '离职 — a contact left their company, or (leftOn null) did not after all.' })
export class MarkContactLeftInput {
  @Field(() => ID, { description: 'The contact; one of a customer you keep.' })
  id!: string;

  @Field(() => String, { nullable: true, description: 'The day they left (YYYY-MM-DD, not in the future); null takes a mark back.' })
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'leftOn must be a date YYYY-MM-DD' })
  leftOn?: string | null;

  @Field(() => Int, { nullable: true, description: 'The `version` you read; a stale one answers VERSION_CONFLICT.' })
  @IsOptional()
  expectedVersion?: number | null;
}

export const MarkContactLeftPayload = Payload('MarkContactLeftPayload', 'Result of markContactLeft.', { contact: [() => Contact, 'The contact as changed.'] }, 'Why nothing was changed, if so.');
export type MarkContactLeftPayload = InstanceType<typeof MarkContactLeftPayload>;
