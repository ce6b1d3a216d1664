import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { ImportRowStatus } from './exchange.enums';
import { ImportJobEntity } from './import-job.entity';

/** One row of an imported file as the dry run found it: what it would write, or why not (the per-row report). */
@Entity('import_row')
export class ImportRowEntity {
  @PrimaryColumn({ type: 'uuid' })
  jobId!: string;

  @ManyToOne(() => ImportJobEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'job_id', foreignKeyConstraintName: 'fk_import_row_job' })
  job?: ImportJobEntity;

  /** The line (CSV) or row (XLSX) in the file, the header being 1. */
  @PrimaryColumn({ type: 'int' })
  line!: number;

  @Column({ type: 'enum', enum: ImportRowStatus, enumName: 'import_row_status' })
  status!: ImportRowStatus;

  /** Why not: [{ field, code, message }]. */
  @Column({ type: 'jsonb', default: () => `'[]'` })
  problems!: { field: string; code: string; message: string }[];

  /** What a VALID row writes (with the id it gets); null otherwise. */
  @Column({ type: 'jsonb', nullable: true })
  data!: Record<string, unknown> | null;

  /** Set when the commit wrote it: the customer or contact id. */
  @Column({ type: 'uuid', nullable: true })
  createdId!: string | null;
}
