import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { StaffEntity } from '../organisation/staff.entity';
import { ProvisioningState } from './money.enums';
import { ProductLine } from './opportunity.enums';
import { OpportunityEntity } from './opportunity.entity';

/**
 * 签约 — the signed contract that wins an opportunity, and its provisioning
 * 开通 (DOMAIN.md: Follow-through). One per won opportunity; the contract
 * number is unique across the province.
 */
@Entity('contract')
@Check('ck_contract_term', 'term_months BETWEEN 1 AND 120')
@Check('ck_contract_amount', 'signed_amount > 0')
export class ContractEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index('uq_contract_opportunity', { unique: true })
  @Column({ type: 'uuid' })
  opportunityId!: string;

  @ManyToOne(() => OpportunityEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'opportunity_id', foreignKeyConstraintName: 'fk_contract_opportunity' })
  opportunity?: OpportunityEntity;

  /** 合同编号, stored trimmed and upper-case; racing wins with one number meet on this index. */
  @Index('uq_contract_number', { unique: true })
  @Column({ type: 'varchar', length: 64 })
  number!: string;

  @Column({ type: 'numeric', precision: 15, scale: 2 })
  signedAmount!: string;

  @Column({ type: 'int' })
  termMonths!: number;

  @Column({ type: 'date' })
  signedOn!: string;

  /** The product line the contract signs; its commission rate applies. */
  @Column({ type: 'enum', enum: ProductLine, enumName: 'product_line' })
  productLine!: ProductLine;

  @Column({ type: 'enum', enum: ProvisioningState, enumName: 'provisioning_state', default: ProvisioningState.PROVISIONING })
  provisioningState!: ProvisioningState;

  /** 开通日期 (IN_SERVICE). */
  @Column({ type: 'date', nullable: true })
  inServiceOn!: string | null;

  /** When provisioning failed (PROVISIONING_FAILED). */
  @Column({ type: 'date', nullable: true })
  failedOn!: string | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  failureReason!: string | null;

  @Column({ type: 'uuid' })
  signedById!: string;

  @ManyToOne('StaffEntity', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'signed_by_id', foreignKeyConstraintName: 'fk_contract_signed_by' })
  signedBy?: StaffEntity;

  @Column({ type: 'int', default: 1 })
  version!: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
