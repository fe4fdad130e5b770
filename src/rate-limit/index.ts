import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { FixedWindowLimiter, type RateLimitDecision } from './limiter';

export type RateLimitConfig = { enabled: boolean; max: number; windowSeconds: number; maxClients: number };

export const rateLimitConfig = (strapi: Core.Strapi): RateLimitConfig => strapi.config.get('rate-limit') as RateLimitConfig;

const limiters = new WeakMap<Core.Strapi, Map<string, FixedWindowLimiter>>();

/** One limiter per purpose (public API, XLIFF import) and app, each with its own client windows. */
export const rateLimiter = (strapi: Core.Strapi, purpose: string): FixedWindowLimiter => {
  let byPurpose = limiters.get(strapi);
  if (!byPurpose) limiters.set(strapi, (byPurpose = new Map()));
  let limiter = byPurpose.get(purpose);
  if (!limiter) {
    const { max, windowSeconds, maxClients } = rateLimitConfig(strapi);
    limiter = new FixedWindowLimiter({ max, windowMs: windowSeconds * 1000, maxClients });
    byPurpose.set(purpose, limiter);
  }
  return limiter;
};

/** RateLimit-* headers on every counted answer; on a refusal Retry-After and a 429 Strapi error. */
export const applyDecision = (ctx: any, decision: RateLimitDecision) => {
  ctx.set('RateLimit-Limit', String(decision.limit));
  ctx.set('RateLimit-Remaining', String(decision.remaining));
  ctx.set('RateLimit-Reset', String(decision.retryAfterSeconds));
  if (decision.allowed) return;
  ctx.set('Retry-After', String(decision.retryAfterSeconds));
  throw new errors.RateLimitError(`Too many requests: at most ${decision.limit} per client in each window; try again in ${decision.retryAfterSeconds} s`, {
    retryAfterSeconds: decision.retryAfterSeconds,
  });
};

/** Route middleware: the same limit per signed-in admin user (after the route's authentication). */
export const perAdminUserRateLimit = (strapi: Core.Strapi, purpose: string) => {
  const { enabled } = rateLimitConfig(strapi);
  const limiter = rateLimiter(strapi, purpose);
  return async (ctx: any, next: () => Promise<unknown>) => {
    if (enabled) applyDecision(ctx, limiter.hit(`admin:${ctx.state.user?.id ?? ctx.ip}`));
    await next();
  };
};
