import { Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import type { StaffEntity } from '../organisation/staff.entity';

/**
 * One version of the business rules (DOMAIN.md: People and rules — "versioned
 * data edited by admins; each decision records the version it used"). Rows
 * are never updated: a change inserts the next version.
 */
@Entity('business_rule_set')
export class BusinessRuleSetEntity {
  @PrimaryColumn({ type: 'integer', primaryKeyConstraintName: 'pk_business_rule_set' })
  version!: number;

  /** The sections (rule-sections.ts) as set by this version; a section absent here has its defaults. */
  @Column({ type: 'jsonb' })
  rules!: Record<string, Record<string, string | number | boolean>>;

  @Column({ type: 'uuid', nullable: true })
  changedById!: string | null;

  @ManyToOne('StaffEntity', { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'changed_by_id', foreignKeyConstraintName: 'fk_business_rule_set_changed_by' })
  changedBy?: StaffEntity;

  @CreateDateColumn({ type: 'timestamptz' })
  changedAt!: Date;

  @Column({ type: 'varchar', length: 500, nullable: true })
  note!: string | null;
}
