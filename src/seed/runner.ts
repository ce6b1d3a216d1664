import { DataSource, EntityManager } from 'typeorm';
import type { Logger } from '../platform/logger';
import { SeedRunEntity } from './seed-run.entity';

/** A named piece of demo data; it runs once per database, in one transaction. */
export interface SeedStep {
  name: string;
  run(tx: EntityManager): Promise<void>;
}

/**
 * Runs the steps that have not run on this database yet, in order. An
 * advisory lock keeps two starting servers from loading the same step twice.
 */
export async function runSeedSteps(db: DataSource, steps: SeedStep[], log: Logger): Promise<string[]> {
  const ran: string[] = [];
  for (const step of steps) {
    const done = await db.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', ['group-crm:seed']);
      if (await tx.getRepository(SeedRunEntity).existsBy({ step: step.name })) return false;
      await step.run(tx);
      await tx.getRepository(SeedRunEntity).insert({ step: step.name });
      return true;
    });
    if (done) {
      ran.push(step.name);
      log.info({ step: step.name }, 'demo data loaded');
    }
  }
  return ran;
}
