import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { StaffEntity } from '../organisation/staff.entity';
import { ComplaintEntity } from './complaint.entity';
import { ComplaintAction, ComplaintState } from './service.enums';

/** One move of a complaint. Append-only: a trigger refuses updates and deletes (migration ServiceQuality). */
@Entity('complaint_event')
@Index('ix_complaint_event_complaint', ['complaintId', 'at'])
@Check('ck_complaint_event_satisfaction', 'satisfaction BETWEEN 1 AND 5')
export class ComplaintEventEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  complaintId!: string;

  @ManyToOne(() => ComplaintEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'complaint_id', foreignKeyConstraintName: 'fk_complaint_event_complaint' })
  complaint?: ComplaintEntity;

  @Column({ type: 'enum', enum: ComplaintAction, enumName: 'complaint_action' })
  action!: ComplaintAction;

  @Column({ type: 'enum', enum: ComplaintState, enumName: 'complaint_state', nullable: true })
  fromState!: ComplaintState | null;

  @Column({ type: 'enum', enum: ComplaintState, enumName: 'complaint_state' })
  toState!: ComplaintState;

  @Column({ type: 'uuid' })
  actorId!: string;

  @ManyToOne('StaffEntity', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'actor_id', foreignKeyConstraintName: 'fk_complaint_event_actor' })
  actor?: StaffEntity;

  /** HAND_OVER: whom it went to. */
  @Column({ type: 'uuid', nullable: true })
  handlerId!: string | null;

  @ManyToOne('StaffEntity', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'handler_id', foreignKeyConstraintName: 'fk_complaint_event_handler' })
  handler?: StaffEntity;

  /** The hand-over note, the resolution or the callback's note. */
  @Column({ type: 'varchar', length: 2000, nullable: true })
  note!: string | null;

  /** CLOSE / REOPEN: the callback's score. */
  @Column({ type: 'int', nullable: true })
  satisfaction!: number | null;

  @CreateDateColumn({ type: 'timestamptz' })
  at!: Date;
}
