import type { Core } from '@strapi/strapi';

const config = ({ env }: Core.Config.Shared.ConfigParams): Core.Config.Server => ({
  host: env('HOST', '0.0.0.0'),
  port: env.int('PORT', 1337),
  url: env('PUBLIC_URL', ''),
  app: {
    keys: env.array('APP_KEYS', []),
  },
  // Static files and, with local media storage, uploads/ (a mounted volume in production).
  dirs: { public: env('PUBLIC_DIR', './public') },
  // Behind nginx or another TLS-terminating proxy: trust its X-Forwarded-Proto/-For, so that koa
  // sees https (admin cookies get Secure) and the client's address (rate limits per client).
  // Only the last TRUST_PROXY_HOPS addresses of X-Forwarded-For are believed: a client cannot
  // pick its own address by sending the header itself.
  proxy: {
    koa: env.bool('TRUST_PROXY', false),
    maxIpsCount: env.int('TRUST_PROXY_HOPS', 1),
  },
  // The update check phones home at every start; a council server has no use for it.
  logger: {
    config: { level: env('LOG_LEVEL', 'info') },
    updates: { enabled: false },
    startup: { enabled: env.bool('LOG_STARTUP', true) },
  },
});

export default config;
