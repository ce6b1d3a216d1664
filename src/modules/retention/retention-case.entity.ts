import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { GroupCustomerEntity } from '../customers/group-customer.entity';
import type { StaffEntity } from '../organisation/staff.entity';
import { Carrier } from '../opportunities/opportunity.enums';
import { AbandonReason, LossReason, RetentionCaseOrigin, RetentionCaseStage, RetentionOutcome, RiskLevel } from './retention.enums';
import type { StoredSignal } from './retention-state.entity';

/**
 * 挽回 — a retention case (DOMAIN.md: Retention). At most one open case per
 * customer (uq_retention_case_open); led by grade (分级挽回, retention-cases.ts).
 */
@Entity('retention_case')
@Index('uq_retention_case_open', ['customerId'], { unique: true, where: 'closed_at IS NULL' })
@Index('ix_retention_case_customer', ['customerId', 'openedAt'])
@Index('ix_retention_case_lead', ['leadId', 'openedAt'])
@Index('ix_retention_case_co_lead', ['coLeadId', 'openedAt'])
@Index('ix_retention_case_opened_at', ['openedAt'])
@Index('ix_retention_case_closed_at', ['closedAt'])
export class RetentionCaseEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  customerId!: string;

  @ManyToOne('GroupCustomerEntity', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'customer_id', foreignKeyConstraintName: 'fk_retention_case_customer' })
  customer?: GroupCustomerEntity;

  @Column({ type: 'enum', enum: RetentionCaseOrigin, enumName: 'retention_case_origin' })
  origin!: RetentionCaseOrigin;

  @Column({ type: 'enum', enum: RetentionCaseStage, enumName: 'retention_case_stage', default: RetentionCaseStage.OPEN })
  stage!: RetentionCaseStage;

  /** The risk when the case was opened, kept as it was. */
  @Column({ type: 'enum', enum: RiskLevel, enumName: 'risk_level' })
  riskLevelAtOpen!: RiskLevel;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  signalsAtOpen!: StoredSignal[];

  /** Who leads: the city leader for A1/A2, else the account manager. */
  @Column({ type: 'uuid' })
  leadId!: string;

  @ManyToOne('StaffEntity', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'lead_id', foreignKeyConstraintName: 'fk_retention_case_lead' })
  lead?: StaffEntity;

  /** Who leads with them: the account manager when a leader leads. */
  @Column({ type: 'uuid', nullable: true })
  coLeadId!: string | null;

  @ManyToOne('StaffEntity', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'co_lead_id', foreignKeyConstraintName: 'fk_retention_case_co_lead' })
  coLead?: StaffEntity;

  @Column({ type: 'uuid' })
  openedById!: string;

  @ManyToOne('StaffEntity', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'opened_by_id', foreignKeyConstraintName: 'fk_retention_case_opened_by' })
  openedBy?: StaffEntity;

  @CreateDateColumn({ type: 'timestamptz' })
  openedAt!: Date;

  @Column({ type: 'varchar', length: 1000, nullable: true })
  note!: string | null;

  @Column({ type: 'enum', enum: RetentionOutcome, enumName: 'retention_outcome', nullable: true })
  outcome!: RetentionOutcome | null;

  @Column({ type: 'enum', enum: LossReason, enumName: 'loss_reason', nullable: true })
  lossReason!: LossReason | null;

  @Column({ type: 'enum', enum: Carrier, enumName: 'carrier', nullable: true })
  rivalCarrier!: Carrier | null;

  @Column({ type: 'enum', enum: AbandonReason, enumName: 'abandon_reason', nullable: true })
  abandonReason!: AbandonReason | null;

  @Column({ type: 'timestamptz', nullable: true })
  closedAt!: Date | null;

  @Column({ type: 'uuid', nullable: true })
  closedById!: string | null;

  @ManyToOne('StaffEntity', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'closed_by_id', foreignKeyConstraintName: 'fk_retention_case_closed_by' })
  closedBy?: StaffEntity;

  @Column({ type: 'varchar', length: 1000, nullable: true })
  closeNote!: string | null;

  @Column({ type: 'int', default: 1 })
  version!: number;
}
