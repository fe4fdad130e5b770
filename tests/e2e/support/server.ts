import fs from 'fs';
import path from 'path';
import { randomSecrets } from '../../../scripts/lib/secrets';
import { startInstance } from '../../../src/cli/instances';
import { databaseUrl } from '../../setup/database';
import type { Credentials } from './users';

export const APP_DIR = path.resolve(__dirname, '..', '..', '..');
export const RESULTS_DIR = path.join(APP_DIR, 'test-results');

/**
 * `strapi start` (the production build in dist/, as `npm run start` runs it) on the given
 * database, which it migrates and seeds because it is empty, creating `initialAdmin` as its first
 * super admin, with `extraEnv` on top (the reference site's address and preview secrets). Logs go
 * to test-results/server.log.
 */
export const startProductionServer = async (database: string, initialAdmin: Credentials, extraEnv: Record<string, string> = {}) => {
  fs.mkdirSync(RESULTS_DIR, { recursive: true });
  const instance = await startInstance({
    appDir: APP_DIR,
    logFile: path.join(RESULTS_DIR, 'server.log'),
    env: {
      ...process.env,
      ...randomSecrets(),
      NODE_ENV: 'production',
      PUBLIC_URL: '',
      DATABASE_CLIENT: 'postgres',
      DATABASE_URL: databaseUrl(database),
      SEED_ON_EMPTY: 'true',
      SERVE_ADMIN_PANEL: 'true',
      INITIAL_ADMIN_EMAIL: initialAdmin.email,
      INITIAL_ADMIN_PASSWORD: initialAdmin.password,
      INITIAL_ADMIN_FIRSTNAME: initialAdmin.firstname,
      INITIAL_ADMIN_LASTNAME: initialAdmin.lastname,
      // One browser on one address makes all requests; the limiter is tested on its own.
      RATE_LIMIT_ENABLED: 'false',
      // Plain http on 127.0.0.1, no TLS proxy in front; https-only sign-in is tested on its own
      // (tests/api/production-start.test.ts).
      ADMIN_ALLOW_PLAIN_HTTP: 'true',
      STRAPI_TELEMETRY_DISABLED: 'true',
      LOG_LEVEL: process.env.E2E_LOG_LEVEL ?? 'warn',
      ...extraEnv,
    },
  });
  return { baseUrl: instance.baseUrl, stop: async () => void (await instance.stop()) };
};
