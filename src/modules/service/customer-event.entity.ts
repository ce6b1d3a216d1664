import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import type { CareActivityEntity } from '../contacts/care-activity.entity';
import type { ContactEntity } from '../contacts/contact.entity';
import type { GroupCustomerEntity } from '../customers/group-customer.entity';
import type { OpportunityEntity } from '../opportunities/opportunity.entity';
import type { StaffEntity } from '../organisation/staff.entity';
import { CustomerEventKind } from './service.enums';

/** 客户活动 — 开讲堂 / 走出去 / 请进来 (DOMAIN.md: Service quality): one event, its customers, attendees and the opportunities it produced. */
@Entity('customer_event')
@Index('ix_customer_event_at', ['at', 'id'])
@Check('ck_customer_event_cost', 'cost >= 0')
export class CustomerEventEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'enum', enum: CustomerEventKind, enumName: 'customer_event_kind' })
  kind!: CustomerEventKind;

  @Column({ type: 'timestamptz' })
  at!: Date;

  @Column({ type: 'varchar', length: 1000, nullable: true })
  note!: string | null;

  /** The whole event's cost, CNY; each attendee's care activity carries an equal share. */
  @Column({ type: 'numeric', precision: 12, scale: 2, default: 0 })
  cost!: string;

  @Index('ix_customer_event_recorded_by')
  @Column({ type: 'uuid' })
  recordedById!: string;

  @ManyToOne('StaffEntity', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'recorded_by_id', foreignKeyConstraintName: 'fk_customer_event_recorded_by' })
  recordedBy?: StaffEntity;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}

/** A customer taking part in an event. */
@Entity('customer_event_customer')
@Index('ix_customer_event_customer', ['customerId', 'eventId'])
export class CustomerEventCustomerEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_customer_event_customer' })
  eventId!: string;

  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_customer_event_customer' })
  customerId!: string;

  @ManyToOne(() => CustomerEventEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'event_id', foreignKeyConstraintName: 'fk_customer_event_customer_event' })
  event?: CustomerEventEntity;

  @ManyToOne('GroupCustomerEntity', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'customer_id', foreignKeyConstraintName: 'fk_customer_event_customer_customer' })
  customer?: GroupCustomerEntity;
}

/** A contact who attended, with the care activity the event recorded for them. */
@Entity('customer_event_attendee')
@Index('uq_customer_event_attendee_activity', ['careActivityId'], { unique: true })
export class CustomerEventAttendeeEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_customer_event_attendee' })
  eventId!: string;

  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_customer_event_attendee' })
  contactId!: string;

  @Column({ type: 'uuid' })
  careActivityId!: string;

  @ManyToOne(() => CustomerEventEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'event_id', foreignKeyConstraintName: 'fk_customer_event_attendee_event' })
  event?: CustomerEventEntity;

  @ManyToOne('ContactEntity', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'contact_id', foreignKeyConstraintName: 'fk_customer_event_attendee_contact' })
  contact?: ContactEntity;

  @ManyToOne('CareActivityEntity', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'care_activity_id', foreignKeyConstraintName: 'fk_customer_event_attendee_care_activity' })
  careActivity?: CareActivityEntity;
}

/** An opportunity an event produced. */
@Entity('customer_event_opportunity')
@Index('ix_customer_event_opportunity', ['opportunityId'])
export class CustomerEventOpportunityEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_customer_event_opportunity' })
  eventId!: string;

  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_customer_event_opportunity' })
  opportunityId!: string;

  @ManyToOne(() => CustomerEventEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'event_id', foreignKeyConstraintName: 'fk_customer_event_opportunity_event' })
  event?: CustomerEventEntity;

  @ManyToOne('OpportunityEntity', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'opportunity_id', foreignKeyConstraintName: 'fk_customer_event_opportunity_opportunity' })
  opportunity?: OpportunityEntity;

  @Column({ type: 'uuid' })
  linkedById!: string;

  @ManyToOne('StaffEntity', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'linked_by_id', foreignKeyConstraintName: 'fk_customer_event_opportunity_linked_by' })
  linkedBy?: StaffEntity;

  @CreateDateColumn({ type: 'timestamptz' })
  linkedAt!: Date;
}
