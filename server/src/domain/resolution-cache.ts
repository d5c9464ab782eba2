/**
 * A short-lived cache for the expensive, rarely-changing part of session resolution (key →
 * partner → agent → persona → entitlements), keyed by (key hash, agent id). Any write that
 * changes one of those calls `invalidatePartner`, which NOTIFYs every instance on the same
 * database (Postgres LISTEN/NOTIFY; in-process on PGlite), so a revoked key or a paused agent
 * is refused everywhere within about a second, not after the TTL.
 */
import type { Database } from "../db/client";
import type { Logger } from "../logger";

export const invalidationChannel = "parley_invalidate";

export interface ResolutionCache<T> {
  get(key: string): T | undefined;
  set(key: string, partnerId: string, value: T): void;
  /** Drops this partner's entries on this instance only (after a committed write). */
  dropLocal(partnerId: string): void;
  /** Drops this partner's entries here and on every other instance. */
  invalidatePartner(partnerId: string): Promise<void>;
  /** Starts listening for other instances' invalidations. */
  start(): Promise<void>;
  close(): Promise<void>;
  readonly size: number;
}

export function createResolutionCache<T>(options: {
  database: Database;
  ttlMs: number;
  now: () => Date;
  log?: Logger;
  maxEntries?: number;
}): ResolutionCache<T> {
  const entries = new Map<string, { partnerId: string; value: T; expires: number }>();
  const maxEntries = options.maxEntries ?? 10_000;
  let unlisten: (() => Promise<void>) | undefined;

  const dropPartner = (partnerId: string) => {
    for (const [key, entry] of entries) if (entry.partnerId === partnerId) entries.delete(key);
  };

  return {
    get(key) {
      const entry = entries.get(key);
      if (!entry) return undefined;
      if (entry.expires <= options.now().getTime()) {
        entries.delete(key);
        return undefined;
      }
      return entry.value;
    },
    set(key, partnerId, value) {
      if (entries.size >= maxEntries) {
        // Maps iterate in insertion order: the first key is the oldest.
        const oldest = entries.keys().next().value;
        if (oldest !== undefined) entries.delete(oldest);
      }
      entries.set(key, { partnerId, value, expires: options.now().getTime() + options.ttlMs });
    },
    dropLocal: dropPartner,
    async invalidatePartner(partnerId) {
      dropPartner(partnerId);
      await options.database.notify(invalidationChannel, partnerId);
    },
    async start() {
      unlisten ??= await options.database.listen(invalidationChannel, (partnerId) => {
        dropPartner(partnerId);
      });
    },
    async close() {
      await unlisten?.();
      unlisten = undefined;
      entries.clear();
    },
    get size() {
      return entries.size;
    },
  };
}
