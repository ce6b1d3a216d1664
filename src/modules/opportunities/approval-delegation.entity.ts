import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { StaffEntity } from '../organisation/staff.entity';

/** 代理审批 — a leader hands their approvals to another leader for a period (DOMAIN.md: Approval routing). */
@Entity('approval_delegation')
@Index('ix_approval_delegation_to', ['toId', 'validUntil'])
@Check('ck_approval_delegation_period', 'valid_until > valid_from')
@Check('ck_approval_delegation_two_people', 'from_id <> to_id')
export class ApprovalDelegationEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index('ix_approval_delegation_from')
  @Column({ type: 'uuid' })
  fromId!: string;

  @ManyToOne('StaffEntity', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'from_id', foreignKeyConstraintName: 'fk_approval_delegation_from' })
  from?: StaffEntity;

  @Column({ type: 'uuid' })
  toId!: string;

  @ManyToOne('StaffEntity', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'to_id', foreignKeyConstraintName: 'fk_approval_delegation_to' })
  to?: StaffEntity;

  @Column({ type: 'timestamptz' })
  validFrom!: Date;

  @Column({ type: 'timestamptz' })
  validUntil!: Date;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
