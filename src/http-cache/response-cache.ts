import { LRUCache } from 'lru-cache';
import { ALL_TAG } from './tags';
import type { Encoded } from './compression';

export type CachedResponse = {
  headers: Record<string, string>;
  body: Buffer;
  etag: string;
  /** What the response was computed from (src/http-cache/tags.ts). */
  tags: readonly string[];
  /** The body compressed once, when stored, so that a hit costs the same whatever the client accepts. */
  encoded?: Encoded;
};

export type ResponseCacheOptions = {
  maxEntries: number;
  maxBytes: number;
  ttlMs: number;
  /** `false` empties the whole cache on every invalidation (the behaviour before tags; for comparison runs). */
  precise?: boolean;
};

/** Which tags an invalidation named, or every entry. */
export type Invalidation = { tags: readonly string[] | 'all'; reason: string; origin: 'local' | 'remote' | 'reconnect' };

/** Invalidations remembered to decide whether a response computed since then may still be stored. */
const REMEMBERED_INVALIDATIONS = 1024;

/**
 * Public GET responses, bounded by entries and bytes (least recently used go first) and by age:
 * invalidation is what keeps them fresh, the lifetime only bounds the damage should an
 * invalidation ever be missed (an instance that did not hear another's notification).
 *
 * `invalidate(tags)` drops the entries carrying any of the tags. A response computed while a
 * change was committing must not be stored if the change touched it: `mark()` is read before
 * computing, and `set()` refuses when an invalidation since that mark names one of the
 * response's tags, so no stale entry survives a write.
 */
export class ResponseCache {
  private readonly entries: LRUCache<string, CachedResponse>;
  private readonly keysByTag = new Map<string, Set<string>>();
  private readonly recent: Array<{ sequence: number; tags: ReadonlySet<string> | 'all' }> = [];
  private sequence = 0;
  private readonly listeners = new Set<(invalidation: Invalidation) => void>();
  readonly precise: boolean;

  constructor({ maxEntries, maxBytes, ttlMs, precise = true }: ResponseCacheOptions) {
    this.precise = precise;
    this.entries = new LRUCache<string, CachedResponse>({
      max: maxEntries,
      maxSize: maxBytes,
      ttl: ttlMs,
      sizeCalculation: (entry, key) =>
        entry.body.length + (entry.encoded?.br?.length ?? 0) + (entry.encoded?.gzip?.length ?? 0) + key.length + 512 + entry.tags.length * 32,
      // Evicted, expired, replaced or invalidated: the tag index forgets the key too.
      dispose: (entry, key) => this.unindex(key, entry.tags),
    });
  }

  /** Where the invalidation history stands: read before computing a response, pass to `set`. */
  mark() {
    return this.sequence;
  }

  get size() {
    return this.entries.size;
  }

  get(key: string) {
    return this.entries.get(key);
  }

  /** Stores unless an invalidation since `mark` touched the response (it may be stale). */
  set(key: string, response: CachedResponse, mark: number) {
    if (this.changedSince(mark, response.tags)) return false;
    this.entries.set(key, response);
    for (const tag of response.tags) {
      let keys = this.keysByTag.get(tag);
      if (!keys) this.keysByTag.set(tag, (keys = new Set()));
      keys.add(key);
    }
    return true;
  }

  /** Drops the entries carrying any of `tags` ('all': every entry) and tells the listeners. */
  invalidate(tags: readonly string[] | 'all', reason: string, origin: Invalidation['origin'] = 'local') {
    const everything = tags === 'all' || tags.includes(ALL_TAG) || !this.precise;
    this.sequence += 1;
    this.recent.push({ sequence: this.sequence, tags: everything ? 'all' : new Set(tags) });
    if (this.recent.length > REMEMBERED_INVALIDATIONS) this.recent.shift();
    if (everything) {
      this.entries.clear();
      this.keysByTag.clear();
    } else {
      for (const tag of tags) for (const key of [...(this.keysByTag.get(tag) ?? [])]) this.entries.delete(key);
    }
    const invalidation: Invalidation = { tags: everything ? 'all' : [...tags], reason, origin };
    for (const listener of this.listeners) listener(invalidation);
  }

  clear(reason = 'content changed', origin: Invalidation['origin'] = 'local') {
    this.invalidate('all', reason, origin);
  }

  /** Called after every invalidation: the hook for telling other instances and the edge cache. */
  onInvalidate(listener: (invalidation: Invalidation) => void) {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Whether an invalidation since `mark` named one of `tags` (or everything). */
  changedSince(mark: number, tags: readonly string[]) {
    if (mark === this.sequence) return false;
    // Older than what is remembered: cannot tell, so do not store.
    if (this.recent.length === 0 || this.recent[0].sequence > mark + 1) return true;
    return this.recent.some((entry) => entry.sequence > mark && (entry.tags === 'all' || tags.some((tag) => (entry.tags as ReadonlySet<string>).has(tag))));
  }

  private unindex(key: string, tags: readonly string[]) {
    for (const tag of tags) {
      const keys = this.keysByTag.get(tag);
      if (!keys) continue;
      keys.delete(key);
      if (keys.size === 0) this.keysByTag.delete(tag);
    }
  }
}
