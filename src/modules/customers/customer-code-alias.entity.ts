import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import type { StaffEntity } from '../organisation/staff.entity';
import { GroupCustomerEntity } from './group-customer.entity';

/** The code of a customer merged into another (DOMAIN.md: the merged code stays findable): `groupCustomer(code:)` finds the survivor. */
@Entity('customer_code_alias')
export class CustomerCodeAliasEntity {
  @PrimaryColumn({ type: 'varchar', length: 16 })
  code!: string;

  @Index('ix_customer_code_alias_customer')
  @Column({ type: 'uuid' })
  customerId!: string;

  @ManyToOne(() => GroupCustomerEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'customer_id', foreignKeyConstraintName: 'fk_customer_code_alias_customer' })
  customer?: GroupCustomerEntity;

  /** The merged customer's name, for the record. */
  @Column({ type: 'varchar', length: 128 })
  name!: string;

  @Column({ type: 'uuid' })
  mergedById!: string;

  @ManyToOne('StaffEntity', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'merged_by_id', foreignKeyConstraintName: 'fk_customer_code_alias_merged_by' })
  mergedBy?: StaffEntity;

  @CreateDateColumn({ type: 'timestamptz' })
  mergedAt!: Date;
}
