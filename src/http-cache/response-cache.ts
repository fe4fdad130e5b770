import { LRUCache } from 'lru-cache';

export type CachedResponse = { headers: Record<string, string>; body: Buffer; etag: string };

export type ResponseCacheOptions = { maxEntries: number; maxBytes: number; ttlMs: number };

/**
 * Public GET responses, bounded by entries and bytes (least recently used go first) and by age:
 * invalidation is what keeps them fresh, the lifetime only bounds the damage should a clear ever
 * be missed (an instance that did not hear another's notification). `clear()` empties it and
 * starts a new generation: a response computed while content was changing (it started before the
 * clear) is not stored, so no stale entry survives a write.
 */
export class ResponseCache {
  private readonly entries: LRUCache<string, CachedResponse>;
  private generationCounter = 0;
  private readonly clearListeners = new Set<(reason: string) => void>();

  constructor({ maxEntries, maxBytes, ttlMs }: ResponseCacheOptions) {
    this.entries = new LRUCache<string, CachedResponse>({
      max: maxEntries,
      maxSize: maxBytes,
      ttl: ttlMs,
      sizeCalculation: (entry, key) => entry.body.length + key.length + 512,
    });
  }

  get generation() {
    return this.generationCounter;
  }

  get size() {
    return this.entries.size;
  }

  get(key: string) {
    return this.entries.get(key);
  }

  /** Stores unless the cache was cleared since `generation` was read (the response may be stale). */
  set(key: string, response: CachedResponse, generation: number) {
    if (generation !== this.generationCounter) return false;
    this.entries.set(key, response);
    return true;
  }

  clear(reason = 'content changed') {
    this.generationCounter += 1;
    this.entries.clear();
    for (const listener of this.clearListeners) listener(reason);
  }

  /** Called after every clear: the hook for telling other instances (see the scale-out issue). */
  onClear(listener: (reason: string) => void) {
    this.clearListeners.add(listener);
    return () => this.clearListeners.delete(listener);
  }
}
