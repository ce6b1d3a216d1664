import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { RegionEntity } from './region.entity';

/** 第三方合作伙伴 — a partner company that reports opportunities through its portal. */
@Entity('partner')
export class PartnerEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index('uq_partner_code', { unique: true })
  @Column({ type: 'varchar', length: 32 })
  code!: string;

  @Column({ type: 'varchar', length: 128 })
  name!: string;

  @Index('ix_partner_region')
  @Column({ type: 'uuid' })
  regionId!: string;

  @ManyToOne(() => RegionEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'region_id', foreignKeyConstraintName: 'fk_partner_region' })
  region?: RegionEntity;

  @Column({ type: 'boolean', default: true })
  active!: boolean;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
