import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { StaffEntity } from '../organisation/staff.entity';
import { CareLevel } from './contact.enums';

/**
 * The care policy of one care level: how often its contacts must be cared
 * for, and the reminder windows. Rules as data: one row per level, starting
 * from DEFAULT_CARE_POLICIES (care-rules.ts), changed by admins.
 */
@Entity('care_policy')
@Check('ck_care_policy_interval', 'interval_days BETWEEN 1 AND 3650')
@Check('ck_care_policy_birthday_window', 'birthday_window_days BETWEEN 0 AND 90')
@Check('ck_care_policy_due_soon', 'due_soon_days BETWEEN 0 AND 365')
export class CarePolicyEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index('uq_care_policy_level', { unique: true })
  @Column({ type: 'enum', enum: CareLevel, enumName: 'care_level' })
  careLevel!: CareLevel;

  @Column({ type: 'int' })
  intervalDays!: number;

  @Column({ type: 'int' })
  birthdayWindowDays!: number;

  @Column({ type: 'int' })
  dueSoonDays!: number;

  /** Who last changed it; null for the defaults the migration put in. */
  @Column({ type: 'uuid', nullable: true })
  updatedById!: string | null;

  @ManyToOne('StaffEntity', { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'updated_by_id', foreignKeyConstraintName: 'fk_care_policy_updated_by' })
  updatedBy?: StaffEntity;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
