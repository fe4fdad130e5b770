/**
 * Concurrent misses for the same key computed once: the first caller computes, the others wait for
 * its outcome. What the others get is the leader's stored entry, or `undefined` when the leader's
 * answer was not stored (not cacheable, an error, or a change committed meanwhile), in which case
 * each computes its own: a follower is never handed an answer the cache itself refused.
 */
export class SingleFlight<T> {
  private readonly flights = new Map<string, Promise<T | undefined>>();

  constructor(private readonly enabled = true) {}

  /** The flight in progress for `key`, if another caller is computing it. */
  pending(key: string): Promise<T | undefined> | undefined {
    return this.enabled ? this.flights.get(key) : undefined;
  }

  /** Runs `compute` as the leader for `key`; followers see what it resolves to. */
  async lead(key: string, compute: () => Promise<T | undefined>): Promise<T | undefined> {
    if (!this.enabled) return compute();
    let settle!: (value: T | undefined) => void;
    this.flights.set(key, new Promise<T | undefined>((resolve) => (settle = resolve)));
    let outcome: T | undefined;
    try {
      outcome = await compute();
      return outcome;
    } finally {
      this.flights.delete(key);
      settle(outcome);
    }
  }

  get size() {
    return this.flights.size;
  }
}
