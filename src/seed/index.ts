import { DataSource } from 'typeorm';
import type { Logger } from '../platform/logger';
import { contactsSeed } from './contacts.seed';
import { organisationSeed } from './organisation.seed';
import { runSeedSteps, SeedStep } from './runner';

/** The demo data, in the order it loads; later issues append their steps. */
/** contactsSeed gives every demo customer its people, so it comes after the step that loads the customers. */
export const demoSeedSteps: SeedStep[] = [organisationSeed, contactsSeed];

export function loadDemoData(db: DataSource, log: Logger): Promise<string[]> {
  return runSeedSteps(db, demoSeedSteps, log);
}
