import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { PartnerEntity } from '../organisation/partner.entity';
import type { StaffEntity } from '../organisation/staff.entity';
import { OpportunityEntity } from './opportunity.entity';

/** 激励申报 — the incentive application filed after a win, with the partner's commission eligibility (seed 002 第五条). */
@Entity('incentive')
export class IncentiveEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** One application per opportunity. */
  @Index('uq_incentive_opportunity', { unique: true })
  @Column({ type: 'uuid' })
  opportunityId!: string;

  @ManyToOne(() => OpportunityEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'opportunity_id', foreignKeyConstraintName: 'fk_incentive_opportunity' })
  opportunity?: OpportunityEntity;

  @Column({ type: 'uuid' })
  requestedById!: string;

  @ManyToOne('StaffEntity', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'requested_by_id', foreignKeyConstraintName: 'fk_incentive_requested_by' })
  requestedBy?: StaffEntity;

  @Column({ type: 'numeric', precision: 15, scale: 2 })
  amount!: string;

  @Column({ type: 'varchar', length: 1000, nullable: true })
  note!: string | null;

  /** The partner claiming commission 酬金, if any. */
  @Column({ type: 'uuid', nullable: true })
  commissionPartnerId!: string | null;

  @ManyToOne('PartnerEntity', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'commission_partner_id', foreignKeyConstraintName: 'fk_incentive_commission_partner' })
  commissionPartner?: PartnerEntity;

  /** Why the partner is eligible: its first registration and when. */
  @Column({ type: 'varchar', length: 500, nullable: true })
  eligibility!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
