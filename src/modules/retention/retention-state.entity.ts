import { Column, Entity, Index, JoinColumn, OneToOne, PrimaryColumn } from 'typeorm';
import type { GroupCustomerEntity } from '../customers/group-customer.entity';

/** One signal as stored: the kind, since when it holds, and the evidence text. */
export interface StoredSignal {
  kind: string;
  since: string | null;
  evidence: string;
}

/**
 * 流失风险 and 客户细分 of one customer, as last computed (retention-engine.ts):
 * the one computation `churnRisk`, `segment`, `atRiskCustomers`, the
 * queue and the report all read, so they always agree. Keyed by the
 * customer's id. Refreshed in the transaction of the billing feed and of a
 * case that changes the customer's status, and by the refresh job for what
 * time alone changes (docs/api.md: Retention — freshness).
 */
@Entity('retention_state')
/** The lists' order (priority, id), carrying the region path (migration RetentionRegionPath). */
@Index('ix_retention_state_priority', { synchronize: false })
/** A region's at-risk customers, for a leader's count (risk-queries.ts). */
@Index('ix_retention_state_risk_region', { synchronize: false })
@Index('ix_retention_state_segment', ['segmentCode'])
export class RetentionStateEntity {
  /** The customer's id. */
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_retention_state' })
  id!: string;

  @OneToOne('GroupCustomerEntity', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'id', foreignKeyConstraintName: 'fk_retention_state_customer' })
  customer?: GroupCustomerEntity;

  /** The customer's region path, kept by triggers (migration RetentionRegionPath): a leader's lists filter on it. */
  @Column({ type: 'varchar', length: 400, insert: false, update: false })
  regionPath!: string;

  /** 0 LOW, 1 MEDIUM, 2 HIGH (retention.enums.ts: RISK_RANK). */
  @Column({ type: 'smallint' })
  levelRank!: number;

  /** The kinds of the signals, for the `signal` filter. */
  @Column({ type: 'varchar', length: 32, array: true })
  signals!: string[];

  @Column({ type: 'jsonb' })
  evidence!: StoredSignal[];

  /** The customer's monthly revenue when computed: the second sort key. */
  @Column({ type: 'numeric', precision: 15, scale: 2 })
  revenue!: string;

  /** level_rank × 10¹⁴ + revenue: highest risk, then highest revenue, as one keyset sort key. */
  @Column({ type: 'numeric', precision: 17, scale: 2 })
  priority!: string;

  /** Segment inputs: growth of the last 6 billed months over the 6 before, in percent (null without earlier revenue). */
  @Column({ type: 'numeric', precision: 9, scale: 1, nullable: true })
  growthPercent!: string | null;

  /** Segment inputs: product lines in service (contracts IN_SERVICE and not ended). */
  @Column({ type: 'int', default: 0 })
  productLines!: number;

  @Column({ type: 'varchar', length: 32, nullable: true })
  segmentCode!: string | null;

  /** Position (1-based) of the segment rule that matched, in `segmentVersion`. */
  @Column({ type: 'int', nullable: true })
  segmentRule!: number | null;

  @Column({ type: 'int', nullable: true })
  segmentVersion!: number | null;

  /** The business-rules version whose retention thresholds were used. */
  @Column({ type: 'int' })
  ruleVersion!: number;

  @Column({ type: 'timestamptz' })
  computedAt!: Date;
}
