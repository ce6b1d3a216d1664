import { businessToday } from './business-date';
import { IsEnum, IsOptional, MaxLength } from 'class-validator';
import { DateResolver, DateTimeResolver } from 'graphql-scalars';
import { Field, ID, InputType, ObjectType } from 'type-graphql';
import { Connection } from '../../platform/graphql/connection';
import { Node } from '../../platform/graphql/node';
import { toGlobalId } from '../../platform/graphql/node-id';
import { Payload } from '../../platform/graphql/user-error';
import { NotBlank } from '../../platform/graphql/validation';
import { followThroughRules } from './follow-through.config';
import { FollowUpKind } from './follow-through.enums';
import { FollowUpEntity } from './follow-up.entity';
import { Opportunity } from './opportunity.types';

/*
 * The GraphQL types, inputs and payload of follow-ups 跟进 and their next
 * steps (DOMAIN.md: Follow-through), each built from its entity.
 */

/** A date column as the API shows it (YYYY-MM-DD). */
const dateOnly = (value: string | Date): string => (typeof value === 'string' ? value.slice(0, 10) : value.toISOString().slice(0, 10));

export { businessToday };

@ObjectType({ description: '下一步 — what a follow-up says is to happen next, and by when.' })
export class NextStep {
  @Field({ description: '下一步计划 — what is to happen.' })
  action!: string;

  @Field(() => DateResolver, { description: '计划完成日期 — due date (a calendar day in Asia/Shanghai).' })
  dueOn!: string;

  @Field({ description: 'Done: a later follow-up was logged on the opportunity.' })
  done!: boolean;

  @Field({ description: '逾期 — not done and its due date has passed.' })
  overdue!: boolean;

  uuid!: string;
  opportunityUuid!: string;
  doneByUuid!: string | null;

  /** The next step `entity` sets, or null when it sets none. */
  static of(entity: FollowUpEntity, today = businessToday()): NextStep | null {
    if (entity.nextStep == null || entity.nextStepDueOn == null) return null;
    const dueOn = dateOnly(entity.nextStepDueOn);
    const done = entity.nextStepDoneById != null;
    return Object.assign(new NextStep(), {
      action: entity.nextStep,
      dueOn,
      done,
      overdue: !done && dueOn < today,
      uuid: entity.id,
      opportunityUuid: entity.opportunityId,
      doneByUuid: entity.nextStepDoneById,
    });
  }
}

@ObjectType({ implements: Node, description: '跟进记录 — a follow-up on an opportunity: what was done, and the next step it sets. Not shown to partners.' })
export class FollowUp extends Node {
  @Field(() => FollowUpKind, { description: '跟进方式 — kind.' })
  kind!: FollowUpKind;

  @Field(() => DateTimeResolver, { description: '跟进时间 — when it happened.' })
  occurredAt!: Date;

  @Field({ description: '跟进内容 — what was done and said.' })
  note!: string;

  @Field(() => NextStep, { nullable: true, description: '下一步 — the next step it sets, if any.' })
  nextStep!: NextStep | null;

  @Field(() => DateTimeResolver, { description: 'When it was logged.' })
  createdAt!: Date;

  uuid!: string;
  opportunityUuid!: string;
  authorUuid!: string;

  static from(entity: FollowUpEntity): FollowUp {
    return Object.assign(new FollowUp(), {
      id: toGlobalId('FollowUp', entity.id),
      uuid: entity.id,
      kind: entity.kind,
      occurredAt: entity.occurredAt,
      note: entity.note,
      nextStep: NextStep.of(entity),
      createdAt: entity.createdAt,
      opportunityUuid: entity.opportunityId,
      authorUuid: entity.authorId,
    });
  }
}

export const FollowUpConnection = Connection(FollowUp, 'FollowUp', 'A page of follow-ups, newest first.');
export type FollowUpConnection = InstanceType<typeof FollowUpConnection>;

export const NextStepConnection = Connection(NextStep, 'NextStep', 'A page of next steps, by due date (overdue first).');
export type NextStepConnection = InstanceType<typeof NextStepConnection>;

@InputType({ description: '跟进 — log a follow-up on an opportunity (owner, followers, the support manager who accepted it, leaders over the customer).' })
export class LogFollowUpInput {
  @Field(() => ID, { description: 'The opportunity (PENDING_APPROVAL, APPROVED or IN_PROGRESS).' })
  opportunityId!: string;

  @Field(() => FollowUpKind, { description: '跟进方式 — kind.' })
  @IsEnum(FollowUpKind)
  kind!: FollowUpKind;

  @Field(() => DateTimeResolver, { description: '跟进时间 — when it happened: not in the future, not before the opportunity was registered.' })
  occurredAt!: Date;

  @Field({ description: `跟进内容 — what was done and said (1–${followThroughRules.noteMaxLength} characters).` })
  @NotBlank({ message: 'note must not be blank' })
  @MaxLength(followThroughRules.noteMaxLength)
  note!: string;

  @Field(() => String, { nullable: true, description: '下一步 — the next step; give its due date with it.' })
  @IsOptional()
  @MaxLength(followThroughRules.nextStepMaxLength)
  nextStep?: string | null;

  @Field(() => DateResolver, {
    nullable: true,
    description: `计划完成日期 — when the next step is due: not before the follow-up’s day, at most ${followThroughRules.nextStepMaxDaysAhead} days from today.`,
  })
  @IsOptional()
  nextStepDueOn?: Date | null;
}

export const LogFollowUpPayload = Payload(
  'LogFollowUpPayload',
  'Result of logFollowUp.',
  {
    followUp: [() => FollowUp, 'The follow-up.'],
    opportunity: [() => Opportunity, 'The opportunity, with its new `lastFollowUpAt`.'],
  },
  'Why nothing was logged, if so.',
);
export type LogFollowUpPayload = InstanceType<typeof LogFollowUpPayload>;
