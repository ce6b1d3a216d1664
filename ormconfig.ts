import 'reflect-metadata';
import { createDataSource } from './src/platform/database';

/**
 * The DataSource for the TypeORM CLI (`npm run migration:generate -- migrations/Name`).
 * The server builds its own from the same definition in src/platform/database.ts.
 */
const url = process.env.DATABASE_URL;
if (!url) {
  throw new Error('DATABASE_URL must be set for the TypeORM CLI (npm start prints the embedded one)');
}
export default createDataSource({ url });
