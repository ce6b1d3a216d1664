import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { StaffEntity } from '../organisation/staff.entity';
import { ImportKind, ImportState } from './exchange.enums';

/**
 * 批量导入 — one uploaded file: its dry run's report (import_row) and how far
 * its commit has come. A row's status turns CREATED in the transaction that
 * writes it, so a commit stopped anywhere resumes with the rows still VALID
 * and never writes a row twice (import.service.ts).
 */
@Entity('import_job')
@Index('ix_import_job_state', ['state'])
@Check('ck_import_job_counts', 'rows_done <= rows_total')
export class ImportJobEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'enum', enum: ImportKind, enumName: 'import_kind' })
  kind!: ImportKind;

  @Column({ type: 'enum', enum: ImportState, enumName: 'import_state' })
  state!: ImportState;

  @Column({ type: 'varchar', length: 8 })
  format!: string;

  @Column({ type: 'varchar', length: 255, nullable: true })
  fileName!: string | null;

  @Column({ type: 'uuid' })
  createdById!: string;

  @ManyToOne('StaffEntity', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'created_by_id', foreignKeyConstraintName: 'fk_import_job_created_by' })
  createdBy?: StaffEntity;

  @Column({ type: 'int' })
  rowsTotal!: number;

  @Column({ type: 'int' })
  rowsValid!: number;

  @Column({ type: 'int' })
  rowsInvalid!: number;

  @Column({ type: 'int' })
  rowsDuplicate!: number;

  /** Rows the commit has been through (written, or skipped as found taken meanwhile). */
  @Column({ type: 'int', default: 0 })
  rowsDone!: number;

  /** Rows written by the commit. */
  @Column({ type: 'int', default: 0 })
  rowsCreated!: number;

  @Column({ type: 'varchar', length: 1000, nullable: true })
  failure!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  committedAt!: Date | null;
}
