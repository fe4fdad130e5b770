import zlib from 'zlib';
import type { Core } from '@strapi/strapi';
import { CSP_DEFAULTS } from '@strapi/utils';
import { bodyLimits } from '../src/request-bodies/body-limits';
import { mediaOrigins } from '../src/media/media-storage';

/**
 * Stock list minus `strapi::poweredBy` (no X-Powered-By header), with CORS limited to the
 * origins in CORS_ORIGINS (stock Strapi reflects any origin), the HTTP cache in front, the rate
 * limit behind it and body size limits from env (413 without an error log). The public API's
 * query rules are not here: they hold for the route that answers, so they are mounted on the
 * content API router (src/public-api/query-guard.ts) and in the Document Service
 * (src/public-api/published-only.ts).
 */
const config = ({ env }: Core.Config.Shared.ConfigParams): Core.Config.Middlewares => [
  // Outermost, so that cached responses are compressed too (only when the client asks).
  { name: 'strapi::compression', config: { threshold: 1024, br: { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 4 } } } },
  // Before everything else: a cache hit costs a lookup, not the whole chain.
  'global::http-cache',
  'strapi::logger',
  'strapi::errors',
  'global::database-unavailable', // 503 instead of 500 while PostgreSQL cannot be reached
  'global::request-guard', // 400 for control characters in a path (a NUL in an id answered 500)
  // Inside strapi::errors: replaces its bare "Forbidden" / "Unauthorized" / "Not Found" on /api.
  'global::named-refusals',
  {
    name: 'strapi::security',
    config: {
      // Browsers ignore HSTS over plain http; in development it would only pin https://localhost.
      hsts: env('NODE_ENV') === 'production' ? { maxAge: 31536000, includeSubDomains: true } : false,
      contentSecurityPolicy: {
        useDefaults: true,
        directives: {
          // Strapi's defaults plus the media store, so the admin panel shows files kept in S3.
          'img-src': [...CSP_DEFAULTS['img-src'], ...mediaOrigins(env as any)],
          'media-src': [...CSP_DEFAULTS['media-src'], ...mediaOrigins(env as any)],
        },
      },
    },
  },
  {
    name: 'strapi::cors',
    config: {
      origin: env.array('CORS_ORIGINS', ['http://localhost:1337', 'http://localhost:3000']),
      credentials: true,
    },
  },
  // Counts only what the cache above could not answer.
  'global::rate-limit',
  'strapi::query',
  'global::payload-too-large',
  { name: 'strapi::body', config: bodyLimits(env) },
  'strapi::session',
  'strapi::favicon',
  'strapi::public',
];

export default config;
