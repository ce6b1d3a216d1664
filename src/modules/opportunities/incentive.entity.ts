import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Role } from '../../platform/auth/viewer';
import type { RegionEntity } from '../organisation/region.entity';
import type { StaffEntity } from '../organisation/staff.entity';
import { IncentiveState } from './follow-through.enums';
import { OpportunityEntity } from './opportunity.entity';

/**
 * 激励申报 — an incentive application (DOMAIN.md: Follow-through; seed 002:
 * 对审批通过的商机进行激励申报): filed by a leader in scope for an APPROVED,
 * IN_PROGRESS or WON opportunity, decided by the leader one level up. Who
 * decides (role and region) is fixed when it is filed (incentive-routing.ts),
 * like an approval route. Partner commission 酬金 is not an
 * incentive: it follows the contract (commission.ts).
 */
@Entity('incentive')
/** At most one live application per opportunity; a rejected one may be followed by a new one. */
@Index('uq_incentive_live', ['opportunityId'], { unique: true, where: `state IN ('PENDING', 'APPROVED')` })
@Index('ix_incentive_opportunity', ['opportunityId', 'createdAt'])
/** The deciders' queue (incentiveQueue): pending ones of a role and region, oldest first. */
@Index('ix_incentive_queue', ['state', 'deciderRole', 'deciderRegionId', 'createdAt'])
export class IncentiveEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

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

  @Column({ type: 'enum', enum: IncentiveState, enumName: 'incentive_state', default: IncentiveState.PENDING })
  state!: IncentiveState;

  /** The leader role that decides: the one above the filer's (the province leader for province-level ones). */
  @Column({ type: 'enum', enum: Role, enumName: 'staff_role' })
  deciderRole!: Role;

  /** The city or province whose leader decides. */
  @Column({ type: 'uuid' })
  deciderRegionId!: string;

  @ManyToOne('RegionEntity', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'decider_region_id', foreignKeyConstraintName: 'fk_incentive_decider_region' })
  deciderRegion?: RegionEntity;

  @Column({ type: 'uuid', nullable: true })
  decidedById!: string | null;

  @ManyToOne('StaffEntity', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'decided_by_id', foreignKeyConstraintName: 'fk_incentive_decided_by' })
  decidedBy?: StaffEntity;

  @Column({ type: 'timestamptz', nullable: true })
  decidedAt!: Date | null;

  /** The decider's comment (required to reject). */
  @Column({ type: 'varchar', length: 1000, nullable: true })
  comment!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
