import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Role } from '../../platform/auth/viewer';
import type { RegionEntity } from '../organisation/region.entity';
import type { StaffEntity } from '../organisation/staff.entity';
import { CustomerGrade, ManagementLevel, ReclassificationState } from './customer.enums';
import { GroupCustomerEntity } from './group-customer.entity';

/**
 * 变更申请 — a request to change a customer's management level and/or grade,
 * decided by the leader above (DOMAIN.md: People and rules). `from*` is what
 * the customer had when it was asked; `to*` null means "unchanged". The
 * decider is a seat (a leader role in a region), like an approval step.
 */
@Entity('customer_reclassification')
/** At most one open request per customer. */
@Index('uq_customer_reclassification_pending', ['customerId'], { unique: true, where: `state = 'PENDING'` })
@Index('ix_customer_reclassification_queue', ['state', 'deciderRole', 'deciderRegionId', 'createdAt'])
export class CustomerReclassificationEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index('ix_customer_reclassification_customer')
  @Column({ type: 'uuid' })
  customerId!: string;

  @ManyToOne(() => GroupCustomerEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'customer_id', foreignKeyConstraintName: 'fk_customer_reclassification_customer' })
  customer?: GroupCustomerEntity;

  @Column({ type: 'enum', enum: ManagementLevel, enumName: 'management_level' })
  fromLevel!: ManagementLevel;

  @Column({ type: 'enum', enum: ManagementLevel, enumName: 'management_level', nullable: true })
  toLevel!: ManagementLevel | null;

  @Column({ type: 'enum', enum: CustomerGrade, enumName: 'customer_grade' })
  fromGrade!: CustomerGrade;

  @Column({ type: 'enum', enum: CustomerGrade, enumName: 'customer_grade', nullable: true })
  toGrade!: CustomerGrade | null;

  @Column({ type: 'varchar', length: 1000 })
  reason!: string;

  @Column({ type: 'uuid' })
  requestedById!: string;

  @ManyToOne('StaffEntity', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'requested_by_id', foreignKeyConstraintName: 'fk_customer_reclassification_requested_by' })
  requestedBy?: StaffEntity;

  @Column({ type: 'enum', enum: Role, enumName: 'staff_role' })
  deciderRole!: Role;

  @Column({ type: 'uuid' })
  deciderRegionId!: string;

  @ManyToOne('RegionEntity', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'decider_region_id', foreignKeyConstraintName: 'fk_customer_reclassification_decider_region' })
  deciderRegion?: RegionEntity;

  @Column({ type: 'enum', enum: ReclassificationState, enumName: 'reclassification_state', default: ReclassificationState.PENDING })
  state!: ReclassificationState;

  @Column({ type: 'uuid', nullable: true })
  decidedById!: string | null;

  @ManyToOne('StaffEntity', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'decided_by_id', foreignKeyConstraintName: 'fk_customer_reclassification_decided_by' })
  decidedBy?: StaffEntity;

  @Column({ type: 'timestamptz', nullable: true })
  decidedAt!: Date | null;

  @Column({ type: 'varchar', length: 1000, nullable: true })
  comment!: string | null;

  @Column({ type: 'int', default: 1 })
  version!: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
