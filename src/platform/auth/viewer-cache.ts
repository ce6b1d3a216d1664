import type { Viewer } from './viewer';

/** The longest a signed-in user is remembered: a deactivation bites on every instance within this (DOMAIN.md: People and rules). */
export const MAX_VIEWER_CACHE_MS = 1000;

/** Every cache of this process, so that a deactivation can evict its user from all of them (forgetViewer). */
const caches = new Set<WeakRef<ViewerCache>>();

/**
 * Who a signed-in user is, kept for a few seconds so that a busy client does
 * not read the staff table on every request. An entry lives `ttlMs`; a
 * deactivation made through the API evicts its user at once (forgetViewer),
 * one made behind the API's back, or on another instance, takes effect at
 * the latest `ttlMs` later (VIEWER_CACHE_MS, never more than MAX_VIEWER_CACHE_MS). Unknown users are not cached, so a new account works at once.
 */
export class ViewerCache {
  private readonly entries = new Map<string, { viewer: Viewer; expires: number }>();

  private readonly ttlMs: number;

  constructor(
    ttlMs: number,
    private readonly maxEntries = 10000,
  ) {
    this.ttlMs = Math.min(ttlMs, MAX_VIEWER_CACHE_MS);
    caches.add(new WeakRef(this));
  }

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

  forget(employeeNo: string): void {
    this.entries.delete(employeeNo);
  }
}

/**
 * Drops a user from every viewer cache of this process, so that their next
 * request reads them again (and is refused when they were deactivated). Call
 * it after the deactivation committed (STYLE.md: side effects after commit).
 */
export function forgetViewer(employeeNo: string): void {
  for (const ref of caches) {
    const cache = ref.deref();
    if (cache) cache.forget(employeeNo);
    else caches.delete(ref);
  }
}
