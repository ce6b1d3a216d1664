import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { Role } from '../../platform/auth/viewer';
import { Industry } from './industry';
import { PartnerEntity } from './partner.entity';
import { RegionEntity } from './region.entity';

/** A user of the system: our staff, or a partner's employee (role PARTNER). `employeeNo` is the JWT `sub`. */
@Entity('staff')
export class StaffEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index('uq_staff_employee_no', { unique: true })
  @Column({ type: 'varchar', length: 32 })
  employeeNo!: string;

  @Column({ type: 'varchar', length: 64 })
  name!: string;

  @Column({ type: 'enum', enum: Role, enumName: 'staff_role', array: true })
  roles!: Role[];

  @Index('ix_staff_region')
  @Column({ type: 'uuid' })
  regionId!: string;

  @ManyToOne(() => RegionEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'region_id', foreignKeyConstraintName: 'fk_staff_region' })
  region?: RegionEntity;

  @Column({ type: 'enum', enum: Industry, enumName: 'industry', nullable: true })
  industry!: Industry | null;

  @Index('ix_staff_partner')
  @Column({ type: 'uuid', nullable: true })
  partnerId!: string | null;

  @ManyToOne(() => PartnerEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'partner_id', foreignKeyConstraintName: 'fk_staff_partner' })
  partner?: PartnerEntity;

  @Column({ type: 'boolean', default: true })
  active!: boolean;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
