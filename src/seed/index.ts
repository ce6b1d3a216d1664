import { DataSource } from 'typeorm';
import type { Logger } from '../platform/logger';
import { contactsSeed } from './contacts.seed';
import { customersSeed } from './customers.seed';
import { followThroughSeed } from './follow-through.seed';
import { moneySeed } from './money.seed';
import { opportunitiesSeed } from './opportunities.seed';
import { organisationSeed } from './organisation.seed';
import { peopleSeed } from './people.seed';
import { relationshipsSeed } from './relationships.seed';
import { retentionSeed } from './retention.seed';
import { runSeedSteps, SeedStep } from './runner';
import { serviceSeed } from './service.seed';

/**
 * The demo data, in the order it loads; later issues append their steps.
 * Each step builds on the ones before it (contacts need the customers).
 */
export const demoSeedSteps: SeedStep[] = [organisationSeed, customersSeed, contactsSeed, opportunitiesSeed, relationshipsSeed, moneySeed, followThroughSeed, peopleSeed, serviceSeed, retentionSeed];

export function loadDemoData(db: DataSource, log: Logger): Promise<string[]> {
  return runSeedSteps(db, demoSeedSteps, log);
}
