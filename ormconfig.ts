import 'reflect-metadata';
import { createAppDataSource } from './src/app';

/**
 * The DataSource for the TypeORM CLI (`npm run migration:generate -- migrations/Name`).
 * The server builds its own from the same definition in src/app.ts.
 */
const url = process.env.DATABASE_URL;
if (!url) {
  throw new Error('DATABASE_URL must be set for the TypeORM CLI (npm start prints the embedded one)');
}
export default createAppDataSource({ url });
