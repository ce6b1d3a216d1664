import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { StaffEntity } from '../organisation/staff.entity';
import { RetentionActionKind } from './retention.enums';
import { RetentionCaseEntity } from './retention-case.entity';

/** One action taken on a retention case: a visit, an offer, an escalation, a note. Append-only. */
@Entity('retention_action')
@Index('ix_retention_action_case', ['caseId', 'occurredOn'])
export class RetentionActionEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  caseId!: string;

  @ManyToOne(() => RetentionCaseEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'case_id', foreignKeyConstraintName: 'fk_retention_action_case' })
  retentionCase?: RetentionCaseEntity;

  @Column({ type: 'enum', enum: RetentionActionKind, enumName: 'retention_action_kind' })
  kind!: RetentionActionKind;

  /** The China date it happened. */
  @Column({ type: 'date' })
  occurredOn!: string;

  @Column({ type: 'varchar', length: 2000 })
  note!: string;

  @Column({ type: 'uuid' })
  recordedById!: string;

  @ManyToOne('StaffEntity', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'recorded_by_id', foreignKeyConstraintName: 'fk_retention_action_recorded_by' })
  recordedBy?: StaffEntity;

  @CreateDateColumn({ type: 'timestamptz' })
  recordedAt!: Date;
}
