import type { Core } from '@strapi/strapi';
import { cacheKey } from '../http-cache/cache-key';
import { ifNoneMatchHits, strongEtag } from '../http-cache/etag';
import { httpCacheConfig, responseCache } from '../http-cache';
import { readOnlyTokenChecker } from '../http-cache/read-only-tokens';

/** Headers that describe one transfer, not the resource: never replayed from the cache. */
const PER_RESPONSE_HEADERS = new Set(['set-cookie', 'date', 'content-length', 'connection', 'keep-alive', 'transfer-encoding', 'content-encoding', 'x-response-time']);

const bodyBytes = (body: unknown): Buffer | undefined => {
  if (Buffer.isBuffer(body)) return body;
  if (typeof body === 'string') return Buffer.from(body);
  if (body && typeof body === 'object' && typeof (body as any).pipe !== 'function') return Buffer.from(JSON.stringify(body));
  return undefined;
};

/**
 * HTTP caching of the public REST API. Every GET gets a strong ETag and Cache-Control, and
 * If-None-Match answers 304. Public (and read-only-token) responses are kept in a shared,
 * size-bounded cache that answers before the rest of the middleware chain runs; any content
 * change empties it (src/document-middlewares/cache-invalidation.ts), so a response is never
 * older than the last write.
 */
export default (_config: unknown, { strapi }: { strapi: Core.Strapi }) => {
  const prefix = `${strapi.config.get('api.rest.prefix', '/api')}/`;
  const { enabled, maxAge, staleWhileRevalidate } = httpCacheConfig(strapi);
  const cache = responseCache(strapi);
  const isReadOnlyToken = readOnlyTokenChecker(strapi);
  const publicCacheControl = `public, max-age=${maxAge}, stale-while-revalidate=${staleWhileRevalidate}`;

  return async (ctx: any, next: () => Promise<unknown>) => {
    if ((ctx.method !== 'GET' && ctx.method !== 'HEAD') || !ctx.path.startsWith(prefix)) return next();

    const authorization: string = ctx.get('Authorization');
    // A token that cannot be checked (database down) is not shared: the request goes on uncached and
    // its own authentication answers (503 from database-unavailable).
    const shared = authorization === '' || (await isReadOnlyToken(authorization).catch(() => false));
    const key = shared && enabled ? cacheKey(ctx.path, ctx.querystring, ctx.get('Origin')) : undefined;

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

    ctx.body = body;
    const etag = strongEtag(body);
    ctx.set('ETag', etag);
    ctx.set('Cache-Control', shared ? publicCacheControl : 'private, no-cache');
    ctx.vary('Origin');
    ctx.vary('Accept-Encoding');
    if (!shared) ctx.vary('Authorization');
    if (key) {
      const headers = Object.fromEntries(
        Object.entries(ctx.response.headers as Record<string, unknown>)
          .filter(([name]) => !PER_RESPONSE_HEADERS.has(name))
          .map(([name, value]) => [name, String(value)]),
      );
      cache.set(key, { headers, body, etag }, generation);
      ctx.set('X-Cache', 'MISS');
    }
    if (ifNoneMatchHits(ctx.get('If-None-Match'), etag)) ctx.status = 304;
  };
};
