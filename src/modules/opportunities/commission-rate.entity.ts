import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { StaffEntity } from '../organisation/staff.entity';
import { ProductLine } from './opportunity.enums';

/**
 * 酬金比例 — the commission rate of a product line, as data (DOMAIN.md: "The
 * rate is data: a percentage per product line, admin-editable"). Versioned:
 * a change appends a row; the latest row of a product line is in force, and
 * each commission keeps the row it used.
 */
@Entity('commission_rate')
@Index('ix_commission_rate_current', ['productLine', 'createdAt'])
@Check('ck_commission_rate_percent', 'rate_percent >= 0 AND rate_percent <= 100')
export class CommissionRateEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'enum', enum: ProductLine, enumName: 'product_line' })
  productLine!: ProductLine;

  /** Percent of the signed amount, two decimals (2.50 = 2.5%). */
  @Column({ type: 'numeric', precision: 5, scale: 2 })
  ratePercent!: string;

  /** Null for the defaults the migration loads. */
  @Column({ type: 'uuid', nullable: true })
  setById!: string | null;

  @ManyToOne('StaffEntity', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'set_by_id', foreignKeyConstraintName: 'fk_commission_rate_set_by' })
  setBy?: StaffEntity;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
