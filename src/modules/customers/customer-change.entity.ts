import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { StaffEntity } from '../organisation/staff.entity';
import { GroupCustomerEntity } from './group-customer.entity';

/** One change to a customer: who, when, and each changed field's old and new value. Append-only. */
@Entity('customer_change')
@Index('ix_customer_change_customer', ['customerId', 'at'])
export class CustomerChangeEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  customerId!: string;

  @ManyToOne(() => GroupCustomerEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'customer_id', foreignKeyConstraintName: 'fk_customer_change_customer' })
  customer?: GroupCustomerEntity;

  @Column({ type: 'uuid' })
  actorId!: string;

  @ManyToOne('StaffEntity', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'actor_id', foreignKeyConstraintName: 'fk_customer_change_actor' })
  actor?: StaffEntity;

  /** CREATE, UPDATE, SET_PARENT, ADD_RELATION */
  @Column({ type: 'varchar', length: 32 })
  action!: string;

  /** `[{ field, from, to }]` with values as the API shows them. */
  @Column({ type: 'jsonb' })
  changes!: { field: string; from: string | null; to: string | null }[];

  @CreateDateColumn({ type: 'timestamptz' })
  at!: Date;
}
