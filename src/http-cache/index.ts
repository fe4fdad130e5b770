import type { Core } from '@strapi/strapi';
import { connectCrossInstanceInvalidation } from './cross-instance';
import { EdgePurger, purgeTargets, type EdgePurgeConfig } from './edge-purge';
import { ResponseCache } from './response-cache';

export type HttpCacheConfig = {
  enabled: boolean;
  maxAge: number;
  staleWhileRevalidate: number;
  edgeMaxAge: number;
  staleIfError: number;
  maxEntries: number;
  maxBytes: number;
  ttlSeconds: number;
  invalidation: 'tags' | 'clear-all';
  singleFlight: boolean;
  tagHeaders: string[];
  maxTags: number;
  purge: EdgePurgeConfig;
};

const caches = new WeakMap<Core.Strapi, ResponseCache>();
const purgers = new WeakMap<Core.Strapi, EdgePurger>();

export const httpCacheConfig = (strapi: Core.Strapi): HttpCacheConfig => strapi.config.get('http-cache') as HttpCacheConfig;

/** The app's one response cache, shared by the HTTP middleware and the invalidation hooks. */
export const responseCache = (strapi: Core.Strapi): ResponseCache => {
  let cache = caches.get(strapi);
  if (!cache) {
    const { maxEntries, maxBytes, ttlSeconds, invalidation } = httpCacheConfig(strapi);
    cache = new ResponseCache({ maxEntries, maxBytes, ttlMs: ttlSeconds * 1000, precise: invalidation === 'tags' });
    caches.set(strapi, cache);
    connectEdgePurges(strapi, cache);
  }
  return cache;
};

/**
 * The edge caches' purger, fed by every invalidation this instance applies: its own changes, and
 * the other instances' too. An edge that missed after the changing instance's purge may have asked
 * an instance that had not yet heard of the change and cached that instance's old answer, for as
 * long as Surrogate-Control allows; the second purge, once that instance has dropped its entries,
 * removes it. After a reconnect (events may have been missed) the edge is purged of everything.
 */
export const edgePurger = (strapi: Core.Strapi): EdgePurger => {
  let purger = purgers.get(strapi);
  if (!purger) {
    const { purge } = httpCacheConfig(strapi);
    purger = new EdgePurger(purgeTargets(purge), purge.timeoutMs, strapi.log);
    purgers.set(strapi, purger);
  }
  return purger;
};

const connectEdgePurges = (strapi: Core.Strapi, cache: ResponseCache) => {
  const purger = edgePurger(strapi);
  if (!purger.enabled) return;
  cache.onInvalidate(({ tags, reason }) => purger.purge(tags, reason));
};

const listeners = new WeakMap<Core.Strapi, ReturnType<typeof connectCrossInstanceInvalidation>>();

/** On PostgreSQL, joins the other instances' cache invalidation (LISTEN/NOTIFY). */
export const startCrossInstanceInvalidation = async (strapi: Core.Strapi) => {
  if (strapi.db.config.connection.client !== 'postgres' || listeners.has(strapi)) return undefined;
  const listener = connectCrossInstanceInvalidation(strapi, responseCache(strapi));
  listeners.set(strapi, listener);
  await listener.ready;
  return listener;
};

export const crossInstanceListener = (strapi: Core.Strapi) => listeners.get(strapi);

export const stopCrossInstanceInvalidation = async (strapi: Core.Strapi) => {
  await listeners.get(strapi)?.stop();
  listeners.delete(strapi);
};
