import type { Core } from '@strapi/strapi';
import type { HttpCacheConfig } from '../src/http-cache';

/** Caching of public GET responses (see src/middlewares/http-cache.ts). */
const config = ({ env }: Core.Config.Shared.ConfigParams): HttpCacheConfig => ({
  enabled: env.bool('HTTP_CACHE_ENABLED', true),
  // Seconds browsers and CDNs may reuse a response without asking again…
  maxAge: env.int('HTTP_CACHE_MAX_AGE', 60),
  // …and may keep serving it while they revalidate in the background.
  staleWhileRevalidate: env.int('HTTP_CACHE_STALE_WHILE_REVALIDATE', 300),
  maxEntries: env.int('HTTP_CACHE_MAX_ENTRIES', 5000),
  maxBytes: env.int('HTTP_CACHE_MAX_MB', 64) * 1024 * 1024,
  // Longest an entry lives in the app's own cache, as a safety net: writes already empty it.
  ttlSeconds: env.int('HTTP_CACHE_TTL_SECONDS', 300),
});

export default config;
