import type { Core } from '@strapi/strapi';
import { cacheKey } from './cache-key';
import { ifNoneMatchHits, strongEtag } from './etag';
import { httpCacheConfig, responseCache } from '.';
import { readOnlyTokenChecker } from './caller-class';
import { isContentApiPath, isPublicRoute, type MatchedRoute } from '../public-api/content-api-request';

/**
 * Headers that describe one transfer or one caller, not the resource: never replayed from the
 * cache (a replayed RateLimit-Remaining would be someone else's count).
 */
const PER_RESPONSE_HEADERS = new Set([
  'set-cookie', 'date', 'content-length', 'connection', 'keep-alive', 'transfer-encoding', 'content-encoding', 'x-response-time',
  'x-cache', 'ratelimit-limit', 'ratelimit-remaining', 'ratelimit-reset', 'retry-after',
]);

/**
 * Who shares cached answers: callers whose permissions give the same answer to the same request.
 * Anonymous callers share the Public role's answers; read-only API tokens all have the same
 * permissions, so they share theirs (apart from the public's). Anyone else is never cached.
 */
type CallerClass = 'public' | 'read-only';

const bodyBytes = (body: unknown): Buffer | undefined => {
  if (Buffer.isBuffer(body)) return body;
  if (typeof body === 'string') return Buffer.from(body);
  if (body && typeof body === 'object' && typeof (body as any).pipe !== 'function') return Buffer.from(JSON.stringify(body));
  return undefined;
};

/**
 * HTTP caching of the REST API. Every GET gets a strong ETag and Cache-Control, and If-None-Match
 * answers 304. Answers to anonymous callers and read-only tokens are kept in a shared,
 * size- and age-bounded cache that answers before the rest of the middleware chain runs; any
 * content change empties it once committed (src/document-middlewares/cache-invalidation.ts).
 *
 * An answer is stored only when the route that produced it is one the Public role may call
 * (known after routing, from the route Strapi matched, whatever the spelling of the path), and
 * only ever served to callers of the class it was computed for. Only the public's answers are
 * `Cache-Control: public`; a CDN may share those and nothing else.
 */
export default (_config: unknown, { strapi }: { strapi: Core.Strapi }) => {
  const prefix = strapi.config.get('api.rest.prefix', '/api') as string;
  const { enabled, maxAge, staleWhileRevalidate } = httpCacheConfig(strapi);
  const cache = responseCache(strapi);
  const isReadOnlyToken = readOnlyTokenChecker(strapi);
  const publicCacheControl = `public, max-age=${maxAge}, stale-while-revalidate=${staleWhileRevalidate}`;

  const callerClass = async (authorization: string): Promise<CallerClass | undefined> => {
    if (authorization === '') return 'public';
    // A token that cannot be checked (database down) is not shared: the request goes on uncached
    // and its own authentication answers (503 from database-unavailable).
    return (await isReadOnlyToken(authorization).catch(() => false)) ? 'read-only' : undefined;
  };

  return async (ctx: any, next: () => Promise<unknown>) => {
    if ((ctx.method !== 'GET' && ctx.method !== 'HEAD') || !isContentApiPath(ctx.path, prefix)) return next();

    const caller = await callerClass(ctx.get('Authorization'));
    const key = caller && enabled ? `${caller} ${cacheKey(ctx.path, ctx.querystring, ctx.get('Origin'))}` : undefined;

    const hit = key ? cache.get(key) : undefined;
    if (hit) {
      ctx.set(hit.headers);
      ctx.set('X-Cache', 'HIT');
      ctx.status = 200;
      ctx.body = hit.body;
      if (ifNoneMatchHits(ctx.get('If-None-Match'), hit.etag)) ctx.status = 304;
      return;
    }

    const generation = cache.generation;
    await next();
    if (ctx.status !== 200) return;
    const body = bodyBytes(ctx.body);
    if (!body) return;

    const publicRoute = isPublicRoute(ctx.state.route as MatchedRoute | undefined);
    ctx.body = body;
    const etag = strongEtag(body);
    ctx.set('ETag', etag);
    ctx.set('Cache-Control', caller === 'public' && publicRoute ? publicCacheControl : 'private, no-cache');
    ctx.vary('Origin');
    ctx.vary('Accept-Encoding');
    if (caller !== 'public') ctx.vary('Authorization');
    if (key && publicRoute) {
      const headers = Object.fromEntries(
        Object.entries(ctx.response.headers as Record<string, unknown>)
          .filter(([name]) => !PER_RESPONSE_HEADERS.has(name.toLowerCase()))
          .map(([name, value]) => [name, String(value)]),
      );
      cache.set(key, { headers, body, etag }, generation);
      ctx.set('X-Cache', 'MISS');
    }
    if (ifNoneMatchHits(ctx.get('If-None-Match'), etag)) ctx.status = 304;
  };
};
