import path from 'path';
import { databaseUrl } from './database';

export const APP_DIR = path.resolve(__dirname, '..', '..');
export const DIST_DIR = path.join(APP_DIR, 'dist');

/**
 * How a test reaches PostgreSQL: by default directly; `databasePort` sends the app through a proxy
 * on 127.0.0.1. `env`: settings for this file's app only (media store, …).
 */
export type TestEnvOptions = { databasePort?: number; env?: Record<string, string> };

/** Settings a test file may give its app; cleared for every other file (all run in one process). */
const PER_FILE_SETTINGS = ['S3_BUCKET', 'S3_ENDPOINT', 'S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY', 'S3_PUBLIC_URL', 'S3_CREATE_BUCKET', 'SITE_URL', 'PREVIEW_SECRET', 'PREVIEW_TOKEN', 'PREVIEW_LINK_TTL_SECONDS',
  'HTTP_CACHE_INVALIDATION', 'HTTP_CACHE_SINGLE_FLIGHT', 'VARNISH_PURGE_URLS', 'FASTLY_SERVICE_ID', 'FASTLY_API_TOKEN', 'FASTLY_API_URL',
  'CLOUDFLARE_ZONE_ID', 'CLOUDFLARE_API_TOKEN', 'CLOUDFLARE_API_URL'];

const appDatabaseUrl = (database: string, { databasePort }: TestEnvOptions) => {
  if (databasePort === undefined) return databaseUrl(database);
  const url = new URL(databaseUrl(database));
  url.hostname = '127.0.0.1';
  url.port = String(databasePort);
  return url.toString();
};

/** Fixed test secrets: the tests never run against a real deployment. */
export const applyTestEnv = (database: string, options: TestEnvOptions = {}) => {
  Object.assign(process.env, {
    NODE_ENV: 'test',
    HOST: '127.0.0.1',
    PORT: '0',
    APP_KEYS: 'testKeyA,testKeyB',
    API_TOKEN_SALT: 'test-api-token-salt',
    ADMIN_JWT_SECRET: 'test-admin-jwt-secret',
    TRANSFER_TOKEN_SALT: 'test-transfer-token-salt',
    JWT_SECRET: 'test-jwt-secret',
    ENCRYPTION_KEY: 'test-encryption-key-0123456789ab',
    DATABASE_CLIENT: 'postgres',
    DATABASE_URL: appDatabaseUrl(database, options),
    DATABASE_POOL_MIN: '0',
    CORS_ORIGINS: 'https://www.leeds.gov.uk,https://leeds.example',
    STRAPI_TELEMETRY_DISABLED: 'true',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'error',
    LOG_STARTUP: 'false',
    SEED_ON_EMPTY: 'true',
  });
  for (const name of ['DEV_ADMIN_EMAIL', 'DEV_ADMIN_PASSWORD', 'INITIAL_ADMIN_EMAIL', 'INITIAL_ADMIN_PASSWORD', ...PER_FILE_SETTINGS]) delete process.env[name];
  Object.assign(process.env, options.env ?? {});
};
