import zlib from 'zlib';
import type { Core } from '@strapi/strapi';
import { CSP_DEFAULTS } from '@strapi/utils';
import { mediaOrigins } from '../src/config/media-storage';

/**
 * Stock list minus `strapi::poweredBy` (no X-Powered-By header), with CORS limited to the
 * origins in CORS_ORIGINS (stock Strapi reflects any origin), the HTTP cache in front and the
 * public API guard just before the router.
 */
const config = ({ env }: Core.Config.Shared.ConfigParams): Core.Config.Middlewares => [
  // Outermost, so that cached responses are compressed too (only when the client asks).
  { name: 'strapi::compression', config: { threshold: 1024, br: { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 4 } } } },
  // Before everything else: a cache hit costs a lookup, not the whole chain.
  'global::http-cache',
  'strapi::logger',
  'strapi::errors',
  // Inside strapi::errors: replaces its bare "Forbidden" / "Unauthorized" / "Not Found" on /api.
  'global::named-refusals',
  {
    name: 'strapi::security',
    config: {
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
  'strapi::query',
  'strapi::body',
  'strapi::session',
  'strapi::favicon',
  'strapi::public',
  'global::public-api-guard',
];

export default config;
