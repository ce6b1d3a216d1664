import { Check, Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * Up to when care falling due has been announced to subscribers
 * (careDueChanged, care-due-events.ts): one row, moved forward by the
 * scheduled check in the transaction that announces what fell due before it.
 */
@Entity('care_due_check')
@Check('ck_care_due_check_one_row', 'id = 1')
export class CareDueCheckEntity {
  @PrimaryColumn({ type: 'int' })
  id!: number;

  @Column({ type: 'timestamptz' })
  checkedUntil!: Date;
}
