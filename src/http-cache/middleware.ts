import type { Core } from '@strapi/strapi';
import { cacheKey } from './cache-key';
import { ifNoneMatchHits, strongEtag } from './etag';
import { edgePurger, httpCacheConfig, responseCache } from '.';
import { readOnlyTokenChecker } from './caller-class';
import { isContentApiPath, isPublicRoute, type MatchedRoute } from '../public-api/content-api-request';
import { encodeBody, encodedEtag, preferredEncoding } from './compression';
import type { CachedResponse } from './response-cache';
import { SingleFlight } from './single-flight';
import { responseTags, tagHeaders } from './tags';
import { routeKind, tagModels } from './models';

/**
 * Headers that describe one transfer or one caller, not the resource: never replayed from the
 * cache (a replayed RateLimit-Remaining would be someone else's count).
 */
const PER_RESPONSE_HEADERS = new Set([
  'set-cookie', 'date', 'content-length', 'connection', 'keep-alive', 'transfer-encoding', 'content-encoding', 'x-response-time',
  'x-cache', 'etag', 'ratelimit-limit', 'ratelimit-remaining', 'ratelimit-reset', 'retry-after',
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

const parsed = (body: unknown, bytes: Buffer): unknown => {
  if (body && typeof body === 'object' && !Buffer.isBuffer(body)) return body;
  try {
    return JSON.parse(bytes.toString('utf8'));
  } catch {
    return undefined;
  }
};

/**
 * HTTP caching of the REST API. Every GET gets a strong ETag and Cache-Control, and If-None-Match
 * answers 304. Answers to anonymous callers and read-only tokens are kept in a shared, size- and
 * age-bounded cache that answers before the rest of the middleware chain runs, with their
 * compressed variants and the tags of what they show; a change invalidates the entries carrying
 * its tags once committed (src/http-cache/invalidation.ts), here and at the edge cache.
 * Concurrent misses for one request are computed once.
 *
 * An answer is stored only when the route that produced it is one the Public role may call
 * (known after routing, from the route Strapi matched, whatever the spelling of the path), and
 * only ever served to callers of the class it was computed for. Only the public's answers are
 * `Cache-Control: public` and carry tags; a CDN may share those and nothing else.
 */
export default (_config: unknown, { strapi }: { strapi: Core.Strapi }) => {
  const prefix = strapi.config.get('api.rest.prefix', '/api') as string;
  const { enabled, maxAge, staleWhileRevalidate, edgeMaxAge, staleIfError, singleFlight, tagHeaders: tagHeaderNames, maxTags } = httpCacheConfig(strapi);
  const cache = responseCache(strapi);
  const purger = edgePurger(strapi);
  const flights = new SingleFlight<CachedResponse>(singleFlight);
  const models = tagModels(strapi);
  const isReadOnlyToken = readOnlyTokenChecker(strapi);
  const publicCacheControl = `public, max-age=${maxAge}, stale-while-revalidate=${staleWhileRevalidate}`;
  // Only when this app purges the edge may the edge keep answers longer than browsers do.
  const edgeLifetime = purger.enabled ? { 'Surrogate-Control': `max-age=${edgeMaxAge}, stale-if-error=${staleIfError}` } : {};

  const callerClass = async (authorization: string): Promise<CallerClass | undefined> => {
    if (authorization === '') return 'public';
    // A token that cannot be checked (database down) is not shared: the request goes on uncached
    // and its own authentication answers (503 from database-unavailable).
    return (await isReadOnlyToken(authorization).catch(() => false)) ? 'read-only' : undefined;
  };

  /** Sends a stored response in the encoding the client prefers, or 304 when it has it already. */
  const respond = (ctx: any, entry: CachedResponse, cacheStatus: 'HIT' | 'MISS') => {
    const encoding = preferredEncoding(ctx.get('Accept-Encoding'), entry.encoded);
    ctx.set(entry.headers);
    ctx.set('ETag', encodedEtag(entry.etag, encoding));
    ctx.set('X-Cache', cacheStatus);
    ctx.status = 200;
    if (encoding) ctx.set('Content-Encoding', encoding);
    ctx.body = encoding ? entry.encoded![encoding] : entry.body;
    const known = [entry.etag, encodedEtag(entry.etag, 'br'), encodedEtag(entry.etag, 'gzip')];
    if (known.some((etag) => ifNoneMatchHits(ctx.get('If-None-Match'), etag))) ctx.status = 304;
  };

  /** Runs the rest of the chain; returns what was stored, if the answer could be. */
  const compute = async (ctx: any, next: () => Promise<unknown>, caller: CallerClass | undefined, key: string | undefined) => {
    const mark = cache.mark();
    try {
      await next();
    } catch (error) {
      // A refusal is this moment's answer: no shared cache may keep it (a 404 for a document not yet
      // published would outlive the publish at the edge). Strapi's error handler keeps the header.
      ctx.set('Cache-Control', 'no-store');
      throw error;
    }
    if (ctx.status !== 200) {
      if (ctx.status >= 400) ctx.set('Cache-Control', 'no-store');
      return undefined;
    }
    const original = ctx.body;
    const body = bodyBytes(original);
    if (!body) return undefined;
    const route = ctx.state.route as (MatchedRoute & { handler?: unknown }) | undefined;
    const publicRoute = isPublicRoute(route);
    const etag = strongEtag(body);
    ctx.body = body;
    ctx.set('ETag', etag);
    ctx.set('Cache-Control', caller === 'public' && publicRoute ? publicCacheControl : 'private, no-cache');
    ctx.vary('Origin');
    ctx.vary('Accept-Encoding');
    if (caller !== 'public') ctx.vary('Authorization');
    if (!key || !publicRoute) {
      if (ifNoneMatchHits(ctx.get('If-None-Match'), etag)) ctx.status = 304;
      return undefined;
    }
    const tags = responseTags(parsed(original, body), routeKind(strapi, route), models, maxTags);
    if (caller === 'public') ctx.set({ ...tagHeaders(tags, tagHeaderNames), ...edgeLifetime });
    const headers = Object.fromEntries(
      Object.entries(ctx.response.headers as Record<string, unknown>)
        .filter(([name]) => !PER_RESPONSE_HEADERS.has(name.toLowerCase()))
        .map(([name, value]) => [name, String(value)]),
    );
    const entry: CachedResponse = { headers, body, etag, tags, encoded: await encodeBody(body) };
    const stored = cache.set(key, entry, mark);
    respond(ctx, entry, 'MISS');
    return stored ? entry : undefined;
  };

  return async (ctx: any, next: () => Promise<unknown>) => {
    if (ctx.method !== 'GET' && ctx.method !== 'HEAD') {
      await next();
      // The writer's next request through the edge must already see the change: answer once
      // the purges this write started are through (they run after COMMIT, bounded by a timeout).
      if (purger.enabled) await purger.settled();
      return;
    }
    if (!isContentApiPath(ctx.path, prefix)) return next();

    const caller = await callerClass(ctx.get('Authorization'));
    const key = caller && enabled ? `${caller} ${cacheKey(ctx.path, ctx.querystring, ctx.get('Origin'))}` : undefined;
    if (!key) return compute(ctx, next, caller, undefined);

    const hit = cache.get(key);
    if (hit) return respond(ctx, hit, 'HIT');
    const flight = flights.pending(key);
    if (flight) {
      const arrived = cache.mark();
      const computed = await flight;
      // The leader's answer, unless a change touching it committed after this request arrived.
      if (computed && !cache.changedSince(arrived, computed.tags)) return respond(ctx, computed, 'HIT');
      return compute(ctx, next, caller, key);
    }
    await flights.lead(key, () => compute(ctx, next, caller, key));
  };
};
