import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { GroupCustomerEntity } from '../customers/group-customer.entity';
import type { StaffEntity } from '../organisation/staff.entity';

/**
 * 月收入 from billing (BOSS): one row per customer and month (DOMAIN.md:
 * Retention — re-sending a month replaces it). `month` is the first day of
 * the China month.
 */
@Entity('customer_monthly_revenue')
@Check('ck_customer_monthly_revenue_revenue', 'revenue >= 0')
@Check('ck_customer_monthly_revenue_month', 'extract(day from month) = 1')
export class MonthlyRevenueEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_customer_monthly_revenue' })
  customerId!: string;

  @ManyToOne('GroupCustomerEntity', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'customer_id', foreignKeyConstraintName: 'fk_customer_monthly_revenue_customer' })
  customer?: GroupCustomerEntity;

  /** The billing month's anchor (the latest month billed) is read off this index. */
  @Index('ix_customer_monthly_revenue_month')
  @PrimaryColumn({ type: 'date', primaryKeyConstraintName: 'pk_customer_monthly_revenue' })
  month!: string;

  @Column({ type: 'numeric', precision: 15, scale: 2 })
  revenue!: string;

  @Column({ type: 'uuid' })
  recordedById!: string;

  @ManyToOne('StaffEntity', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'recorded_by_id', foreignKeyConstraintName: 'fk_customer_monthly_revenue_recorded_by' })
  recordedBy?: StaffEntity;

  @UpdateDateColumn({ type: 'timestamptz' })
  recordedAt!: Date;
}
