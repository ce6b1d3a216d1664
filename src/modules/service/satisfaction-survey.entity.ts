import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { GroupCustomerEntity } from '../customers/group-customer.entity';
import type { StaffEntity } from '../organisation/staff.entity';

/** 满意度调查 — one customer's score for one period (DOMAIN.md: Service quality); a second needs `replace`. */
@Entity('satisfaction_survey')
@Index('uq_satisfaction_survey_period', ['customerId', 'period'], { unique: true })
@Index('ix_satisfaction_survey_period', ['period'])
@Check('ck_satisfaction_survey_score', 'score BETWEEN 1 AND 10')
export class SatisfactionSurveyEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  customerId!: string;

  @ManyToOne('GroupCustomerEntity', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'customer_id', foreignKeyConstraintName: 'fk_satisfaction_survey_customer' })
  customer?: GroupCustomerEntity;

  /** `2025` or `2025-Q3` (service-period.ts). */
  @Column({ type: 'varchar', length: 7 })
  period!: string;

  @Column({ type: 'int' })
  score!: number;

  @Column({ type: 'varchar', length: 1000, nullable: true })
  note!: string | null;

  @Column({ type: 'uuid' })
  recordedById!: string;

  @ManyToOne('StaffEntity', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'recorded_by_id', foreignKeyConstraintName: 'fk_satisfaction_survey_recorded_by' })
  recordedBy?: StaffEntity;

  @UpdateDateColumn({ type: 'timestamptz' })
  recordedAt!: Date;
}
