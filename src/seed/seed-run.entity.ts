import { CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** One row per demo-data step that has run, so `npm run seed` never loads the same data twice. */
@Entity('seed_run')
export class SeedRunEntity {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  step!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  ranAt!: Date;
}
