import path from 'path';
import { databaseUrl } from './database';

export const APP_DIR = path.resolve(__dirname, '..', '..');
export const DIST_DIR = path.join(APP_DIR, 'dist');

/** Fixed test secrets: the tests never run against a real deployment. */
export const applyTestEnv = (database: string) => {
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
    DATABASE_URL: databaseUrl(database),
    DATABASE_POOL_MIN: '0',
    CORS_ORIGINS: 'https://www.leeds.gov.uk,https://leeds.example',
    STRAPI_TELEMETRY_DISABLED: 'true',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'error',
    LOG_STARTUP: 'false',
    SEED_ON_EMPTY: 'true',
  });
  delete process.env.DEV_ADMIN_EMAIL;
  delete process.env.DEV_ADMIN_PASSWORD;
};
