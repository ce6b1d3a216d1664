import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { StaffEntity } from '../organisation/staff.entity';
import { CustomerRelationType } from './customer.enums';
import { GroupCustomerEntity } from './group-customer.entity';

/** 客户与客户关系 — zero or more between any two customers; listed on both. */
@Entity('customer_relation')
@Check('ck_customer_relation_two_customers', 'from_customer_id <> to_customer_id')
@Index('uq_customer_relation', ['fromCustomerId', 'toCustomerId', 'type'], { unique: true })
export class CustomerRelationEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  fromCustomerId!: string;

  @ManyToOne(() => GroupCustomerEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'from_customer_id', foreignKeyConstraintName: 'fk_customer_relation_from' })
  fromCustomer?: GroupCustomerEntity;

  @Index('ix_customer_relation_to')
  @Column({ type: 'uuid' })
  toCustomerId!: string;

  @ManyToOne(() => GroupCustomerEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'to_customer_id', foreignKeyConstraintName: 'fk_customer_relation_to' })
  toCustomer?: GroupCustomerEntity;

  @Column({ type: 'enum', enum: CustomerRelationType, enumName: 'customer_relation_type' })
  type!: CustomerRelationType;

  @Column({ type: 'varchar', length: 500, nullable: true })
  note!: string | null;

  @Column({ type: 'uuid' })
  recordedById!: string;

  @ManyToOne('StaffEntity', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'recorded_by_id', foreignKeyConstraintName: 'fk_customer_relation_recorded_by' })
  recordedBy?: StaffEntity;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
