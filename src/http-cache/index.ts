import type { Core } from '@strapi/strapi';
import { ResponseCache } from './response-cache';

export type HttpCacheConfig = {
  enabled: boolean;
  maxAge: number;
  staleWhileRevalidate: number;
  maxEntries: number;
  maxBytes: number;
};

const caches = new WeakMap<Core.Strapi, ResponseCache>();

export const httpCacheConfig = (strapi: Core.Strapi): HttpCacheConfig => strapi.config.get('http-cache') as HttpCacheConfig;

/** The app's one response cache, shared by the HTTP middleware and the invalidation hooks. */
export const responseCache = (strapi: Core.Strapi): ResponseCache => {
  let cache = caches.get(strapi);
  if (!cache) {
    const { maxEntries, maxBytes } = httpCacheConfig(strapi);
    cache = new ResponseCache({ maxEntries, maxBytes });
    caches.set(strapi, cache);
  }
  return cache;
};
