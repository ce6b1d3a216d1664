import type { DataSource } from 'typeorm';
import type { StaffEntity } from './staff.entity';

/**
 * Staff rows as lists show them — the first responder and handler of each
 * complaint in a queue, an opportunity's reporter and owner — kept per
 * database for VIEWER_CACHE_MS, as the signed-in user's own row is
 * (platform/auth/viewer-cache.ts), so that a page of twenty complaints does
 * not join the staff table twice or read it again. A change made through the
 * API clears this instance's rows at once (`forget`); one made on another
 * instance or behind the API's back shows at the latest VIEWER_CACHE_MS
 * later. Rows only: who may see which is decided per request
 * (organisationPolicy.seesStaff), and unknown ids are not kept.
 */
const directories = new WeakMap<DataSource, Map<string, { row: StaffEntity; until: number }>>();

export const staffDirectory = {
  /** The rows of `ids` kept and still fresh, and the ids to read. */
  read(db: DataSource, ids: readonly string[]): { found: Map<string, StaffEntity>; missing: string[] } {
    const kept = directories.get(db);
    const found = new Map<string, StaffEntity>();
    const missing: string[] = [];
    const now = Date.now();
    for (const id of ids) {
      const hit = kept?.get(id);
      if (hit && hit.until > now) found.set(id, hit.row);
      else missing.push(id);
    }
    return { found, missing };
  },

  keep(db: DataSource, rows: readonly StaffEntity[], ttlMs: number): void {
    let kept = directories.get(db);
    if (!kept) directories.set(db, (kept = new Map()));
    const until = Date.now() + ttlMs;
    for (const row of rows) kept.set(row.id, { row, until });
  },

  /** After a change to any member of staff: this instance reads them all again. */
  forget(db: DataSource): void {
    directories.delete(db);
  },
};
