import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { StaffEntity } from '../organisation/staff.entity';
import { CareActivityKind } from './contact.enums';
import { ContactEntity } from './contact.entity';

/** 关怀记录 — one care touch of a contact. Append-only: a contact's care status is derived from these. */
@Entity('care_activity')
/** Newest touch per contact is one index probe: status, due lists and `careActivities` read it this way. */
@Index('ix_care_activity_contact_occurred', ['contactId', 'occurredAt'])
@Check('ck_care_activity_cost', 'cost >= 0')
export class CareActivityEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  contactId!: string;

  @ManyToOne(() => ContactEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'contact_id', foreignKeyConstraintName: 'fk_care_activity_contact' })
  contact?: ContactEntity;

  @Column({ type: 'enum', enum: CareActivityKind, enumName: 'care_activity_kind' })
  kind!: CareActivityKind;

  @Column({ type: 'timestamptz' })
  occurredAt!: Date;

  @Column({ type: 'varchar', length: 1000, nullable: true })
  note!: string | null;

  @Column({ type: 'numeric', precision: 12, scale: 2, default: 0 })
  cost!: string;

  @Index('ix_care_activity_recorded_by')
  @Column({ type: 'uuid' })
  recordedById!: string;

  @ManyToOne('StaffEntity', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'recorded_by_id', foreignKeyConstraintName: 'fk_care_activity_recorded_by' })
  recordedBy?: StaffEntity;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
