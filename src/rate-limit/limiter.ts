import { LRUCache } from 'lru-cache';

export type RateLimitDecision = { allowed: boolean; limit: number; remaining: number; retryAfterSeconds: number };

type Window = { count: number; resetAt: number };

/**
 * Fixed-window request counter per client key. At most `maxClients` windows are kept (least
 * recently used dropped first), so memory stays bounded however many clients call.
 */
export class FixedWindowLimiter {
  private readonly windows: LRUCache<string, Window>;

  constructor(
    private readonly options: { max: number; windowMs: number; maxClients: number; now?: () => number },
  ) {
    this.windows = new LRUCache<string, Window>({ max: options.maxClients });
  }

  private now() {
    return this.options.now ? this.options.now() : Date.now();
  }

  private current(key: string): Window {
    const now = this.now();
    const window = this.windows.get(key);
    if (window && window.resetAt > now) return window;
    const fresh = { count: 0, resetAt: now + this.options.windowMs };
    this.windows.set(key, fresh);
    return fresh;
  }

  private decision(window: Window): RateLimitDecision {
    const { max } = this.options;
    return {
      allowed: window.count <= max,
      limit: max,
      remaining: Math.max(0, max - window.count),
      retryAfterSeconds: Math.max(1, Math.ceil((window.resetAt - this.now()) / 1000)),
    };
  }

  /** Counts one request for `key` and says whether it is within the limit. */
  hit(key: string): RateLimitDecision {
    const window = this.current(key);
    window.count += 1;
    return this.decision(window);
  }

  /** Whether `key` has already gone over the limit in this window, without counting a request. */
  exceeded(key: string): RateLimitDecision | undefined {
    const window = this.windows.peek(key);
    if (!window || window.resetAt <= this.now() || window.count <= this.options.max) return undefined;
    return this.decision(window);
  }

  get size() {
    return this.windows.size;
  }
}
