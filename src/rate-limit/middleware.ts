import crypto from 'crypto';
import type { Core } from '@strapi/strapi';
import { applyDecision, rateLimitConfig, rateLimiter } from '.';
import { isContentApiPath } from '../public-api/content-api-request';

const bearerToken = (authorization: string) => /^Bearer\s+(\S+)$/i.exec(authorization)?.[1];

/**
 * Per-client limit on the public REST API (/api/*). It sits after global::http-cache, which
 * answers cached reads before the chain, so only requests that reach Strapi are counted.
 * A client is its IP address (the proxy's X-Forwarded-For when TRUST_PROXY is on), or its API
 * token when it sends one. Requests whose token turns out invalid are also counted against their
 * IP, so made-up tokens do not buy a fresh window each.
 */
export default (_config: unknown, { strapi }: { strapi: Core.Strapi }) => {
  const { enabled } = rateLimitConfig(strapi);
  const prefix = strapi.config.get('api.rest.prefix', '/api') as string;
  const limiter = rateLimiter(strapi, 'api');
  const invalidTokens = rateLimiter(strapi, 'api-invalid-tokens');

  return async (ctx: any, next: () => Promise<unknown>) => {
    // Preflights are answered by strapi::cors before any work is done.
    if (!enabled || ctx.method === 'OPTIONS' || !isContentApiPath(ctx.path, prefix)) return next();

    const token = bearerToken(ctx.get('Authorization'));
    const client = token ? `token:${crypto.createHash('sha256').update(token).digest('hex')}` : `ip:${ctx.ip}`;
    if (token) {
      const refused = invalidTokens.exceeded(`ip:${ctx.ip}`);
      if (refused) applyDecision(ctx, refused);
    }
    applyDecision(ctx, limiter.hit(client));
    const countIfInvalidToken = (status: number | undefined) => {
      if (token && status === 401) invalidTokens.hit(`ip:${ctx.ip}`);
    };
    try {
      await next();
    } catch (error: any) {
      countIfInvalidToken(error?.name === 'UnauthorizedError' ? 401 : error?.status);
      throw error;
    }
    countIfInvalidToken(ctx.status);
  };
};
