import type { Core } from '@strapi/strapi';
import { connectCrossInstanceInvalidation } from './cross-instance';
import { ResponseCache } from './response-cache';

export type HttpCacheConfig = {
  enabled: boolean;
  maxAge: number;
  staleWhileRevalidate: number;
  maxEntries: number;
  maxBytes: number;
  ttlSeconds: number;
};

const caches = new WeakMap<Core.Strapi, ResponseCache>();

export const httpCacheConfig = (strapi: Core.Strapi): HttpCacheConfig => strapi.config.get('http-cache') as HttpCacheConfig;

/** The app's one response cache, shared by the HTTP middleware and the invalidation hooks. */
export const responseCache = (strapi: Core.Strapi): ResponseCache => {
  let cache = caches.get(strapi);
  if (!cache) {
    const { maxEntries, maxBytes, ttlSeconds } = httpCacheConfig(strapi);
    cache = new ResponseCache({ maxEntries, maxBytes, ttlMs: ttlSeconds * 1000 });
    caches.set(strapi, cache);
  }
  return cache;
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
