import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Role } from '../../platform/auth/viewer';
import type { RegionEntity } from '../organisation/region.entity';
import type { StaffEntity } from '../organisation/staff.entity';
import { ApprovalState } from './opportunity.enums';
import { OpportunityEntity } from './opportunity.entity';
import type { BusinessRuleSetEntity } from '../rules/business-rule-set.entity';

/**
 * 审批环节 — one step of an opportunity's approval route (DOMAIN.md: Approval
 * routing). Steps open one at a time: the next is created when this one is
 * approved. `round` counts the acceptances, so a route rebuilt after a return
 * keeps the old steps.
 */
@Entity('approval_step')
@Index('uq_approval_step', ['opportunityId', 'round', 'sequence'], { unique: true })
@Index('ix_approval_step_queue', ['state', 'approverRole', 'regionId'])
/** Steps decided in a period, for the approval SLA report (approval-sla.ts). */
@Index('ix_approval_step_decided_at', ['decidedAt'], { where: 'decided_at IS NOT NULL' })
export class ApprovalStepEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  opportunityId!: string;

  @ManyToOne(() => OpportunityEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'opportunity_id', foreignKeyConstraintName: 'fk_approval_step_opportunity' })
  opportunity?: OpportunityEntity;

  @Column({ type: 'int' })
  round!: number;

  @Column({ type: 'int' })
  sequence!: number;

  @Column({ type: 'enum', enum: Role, enumName: 'staff_role' })
  approverRole!: Role;

  /** The county, city or province whose leader decides. */
  @Column({ type: 'uuid' })
  regionId!: string;

  @ManyToOne('RegionEntity', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'region_id', foreignKeyConstraintName: 'fk_approval_step_region' })
  region?: RegionEntity;

  @Column({ type: 'enum', enum: ApprovalState, enumName: 'approval_state', default: ApprovalState.PENDING })
  state!: ApprovalState;

  @Column({ type: 'timestamptz' })
  dueAt!: Date;

  /** The business-rule version whose step due hours set `dueAt`. */
  @Column({ type: 'integer' })
  ruleVersion!: number;

  @ManyToOne('BusinessRuleSetEntity', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'rule_version', foreignKeyConstraintName: 'fk_approval_step_rule_version' })
  rules?: BusinessRuleSetEntity;

  @Column({ type: 'uuid', nullable: true })
  decidedById!: string | null;

  @ManyToOne('StaffEntity', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'decided_by_id', foreignKeyConstraintName: 'fk_approval_step_decided_by' })
  decidedBy?: StaffEntity;

  /** The leader a delegate decided for (代理审批); null when the approver decided themselves. */
  @Column({ type: 'uuid', nullable: true })
  onBehalfOfId!: string | null;

  @ManyToOne('StaffEntity', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'on_behalf_of_id', foreignKeyConstraintName: 'fk_approval_step_on_behalf_of' })
  onBehalfOf?: StaffEntity;

  @Column({ type: 'timestamptz', nullable: true })
  decidedAt!: Date | null;

  /**
   * The leader this pending step was handed to when its approver left
   * (DOMAIN.md: People and rules): they may decide it besides the seat's holders.
   */
  @Index('ix_approval_step_handed_to', { where: `handed_to_id IS NOT NULL` })
  @Column({ type: 'uuid', nullable: true })
  handedToId!: string | null;

  @ManyToOne('StaffEntity', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'handed_to_id', foreignKeyConstraintName: 'fk_approval_step_handed_to' })
  handedTo?: StaffEntity;

  @Column({ type: 'varchar', length: 1000, nullable: true })
  comment!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
