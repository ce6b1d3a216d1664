import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { PartnerEntity } from '../organisation/partner.entity';
import type { StaffEntity } from '../organisation/staff.entity';
import { CommissionRateEntity } from './commission-rate.entity';
import { ContractEntity } from './contract.entity';
import { CommissionRefusalReason, CommissionState } from './money.enums';
import { OpportunityEntity } from './opportunity.entity';

/**
 * 酬金 — a partner's commission on a won opportunity (DOMAIN.md: Partner
 * registration … commission; seed 002 第五条), created in the win's
 * transaction: PENDING when eligible, REFUSED with the reason otherwise
 * (commission.ts says when one exists at all).
 */
@Entity('commission')
@Index('uq_commission_opportunity_partner', ['opportunityId', 'partnerId'], { unique: true })
@Index('ix_commission_state_created', ['state', 'createdAt'])
@Check('ck_commission_amount', 'amount >= 0')
export class CommissionEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  opportunityId!: string;

  @ManyToOne(() => OpportunityEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'opportunity_id', foreignKeyConstraintName: 'fk_commission_opportunity' })
  opportunity?: OpportunityEntity;

  @Column({ type: 'uuid' })
  contractId!: string;

  @ManyToOne(() => ContractEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'contract_id', foreignKeyConstraintName: 'fk_commission_contract' })
  contract?: ContractEntity;

  @Index('ix_commission_partner')
  @Column({ type: 'uuid' })
  partnerId!: string;

  @ManyToOne('PartnerEntity', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'partner_id', foreignKeyConstraintName: 'fk_commission_partner' })
  partner?: PartnerEntity;

  @Column({ type: 'enum', enum: CommissionState, enumName: 'commission_state' })
  state!: CommissionState;

  @Column({ type: 'enum', enum: CommissionRefusalReason, enumName: 'commission_refusal_reason', nullable: true })
  refusalReason!: CommissionRefusalReason | null;

  /** The facts behind the decision at the win, or the administrator's comment on a refusal. */
  @Column({ type: 'varchar', length: 500, nullable: true })
  refusalComment!: string | null;

  /** The rate version used (DOMAIN.md: each decision records the version it used). */
  @Column({ type: 'uuid' })
  rateId!: string;

  @ManyToOne(() => CommissionRateEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'rate_id', foreignKeyConstraintName: 'fk_commission_rate' })
  rate?: CommissionRateEntity;

  @Column({ type: 'numeric', precision: 5, scale: 2 })
  ratePercent!: string;

  /** rate × signed amount, exact in fen, rounded half up. */
  @Column({ type: 'numeric', precision: 15, scale: 2 })
  amount!: string;

  @Column({ type: 'uuid', nullable: true })
  reviewedById!: string | null;

  @ManyToOne('StaffEntity', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'reviewed_by_id', foreignKeyConstraintName: 'fk_commission_reviewed_by' })
  reviewedBy?: StaffEntity;

  @Column({ type: 'timestamptz', nullable: true })
  reviewedAt!: Date | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  paymentReference!: string | null;

  @Column({ type: 'date', nullable: true })
  paidOn!: string | null;

  @Column({ type: 'uuid', nullable: true })
  paidRecordedById!: string | null;

  @ManyToOne('StaffEntity', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'paid_recorded_by_id', foreignKeyConstraintName: 'fk_commission_paid_recorded_by' })
  paidRecordedBy?: StaffEntity;

  @Column({ type: 'int', default: 1 })
  version!: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
