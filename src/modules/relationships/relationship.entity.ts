import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { ContactEntity } from '../contacts/contact.entity';
import type { StaffEntity } from '../organisation/staff.entity';
import { RelationshipType } from './relationship.enums';

/**
 * A relationship between two people, each a staff member or a contact
 * (exactly one of the two columns per end). Undirected types are stored with
 * the smaller person id first, so a pair and type exist once; REPORTS_TO is
 * stored subordinate → manager. `person_a`/`person_b` are the ends as one id
 * space for graph walks.
 */
@Entity('relationship')
@Check('ck_relationship_a_one_person', '(a_staff_id IS NULL) <> (a_contact_id IS NULL)')
@Check('ck_relationship_b_one_person', '(b_staff_id IS NULL) <> (b_contact_id IS NULL)')
@Check('ck_relationship_person_a', 'person_a = coalesce(a_staff_id, a_contact_id)')
@Check('ck_relationship_person_b', 'person_b = coalesce(b_staff_id, b_contact_id)')
@Check('ck_relationship_not_self', 'person_a <> person_b')
@Check('ck_relationship_strength', 'strength BETWEEN 1 AND 5')
@Check('ck_relationship_canonical', `type = 'REPORTS_TO' OR person_a < person_b`)
@Index('uq_relationship_pair', ['personA', 'personB', 'type'], { unique: true })
export class RelationshipEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'enum', enum: RelationshipType, enumName: 'relationship_type' })
  type!: RelationshipType;

  @Column({ type: 'uuid', nullable: true })
  aStaffId!: string | null;

  @ManyToOne('StaffEntity', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'a_staff_id', foreignKeyConstraintName: 'fk_relationship_a_staff' })
  aStaff?: StaffEntity;

  @Column({ type: 'uuid', nullable: true })
  aContactId!: string | null;

  @ManyToOne('ContactEntity', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'a_contact_id', foreignKeyConstraintName: 'fk_relationship_a_contact' })
  aContact?: ContactEntity;

  @Column({ type: 'uuid', nullable: true })
  bStaffId!: string | null;

  @ManyToOne('StaffEntity', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'b_staff_id', foreignKeyConstraintName: 'fk_relationship_b_staff' })
  bStaff?: StaffEntity;

  @Column({ type: 'uuid', nullable: true })
  bContactId!: string | null;

  @ManyToOne('ContactEntity', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'b_contact_id', foreignKeyConstraintName: 'fk_relationship_b_contact' })
  bContact?: ContactEntity;

  @Index('ix_relationship_person_a')
  @Column({ type: 'uuid' })
  personA!: string;

  @Index('ix_relationship_person_b')
  @Column({ type: 'uuid' })
  personB!: string;

  @Column({ type: 'smallint' })
  strength!: number;

  @Column({ type: 'date', nullable: true })
  since!: string | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  note!: string | null;

  @Column({ type: 'uuid' })
  recordedById!: string;

  @ManyToOne('StaffEntity', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'recorded_by_id', foreignKeyConstraintName: 'fk_relationship_recorded_by' })
  recordedBy?: StaffEntity;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
