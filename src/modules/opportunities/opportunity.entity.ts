import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { GroupCustomerEntity } from '../customers/group-customer.entity';
import type { PartnerEntity } from '../organisation/partner.entity';
import type { BusinessRuleSetEntity } from '../rules/business-rule-set.entity';
import type { StaffEntity } from '../organisation/staff.entity';
import { Carrier, OpportunityCategory, OpportunitySource, OpportunityStage, ProductLine } from './opportunity.enums';

/** 商机 — an opportunity (DOMAIN.md: Opportunities, seed 002). */
@Entity('opportunity')
/** GIN over products, for the duplicate check's `&&` (made by the migration; TypeORM leaves it alone). */
@Index('ix_opportunity_products', { synchronize: false })
/** The stall clock of opportunities in follow-up, for `stalled` lists (an expression index made by migration FollowUps; stall.ts). */
@Index('ix_opportunity_stall_clock', { synchronize: false })
@Check('ck_opportunity_amount', 'estimated_amount >= 0')
@Check('ck_opportunity_products', 'cardinality(products) > 0')
export class OpportunityEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** SJ<yyyymm>-<6 digits> from opportunity_code_seq (opportunity.service.ts: nextCode). */
  @Index('uq_opportunity_code', { unique: true })
  @Column({ type: 'varchar', length: 16 })
  code!: string;

  @Index('ix_opportunity_customer')
  @Column({ type: 'uuid' })
  customerId!: string;

  @ManyToOne('GroupCustomerEntity', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'customer_id', foreignKeyConstraintName: 'fk_opportunity_customer' })
  customer?: GroupCustomerEntity;

  @Column({ type: 'varchar', length: 200 })
  title!: string;

  @Column({ type: 'enum', enum: OpportunityCategory, enumName: 'opportunity_category' })
  category!: OpportunityCategory;

  @Column({ type: 'enum', enum: OpportunitySource, enumName: 'opportunity_source' })
  source!: OpportunitySource;

  @Column({ type: 'enum', enum: ProductLine, enumName: 'product_line', array: true })
  products!: ProductLine[];

  @Column({ type: 'numeric', precision: 15, scale: 2 })
  estimatedAmount!: string;

  @Column({ type: 'date' })
  expectedCloseDate!: string;

  @Column({ type: 'varchar', length: 2000, nullable: true })
  description!: string | null;

  @Index('ix_opportunity_stage')
  @Column({ type: 'enum', enum: OpportunityStage, enumName: 'opportunity_stage' })
  stage!: OpportunityStage;

  @Column({ type: 'enum', enum: Carrier, enumName: 'carrier', nullable: true })
  competitorCarrier!: Carrier | null;

  @Column({ type: 'varchar', length: 128, nullable: true })
  competitorProduct!: string | null;

  @Column({ type: 'numeric', precision: 15, scale: 2, nullable: true })
  competitorMonthlyFee!: string | null;

  @Column({ type: 'int', nullable: true })
  competitorBandwidthMbps!: number | null;

  /** The renewal radar (competitorExpiries) walks this. */
  @Index('ix_opportunity_competitor_expiry')
  @Column({ type: 'date', nullable: true })
  competitorContractExpiresOn!: string | null;

  @Index('ix_opportunity_reporter')
  @Column({ type: 'uuid' })
  reporterId!: string;

  @ManyToOne('StaffEntity', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'reporter_id', foreignKeyConstraintName: 'fk_opportunity_reporter' })
  reporter?: StaffEntity;

  @Index('ix_opportunity_partner')
  @Column({ type: 'uuid', nullable: true })
  partnerId!: string | null;

  @ManyToOne('PartnerEntity', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'partner_id', foreignKeyConstraintName: 'fk_opportunity_partner' })
  partner?: PartnerEntity;

  @Index('ix_opportunity_owner')
  @Column({ type: 'uuid', nullable: true })
  ownerId!: string | null;

  @ManyToOne('StaffEntity', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'owner_id', foreignKeyConstraintName: 'fk_opportunity_owner' })
  owner?: StaffEntity;

  /** 跟进人员, assigned by the last approval. */
  @Column({ type: 'uuid', array: true, default: () => "'{}'" })
  followerIds!: string[];

  /** 支撑资源, assigned by the last approval. */
  @Column({ type: 'varchar', array: true, default: () => "'{}'" })
  supportResources!: string[];

  /** The support manager who evaluated it 初步评估. */
  @Column({ type: 'uuid', nullable: true })
  supportManagerId!: string | null;

  /**
   * The approval route as built when the support manager accepted (DOMAIN.md:
   * Approval routing); later changes to the customer or amount do not reroute
   * an opportunity already in approval.
   */
  @Column({ type: 'jsonb', nullable: true })
  approvalRoute!: { approverRole: string; regionId: string }[] | null;

  /** The business-rule version (rules module) whose threshold built `approvalRoute`. */
  @Column({ type: 'integer', nullable: true })
  routeRuleVersion!: number | null;

  @ManyToOne('BusinessRuleSetEntity', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'route_rule_version', foreignKeyConstraintName: 'fk_opportunity_route_rule_version' })
  routeRules?: BusinessRuleSetEntity;

  @ManyToOne('StaffEntity', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'support_manager_id', foreignKeyConstraintName: 'fk_opportunity_support_manager' })
  supportManager?: StaffEntity;

  /** 报备时间 — start of the protection window (DOMAIN.md: Partner registration). */
  @Index('ix_opportunity_registered_at')
  @Column({ type: 'timestamptz' })
  registeredAt!: Date;

  /** 保护期 end: registration plus the protection window of the rules in force at registration (`ruleVersion`). */
  @Column({ type: 'timestamptz' })
  protectedUntil!: Date;

  /** The business-rule version in force when it was registered. */
  @Column({ type: 'integer' })
  ruleVersion!: number;

  @ManyToOne('BusinessRuleSetEntity', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'rule_version', foreignKeyConstraintName: 'fk_opportunity_rule_version' })
  rules?: BusinessRuleSetEntity;

  /** When the last approval step approved it (DOMAIN.md: Follow-through — the stall clock starts here). */
  @Column({ type: 'timestamptz', nullable: true })
  approvedAt!: Date | null;

  /** When its latest follow-up 跟进 happened; kept by follow-ups.ts in the follow-up's transaction. */
  @Column({ type: 'timestamptz', nullable: true })
  lastFollowUpAt!: Date | null;

  /** When it was closed WON or LOST, or ended otherwise. */
  @Column({ type: 'timestamptz', nullable: true })
  closedAt!: Date | null;

  /** Why it was lost, won or cancelled. */
  @Column({ type: 'varchar', length: 500, nullable: true })
  closeReason!: string | null;

  @Column({ type: 'int', default: 1 })
  version!: number;

  @Index('ix_opportunity_created_at')
  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
