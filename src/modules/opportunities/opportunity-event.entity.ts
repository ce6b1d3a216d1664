import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { StaffEntity } from '../organisation/staff.entity';
import { OpportunityStage } from './opportunity.enums';
import { OpportunityEntity } from './opportunity.entity';

/** One entry of an opportunity's history: every transition and edit (DOMAIN.md: Lifecycle). Append-only. */
@Entity('opportunity_event')
@Index('ix_opportunity_event_opportunity', ['opportunityId', 'at'])
export class OpportunityEventEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  opportunityId!: string;

  @ManyToOne(() => OpportunityEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'opportunity_id', foreignKeyConstraintName: 'fk_opportunity_event_opportunity' })
  opportunity?: OpportunityEntity;

  /** CREATE, REPORT, UPDATE or a lifecycle action (lifecycle.ts). */
  @Column({ type: 'varchar', length: 32 })
  action!: string;

  @Column({ type: 'enum', enum: OpportunityStage, enumName: 'opportunity_stage', nullable: true })
  fromStage!: OpportunityStage | null;

  @Column({ type: 'enum', enum: OpportunityStage, enumName: 'opportunity_stage', nullable: true })
  toStage!: OpportunityStage | null;

  @Column({ type: 'uuid' })
  actorId!: string;

  @ManyToOne('StaffEntity', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'actor_id', foreignKeyConstraintName: 'fk_opportunity_event_actor' })
  actor?: StaffEntity;

  @Column({ type: 'uuid', nullable: true })
  onBehalfOfId!: string | null;

  @ManyToOne('StaffEntity', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'on_behalf_of_id', foreignKeyConstraintName: 'fk_opportunity_event_on_behalf_of' })
  onBehalfOf?: StaffEntity;

  /** The actor was a partner's user: partners may see their own entries in full. */
  @Column({ type: 'boolean', default: false })
  byPartner!: boolean;

  @Column({ type: 'varchar', length: 1000, nullable: true })
  comment!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  at!: Date;
}
