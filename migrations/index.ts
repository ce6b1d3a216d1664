import { Initial1795434418901 } from './1795434418901-initial';

/** Every migration, in order. `npm run migration:generate -- Name` writes a new one; add it here. */
export const allMigrations: Function[] = [Initial1795434418901];
