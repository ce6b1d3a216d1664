import { Check, Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import type { StaffEntity } from '../organisation/staff.entity';

/** A GraphQL document partner tokens may run (API.md: trusted documents), by the sha256 of its canonical print. */
@Entity('trusted_document')
@Check('ck_trusted_document_source', `source IN ('EXAMPLES', 'ADMIN')`)
export class TrustedDocumentEntity {
  @PrimaryColumn({ type: 'char', length: 64 })
  id!: string;

  @Column({ type: 'varchar', length: 128 })
  name!: string;

  @Column({ type: 'text' })
  document!: string;

  /** EXAMPLES: registered at start-up from examples/partner-portal; ADMIN: through the API. */
  @Column({ type: 'varchar', length: 16 })
  source!: 'EXAMPLES' | 'ADMIN';

  @Column({ type: 'uuid', nullable: true })
  registeredById!: string | null;

  @ManyToOne('StaffEntity', { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'registered_by_id', foreignKeyConstraintName: 'fk_trusted_document_registered_by' })
  registeredBy?: StaffEntity;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
