import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { GroupCustomerEntity } from '../customers/group-customer.entity';
import type { PartnerEntity } from '../organisation/partner.entity';
import type { BusinessRuleSetEntity } from '../rules/business-rule-set.entity';
import type { StaffEntity } from '../organisation/staff.entity';
import { ProductLine, RegistrationOutcome } from './opportunity.enums';
import { OpportunityEntity } from './opportunity.entity';

/**
 * 报备记录 — every partner report, accepted or refused as a duplicate
 * (DOMAIN.md: "a refused report is still kept … for audit and partner
 * statistics"); commission eligibility is decided from these (seed 002 第五条).
 */
@Entity('registration_attempt')
@Index('ix_registration_attempt_partner_customer', ['partnerId', 'customerId'])
export class RegistrationAttemptEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  partnerId!: string;

  @ManyToOne('PartnerEntity', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'partner_id', foreignKeyConstraintName: 'fk_registration_attempt_partner' })
  partner?: PartnerEntity;

  @Column({ type: 'uuid' })
  reporterId!: string;

  @ManyToOne('StaffEntity', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'reporter_id', foreignKeyConstraintName: 'fk_registration_attempt_reporter' })
  reporter?: StaffEntity;

  @Column({ type: 'uuid' })
  customerId!: string;

  @ManyToOne('GroupCustomerEntity', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'customer_id', foreignKeyConstraintName: 'fk_registration_attempt_customer' })
  customer?: GroupCustomerEntity;

  @Column({ type: 'enum', enum: ProductLine, enumName: 'product_line', array: true })
  products!: ProductLine[];

  @Column({ type: 'enum', enum: RegistrationOutcome, enumName: 'registration_outcome' })
  outcome!: RegistrationOutcome;

  /** The opportunity it created (ACCEPTED). */
  @Column({ type: 'uuid', nullable: true })
  opportunityId!: string | null;

  @ManyToOne(() => OpportunityEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'opportunity_id', foreignKeyConstraintName: 'fk_registration_attempt_opportunity' })
  opportunity?: OpportunityEntity;

  /** The active registration it collided with (REFUSED_DUPLICATE). */
  @Column({ type: 'uuid', nullable: true })
  collidedWithId!: string | null;

  @ManyToOne(() => OpportunityEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'collided_with_id', foreignKeyConstraintName: 'fk_registration_attempt_collided_with' })
  collidedWith?: OpportunityEntity;

  @CreateDateColumn({ type: 'timestamptz' })
  at!: Date;

  /** ACCEPTED: the end of its protection window, by the rules of `ruleVersion`. */
  @Column({ type: 'timestamptz', nullable: true })
  protectedUntil!: Date | null;

  /** The business-rule version in force when the report arrived. */
  @Column({ type: 'integer' })
  ruleVersion!: number;

  @ManyToOne('BusinessRuleSetEntity', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'rule_version', foreignKeyConstraintName: 'fk_registration_attempt_rule_version' })
  rules?: BusinessRuleSetEntity;
}
