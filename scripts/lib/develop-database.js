// @ts-check
'use strict';
/**
 * Which database `npm run develop` uses, from the environment over the .env (as Strapi reads them):
 * SQLite only when asked for, a given PostgreSQL server, or else one started from npm.
 */
const path = require('path');

const ROOT = path.resolve(__dirname, '..', '..');
const DEFAULT_EMBEDDED_PORT = 54329;

/**
 * @param {Record<string, string | undefined>} env
 * @returns {{ kind: 'sqlite' } | { kind: 'server' } | { kind: 'embedded', port: number, dir: string }}
 */
const developDatabase = (env) => {
  if (env.DATABASE_CLIENT === 'sqlite') return { kind: 'sqlite' };
  if (env.DATABASE_URL || env.DATABASE_HOST) return { kind: 'server' };
  const port = Number(env.EMBEDDED_POSTGRES_PORT || DEFAULT_EMBEDDED_PORT);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new Error(`EMBEDDED_POSTGRES_PORT must be a port number, not "${env.EMBEDDED_POSTGRES_PORT}"`);
  return { kind: 'embedded', port, dir: path.join(ROOT, '.tmp', 'postgres') };
};

module.exports = { developDatabase };
