import type { Viewer } from './viewer';

/**
 * Who a signed-in user is, kept for a few seconds so that a busy client does
 * not read the staff table on every request. An entry lives `ttlMs`; a
 * deactivation therefore takes effect at the latest `ttlMs` later
 * (VIEWER_CACHE_MS). Unknown users are not cached, so a new account works at once.
 */
export class ViewerCache {
  private readonly entries = new Map<string, { viewer: Viewer; expires: number }>();

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries = 10000,
  ) {}

  async get(employeeNo: string, load: (employeeNo: string) => Promise<Viewer | null>): Promise<Viewer | null> {
    if (this.ttlMs <= 0) return load(employeeNo);
    const now = Date.now();
    const hit = this.entries.get(employeeNo);
    if (hit && hit.expires > now) return hit.viewer;
    const viewer = await load(employeeNo);
    if (viewer) {
      // Oldest out first: a Map iterates in insertion order.
      if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
      this.entries.delete(employeeNo);
      this.entries.set(employeeNo, { viewer, expires: now + this.ttlMs });
    } else {
      this.entries.delete(employeeNo);
    }
    return viewer;
  }
}
