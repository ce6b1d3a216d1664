import { DataSource } from 'typeorm';
import type { Logger } from '../platform/logger';
import { opportunitiesSeed } from './opportunities.seed';
import { organisationSeed } from './organisation.seed';
import { runSeedSteps, SeedStep } from './runner';

/** The demo data, in the order it loads; later issues append their steps. */
export const demoSeedSteps: SeedStep[] = [organisationSeed, opportunitiesSeed];

export function loadDemoData(db: DataSource, log: Logger): Promise<string[]> {
  return runSeedSteps(db, demoSeedSteps, log);
}
