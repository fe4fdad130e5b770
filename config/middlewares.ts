import type { Core } from '@strapi/strapi';

/**
 * Stock list minus `strapi::poweredBy` (no X-Powered-By header), with CORS limited to the
 * origins in CORS_ORIGINS (stock Strapi reflects any origin) and the public API guard in front
 * of the router.
 */
const config = ({ env }: Core.Config.Shared.ConfigParams): Core.Config.Middlewares => [
  'strapi::logger',
  'strapi::errors',
  'strapi::security',
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
