/**
 * What the platform is given to run this app: the modules' and the seed's
 * entities and the migrations. The platform imports none of them;
 * main.ts, the CLI, ormconfig.ts, the tests and the bench compose from here.
 */
import type { DataSource } from 'typeorm';
import { allMigrations } from '../migrations';
import { moduleEntities } from './modules/entities';
import { createDataSource, DataModel, DatabaseOptions } from './platform/database';
import { SeedRunEntity } from './seed/seed-run.entity';

/** Every table the app keeps; the migrations must agree with these (tests/platform/schema-and-migrations.test.ts). */
export const appDataModel: DataModel = { entities: [...moduleEntities, SeedRunEntity], migrations: allMigrations };

export function createAppDataSource(options: DatabaseOptions): DataSource {
  return createDataSource(appDataModel, options);
}
