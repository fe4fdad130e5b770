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
  // The update check phones home at every start; a council server has no use for it.
  logger: {
    config: { level: env('LOG_LEVEL', 'info') },
    updates: { enabled: false },
    startup: { enabled: env.bool('LOG_STARTUP', true) },
  },
});

export default config;
