import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { PartnerEntity } from '../organisation/partner.entity';
import { RegistrationAttemptEntity } from './registration-attempt.entity';

/**
 * The idempotency record of a partner report: (partner, key) is unique, the
 * hash says whether a retry carries the same input, and the attempt is the
 * first result to answer again (DOMAIN.md: "retried partner reports with the
 * same idempotency key return the first result").
 */
@Entity('partner_report_request')
@Index('uq_partner_report_request_key', ['partnerId', 'idempotencyKey'], { unique: true })
export class PartnerReportRequestEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  partnerId!: string;

  @ManyToOne('PartnerEntity', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'partner_id', foreignKeyConstraintName: 'fk_partner_report_request_partner' })
  partner?: PartnerEntity;

  @Column({ type: 'varchar', length: 255 })
  idempotencyKey!: string;

  /** sha256 of the normalised input. */
  @Column({ type: 'char', length: 64 })
  inputHash!: string;

  @Column({ type: 'uuid' })
  attemptId!: string;

  @ManyToOne(() => RegistrationAttemptEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'attempt_id', foreignKeyConstraintName: 'fk_partner_report_request_attempt' })
  attempt?: RegistrationAttemptEntity;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
