import type { Core } from '@strapi/strapi';
import type { HttpCacheConfig } from '../src/http-cache';

/** Caching of public GET responses (src/http-cache/, README "Deploying"). */
const config = ({ env }: Core.Config.Shared.ConfigParams): HttpCacheConfig => ({
  enabled: env.bool('HTTP_CACHE_ENABLED', true),
  // Seconds browsers may reuse a response without asking again…
  maxAge: env.int('HTTP_CACHE_MAX_AGE', 60),
  // …and may keep serving it while they revalidate in the background.
  staleWhileRevalidate: env.int('HTTP_CACHE_STALE_WHILE_REVALIDATE', 300),
  // Seconds an edge cache (Varnish, Fastly, Cloudflare) keeps a response: it is purged by tag on
  // every change, so this can be long; browsers still use HTTP_CACHE_MAX_AGE.
  edgeMaxAge: env.int('HTTP_CACHE_EDGE_MAX_AGE', 3600),
  // Seconds an edge may keep serving a response while the origin answers errors or not at all.
  staleIfError: env.int('HTTP_CACHE_STALE_IF_ERROR', 86400),
  maxEntries: env.int('HTTP_CACHE_MAX_ENTRIES', 5000),
  maxBytes: env.int('HTTP_CACHE_MAX_MB', 64) * 1024 * 1024,
  // Longest an entry lives in the app's own cache, as a safety net: writes already invalidate it.
  ttlSeconds: env.int('HTTP_CACHE_TTL_SECONDS', 300),
  // `tags`: a change drops only the responses that show what it changed; `clear-all` empties the
  // whole cache on every change (the earlier behaviour, kept for `npm run storm`'s comparison).
  invalidation: env('HTTP_CACHE_INVALIDATION', 'tags') === 'clear-all' ? 'clear-all' : 'tags',
  // Concurrent misses for one request computed once.
  singleFlight: env.bool('HTTP_CACHE_SINGLE_FLIGHT', true),
  // Response headers carrying the tags: Fastly, Cloudflare and Varnish (xkey) each read their own.
  tagHeaders: env.array('HTTP_CACHE_TAG_HEADERS', ['Surrogate-Key', 'Cache-Tag', 'xkey']),
  // At most this many tags per answer (about 26 bytes each, in three headers): Node's HTTP client
  // refuses more than 16 KB of headers and Varnish a header line over 8 KB. Beyond it the document
  // tags are left out, which the type tags cover.
  maxTags: env.int('HTTP_CACHE_MAX_TAGS', 64),
  purge: {
    varnishUrls: env.array('VARNISH_PURGE_URLS', []),
    fastly: { serviceId: env('FASTLY_SERVICE_ID'), apiToken: env('FASTLY_API_TOKEN'), apiUrl: env('FASTLY_API_URL', 'https://api.fastly.com') },
    cloudflare: { zoneId: env('CLOUDFLARE_ZONE_ID'), apiToken: env('CLOUDFLARE_API_TOKEN'), apiUrl: env('CLOUDFLARE_API_URL', 'https://api.cloudflare.com/client/v4') },
    timeoutMs: env.int('EDGE_PURGE_TIMEOUT_MS', 3000),
  },
});

export default config;
