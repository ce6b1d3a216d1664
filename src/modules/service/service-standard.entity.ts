import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { CareActivityKind, CareLevel } from '../contacts/contact.enums';
import { CustomerGrade } from '../customers/customer.enums';
import type { StaffEntity } from '../organisation/staff.entity';
import { ServiceFrequency, ServiceTier } from './service.enums';

/**
 * 服务标准 — what a contact of one care level at a customer of one grade is
 * owed per period (DOMAIN.md: Service quality, 分层分级服务): `times`
 * activities of `kind` per quarter or year, in a tier. Admins keep them.
 */
@Entity('service_standard')
@Index('uq_service_standard', ['grade', 'careLevel', 'kind'], { unique: true })
@Check('ck_service_standard_times', 'times BETWEEN 1 AND 100')
export class ServiceStandardEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'enum', enum: CustomerGrade, enumName: 'customer_grade' })
  grade!: CustomerGrade;

  @Column({ type: 'enum', enum: CareLevel, enumName: 'care_level' })
  careLevel!: CareLevel;

  @Column({ type: 'enum', enum: CareActivityKind, enumName: 'care_activity_kind' })
  kind!: CareActivityKind;

  @Column({ type: 'int' })
  times!: number;

  @Column({ type: 'enum', enum: ServiceFrequency, enumName: 'service_frequency' })
  per!: ServiceFrequency;

  @Column({ type: 'enum', enum: ServiceTier, enumName: 'service_tier' })
  tier!: ServiceTier;

  @Column({ type: 'uuid', nullable: true })
  updatedById!: string | null;

  @ManyToOne('StaffEntity', { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'updated_by_id', foreignKeyConstraintName: 'fk_service_standard_updated_by' })
  updatedBy?: StaffEntity;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
