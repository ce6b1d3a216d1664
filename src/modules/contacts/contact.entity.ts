import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { GroupCustomerEntity } from '../customers/group-customer.entity';
import { CareLevel, ContactAttitude, DecisionRole } from './contact.enums';

/** 关键人物 — a key person of a group customer (DOMAIN.md: Key contacts and four-level care). */
@Entity('contact')
@Index('ix_contact_customer_name', ['customerId', 'name'])
@Index('ix_contact_next_care_due', ['nextCareDueAt', 'id'])
/** The contacts list's order, (name, id): a page reads a page even where thousands share a name. */
@Index('ix_contact_name', ['name', 'id'])
/** MMDD of the birthday, for the coming days' birthdays (made by the migration; TypeORM leaves it alone). */
@Index('ix_contact_birthday_md', { synchronize: false })
@Check('ck_contact_not_own_manager', 'reports_to_id IS NULL OR reports_to_id <> id')
export class ContactEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  customerId!: string;

  @ManyToOne('GroupCustomerEntity', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'customer_id', foreignKeyConstraintName: 'fk_contact_customer' })
  customer?: GroupCustomerEntity;

  @Column({ type: 'varchar', length: 64 })
  name!: string;

  @Column({ type: 'varchar', length: 64, nullable: true })
  title!: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  department!: string | null;

  @Column({ type: 'enum', enum: CareLevel, enumName: 'care_level' })
  careLevel!: CareLevel;

  @Column({ type: 'enum', enum: DecisionRole, enumName: 'decision_role', nullable: true })
  decisionRole!: DecisionRole | null;

  @Column({ type: 'enum', enum: ContactAttitude, enumName: 'contact_attitude', nullable: true })
  attitude!: ContactAttitude | null;

  /** The customer's org chart: always a contact of the same customer, never a cycle (contact.service.ts: checkReportsTo). */
  @Index('ix_contact_reports_to')
  @Column({ type: 'uuid', nullable: true })
  reportsToId!: string | null;

  @ManyToOne(() => ContactEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'reports_to_id', foreignKeyConstraintName: 'fk_contact_reports_to' })
  reportsTo?: ContactEntity;

  /** Personal information (PIPL): 11 digits, shown masked to most viewers (personal-data.ts). */
  @Column({ type: 'varchar', length: 11, nullable: true })
  mobile!: string | null;

  @Column({ type: 'varchar', length: 254, nullable: true })
  email!: string | null;

  @Column({ type: 'date', nullable: true })
  birthday!: string | null;

  @Column({ type: 'varchar', length: 1000, nullable: true })
  note!: string | null;

  /** 离职 — the day the contact left their company; kept for history and the map, no longer due for care (DOMAIN.md: People and rules). */
  @Column({ type: 'date', nullable: true })
  leftOn!: string | null;

  @Column({ type: 'int', default: 1 })
  version!: number;

  /** The newest care record's moment; kept by a trigger on care_activity (migration: contact care state). */
  @Column({ type: 'timestamptz', nullable: true, insert: false, update: false })
  lastCaredAt!: Date | null;

  /** lastCaredAt plus the level's interval, or createdAt if never cared for; kept by triggers on contact, care_activity and care_policy. */
  @Column({ type: 'timestamptz', insert: false, update: false })
  nextCareDueAt!: Date;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
