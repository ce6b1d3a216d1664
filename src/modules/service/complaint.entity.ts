import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { ContactEntity } from '../contacts/contact.entity';
import type { GroupCustomerEntity } from '../customers/group-customer.entity';
import type { StaffEntity } from '../organisation/staff.entity';
import type { BusinessRuleSetEntity } from '../rules/business-rule-set.entity';
import { ComplaintCategory, ComplaintChannel, ComplaintSeverity, ComplaintState } from './service.enums';

/**
 * 投诉 — a complaint of a group customer (DOMAIN.md: Service quality). Its
 * recorder is its first responder 首问负责人 for good; moves follow
 * complaint-lifecycle.ts, each one conditional update plus a history entry.
 */
@Entity('complaint')
@Index('uq_complaint_code', ['code'], { unique: true })
@Index('ix_complaint_customer', ['customerId', 'createdAt'])
@Index('ix_complaint_created', ['createdAt', 'id'])
@Index('ix_complaint_first_responder', ['firstResponderId', 'createdAt'])
@Index('ix_complaint_handler', ['handlerId', 'createdAt'])
/** The overdue queue: open complaints by region path, then deadline (complaint-queue.ts). */
@Index('ix_complaint_open_region_due', { synchronize: false })
/** Open complaints by deadline, for the wide scopes (admins, province leaders). */
@Index('ix_complaint_open_due', ['dueAt', 'id'], { where: `state IN ('OPEN', 'IN_PROGRESS', 'REOPENED')` })
/** Customers whose key contacts owe care after a resolution (投诉客户关怀). */
@Index('ix_complaint_follow_up', ['customerId', 'resolvedAt'], { where: 'follow_up_open' })
@Check('ck_complaint_satisfaction', 'callback_satisfaction BETWEEN 1 AND 5')
export class ComplaintEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** TS<yyyymm>-<6 digits> from complaint_code_seq. */
  @Column({ type: 'varchar', length: 24 })
  code!: string;

  @Column({ type: 'uuid' })
  customerId!: string;

  @ManyToOne('GroupCustomerEntity', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'customer_id', foreignKeyConstraintName: 'fk_complaint_customer' })
  customer?: GroupCustomerEntity;

  /** The customer's region path, kept by triggers (migration ServiceQuality): the overdue queue reads a range of it. */
  @Column({ type: 'varchar', length: 400, insert: false, update: false })
  regionPath!: string;

  @Column({ type: 'uuid', nullable: true })
  contactId!: string | null;

  @ManyToOne('ContactEntity', { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'contact_id', foreignKeyConstraintName: 'fk_complaint_contact' })
  contact?: ContactEntity;

  @Column({ type: 'enum', enum: ComplaintChannel, enumName: 'complaint_channel' })
  channel!: ComplaintChannel;

  @Column({ type: 'enum', enum: ComplaintCategory, enumName: 'complaint_category' })
  category!: ComplaintCategory;

  @Column({ type: 'enum', enum: ComplaintSeverity, enumName: 'complaint_severity' })
  severity!: ComplaintSeverity;

  /** May hold personal data: masked for viewers who see the customer's basic fields only (complaint.policy.ts). */
  @Column({ type: 'varchar', length: 2000 })
  description!: string;

  @Column({ type: 'enum', enum: ComplaintState, enumName: 'complaint_state', default: ComplaintState.OPEN })
  state!: ComplaintState;

  /** 首问负责人 — who recorded it; accountable until it is closed. */
  @Column({ type: 'uuid' })
  firstResponderId!: string;

  @ManyToOne('StaffEntity', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'first_responder_id', foreignKeyConstraintName: 'fk_complaint_first_responder' })
  firstResponder?: StaffEntity;

  /** 处理人 — who it was handed to; null while the first responder handles it. */
  @Column({ type: 'uuid', nullable: true })
  handlerId!: string | null;

  @ManyToOne('StaffEntity', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'handler_id', foreignKeyConstraintName: 'fk_complaint_handler' })
  handler?: StaffEntity;

  /** Recorded moment plus the severity's hours (halved for A1/A2) under `ruleVersion`. */
  @Column({ type: 'timestamptz' })
  dueAt!: Date;

  @Column({ type: 'integer' })
  ruleVersion!: number;

  @ManyToOne('BusinessRuleSetEntity', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'rule_version', foreignKeyConstraintName: 'fk_complaint_rule_version' })
  rules?: BusinessRuleSetEntity;

  @Column({ type: 'varchar', length: 2000, nullable: true })
  resolution!: string | null;

  /** The latest resolution. */
  @Column({ type: 'timestamptz', nullable: true })
  resolvedAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  closedAt!: Date | null;

  /** 回访满意度 — the latest callback's score, 1–5. */
  @Column({ type: 'int', nullable: true })
  callbackSatisfaction!: number | null;

  @Column({ type: 'int', default: 0 })
  reopenedCount!: number;

  /** Set by a resolution; cleared by a trigger once every key contact has been cared for after it (migration ServiceQuality). */
  @Column({ type: 'boolean', default: false })
  followUpOpen!: boolean;

  @Column({ type: 'int', default: 1 })
  version!: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
