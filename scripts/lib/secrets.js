'use strict';
const crypto = require('crypto');

/**
 * Fresh random values for the six secrets Strapi needs (the names production checks, see
 * src/bootstrap/production-secrets.ts): for the development .env, and for the production builds
 * that benchmarks and tests start, which refuse the placeholders of .env.example.
 */
const secret = () => crypto.randomBytes(16).toString('base64');

const randomSecrets = () => ({
  APP_KEYS: [secret(), secret()].join(','),
  API_TOKEN_SALT: secret(),
  ADMIN_JWT_SECRET: secret(),
  TRANSFER_TOKEN_SALT: secret(),
  JWT_SECRET: secret(),
  ENCRYPTION_KEY: secret(),
});

/** Preview link secret and the site's preview credential: 32 random bytes each (the minimum is 32 characters). */
const previewSecrets = () => ({
  PREVIEW_SECRET: crypto.randomBytes(32).toString('base64url'),
  PREVIEW_TOKEN: crypto.randomBytes(32).toString('base64url'),
});

module.exports = { randomSecrets, previewSecrets };
