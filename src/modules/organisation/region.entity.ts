import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';

import { RegionLevel } from './region-level';

export { RegionLevel };

/** A node of the region tree PROVINCE > CITY > COUNTY > GRID (DOMAIN.md: Organisation). */
@Entity('region')
@Check('ck_region_root_is_province', `(parent_id IS NULL) = (level = 'PROVINCE')`)
export class RegionEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index('uq_region_code', { unique: true })
  @Column({ type: 'varchar', length: 32 })
  code!: string;

  @Column({ type: 'varchar', length: 64 })
  name!: string;

  @Column({ type: 'enum', enum: RegionLevel, enumName: 'region_level' })
  level!: RegionLevel;

  @Index('ix_region_parent')
  @Column({ type: 'uuid', nullable: true })
  parentId!: string | null;

  @ManyToOne(() => RegionEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'parent_id', foreignKeyConstraintName: 'fk_region_parent' })
  parent?: RegionEntity;

  /** `/<root id>/…/<own id>/`: scope checks are one prefix match (C collation keeps the btree usable). */
  @Index('ix_region_path')
  @Column({ type: 'text', collation: 'C' })
  path!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
