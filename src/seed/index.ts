import { DataSource } from 'typeorm';
import type { Logger } from '../platform/logger';
import { customersSeed } from './customers.seed';
import { organisationSeed } from './organisation.seed';
import { relationshipsSeed } from './relationships.seed';
import { runSeedSteps, SeedStep } from './runner';

/** The demo data, in the order it loads; later issues append their steps. */
export const demoSeedSteps: SeedStep[] = [organisationSeed, customersSeed, relationshipsSeed];

export function loadDemoData(db: DataSource, log: Logger): Promise<string[]> {
  return runSeedSteps(db, demoSeedSteps, log);
}
