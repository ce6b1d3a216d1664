import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { StaffEntity } from '../organisation/staff.entity';
import { ExportState } from './exchange.enums';

/** 导出任务 — a large export written to a file in the background, kept for download until it expires (export-jobs.ts). */
@Entity('export_job')
@Index('ix_export_job_expires_at', ['expiresAt'])
export class ExportJobEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** One of EXPORT_LISTS (export-lists.ts). */
  @Column({ type: 'varchar', length: 32 })
  list!: string;

  @Column({ type: 'varchar', length: 8 })
  format!: string;

  /** The list query's variables, as given. */
  @Column({ type: 'jsonb' })
  variables!: Record<string, unknown>;

  @Column({ type: 'enum', enum: ExportState, enumName: 'export_state' })
  state!: ExportState;

  @Column({ type: 'uuid' })
  createdById!: string;

  @ManyToOne('StaffEntity', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'created_by_id', foreignKeyConstraintName: 'fk_export_job_created_by' })
  createdBy?: StaffEntity;

  @Column({ type: 'int', default: 0 })
  rowsWritten!: number;

  @Column({ type: 'bigint', nullable: true })
  fileBytes!: string | null;

  @Column({ type: 'varchar', length: 1000, nullable: true })
  failure!: string | null;

  /** Moved as rows are written: a RUNNING job that stopped moving was interrupted (its server stopped). */
  @Column({ type: 'timestamptz' })
  heartbeatAt!: Date;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  finishedAt!: Date | null;

  /** After this the file is deleted and the job answers EXPIRED. */
  @Column({ type: 'timestamptz' })
  expiresAt!: Date;
}
