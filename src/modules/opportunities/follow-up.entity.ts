import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { StaffEntity } from '../organisation/staff.entity';
import { FollowUpKind } from './follow-through.enums';
import { OpportunityEntity } from './opportunity.entity';

/**
 * 跟进记录 — one follow-up on an opportunity: a visit, call, proposal, demo or
 * negotiation, with the next step it sets and when that is due (DOMAIN.md:
 * Follow-through). Append-only; logging one also moves the opportunity's
 * `last_follow_up_at` in the same transaction (follow-ups.ts).
 *
 * A next step is done when a later follow-up is logged on the same
 * opportunity: `next_step_done_by_id` names that follow-up. Only the latest
 * follow-up of an opportunity can hold an open next step.
 */
@Entity('follow_up')
@Index('ix_follow_up_opportunity', ['opportunityId', 'occurredAt', 'id'])
@Index('ix_follow_up_author', ['authorId'])
/** The open next steps, by due date: what myNextSteps walks (next-steps.ts). */
@Index('ix_follow_up_open_next_step', ['nextStepDueOn', 'id'], { where: 'next_step_due_on IS NOT NULL AND next_step_done_by_id IS NULL' })
@Check('ck_follow_up_next_step', '(next_step IS NULL) = (next_step_due_on IS NULL)')
export class FollowUpEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  opportunityId!: string;

  @ManyToOne(() => OpportunityEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'opportunity_id', foreignKeyConstraintName: 'fk_follow_up_opportunity' })
  opportunity?: OpportunityEntity;

  @Column({ type: 'enum', enum: FollowUpKind, enumName: 'follow_up_kind' })
  kind!: FollowUpKind;

  /** When it happened (not in the future). */
  @Column({ type: 'timestamptz' })
  occurredAt!: Date;

  @Column({ type: 'varchar', length: 2000 })
  note!: string;

  /** 下一步 — what is to happen next, with its due date; both or neither. */
  @Column({ type: 'varchar', length: 500, nullable: true })
  nextStep!: string | null;

  @Column({ type: 'date', nullable: true })
  nextStepDueOn!: string | null;

  /** The later follow-up that completed this one's next step; null while it is open. */
  @Column({ type: 'uuid', nullable: true })
  nextStepDoneById!: string | null;

  @ManyToOne(() => FollowUpEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'next_step_done_by_id', foreignKeyConstraintName: 'fk_follow_up_next_step_done_by' })
  nextStepDoneBy?: FollowUpEntity;

  @Column({ type: 'uuid' })
  authorId!: string;

  @ManyToOne('StaffEntity', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'author_id', foreignKeyConstraintName: 'fk_follow_up_author' })
  author?: StaffEntity;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
