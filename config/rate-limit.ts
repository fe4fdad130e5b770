import type { Core } from '@strapi/strapi';
import type { RateLimitConfig } from '../src/rate-limit';

/** Per-client request limits of the public API and XLIFF import (see src/middlewares/rate-limit.ts). */
const config = ({ env }: Core.Config.Shared.ConfigParams): RateLimitConfig => ({
  // On by default in production only: tests, development and benchmarks are not throttled.
  enabled: env.bool('RATE_LIMIT_ENABLED', env('NODE_ENV') === 'production'),
  max: env.int('RATE_LIMIT_MAX', 300),
  windowSeconds: env.int('RATE_LIMIT_WINDOW_SECONDS', 60),
  // Clients remembered at once; the least recently seen are forgotten first.
  maxClients: env.int('RATE_LIMIT_MAX_CLIENTS', 10000),
});

export default config;
