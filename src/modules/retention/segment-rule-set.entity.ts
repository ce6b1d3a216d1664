import { Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import type { StaffEntity } from '../organisation/staff.entity';

/** One segment rule: every condition given must hold; money as decimal strings. */
export interface SegmentRuleValue {
  code: string;
  name: string;
  minRevenue?: string | null;
  maxRevenue?: string | null;
  minGrowthPercent?: number | null;
  maxGrowthPercent?: number | null;
  minProductLines?: number | null;
  maxProductLines?: number | null;
}

/**
 * 客户细分规则 — one version of the ordered segment rules (DOMAIN.md:
 * Retention — value segmentation by rules held as data). The first rule a
 * customer matches is its segment. Rows are never updated: a change inserts
 * the next version.
 */
@Entity('segment_rule_set')
export class SegmentRuleSetEntity {
  @PrimaryColumn({ type: 'integer', primaryKeyConstraintName: 'pk_segment_rule_set' })
  version!: number;

  @Column({ type: 'jsonb' })
  rules!: SegmentRuleValue[];

  @Column({ type: 'uuid', nullable: true })
  changedById!: string | null;

  @ManyToOne('StaffEntity', { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'changed_by_id', foreignKeyConstraintName: 'fk_segment_rule_set_changed_by' })
  changedBy?: StaffEntity;

  @CreateDateColumn({ type: 'timestamptz' })
  changedAt!: Date;

  @Column({ type: 'varchar', length: 500, nullable: true })
  note!: string | null;
}
