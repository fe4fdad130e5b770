import path from 'path';
import type { Core } from '@strapi/strapi';
import { databaseLog } from '../src/database/log';

/**
 * PostgreSQL everywhere (production, CI, tests, and `npm run develop`, which starts one from npm
 * when none is given: scripts/develop.js). SQLite only when asked for with DATABASE_CLIENT=sqlite.
 */
const config = ({ env }: Core.Config.Shared.ConfigParams): Core.Config.Database => {
  const client = env('DATABASE_CLIENT', 'postgres');

  if (client !== 'sqlite') {
    return {
      connection: {
        client: 'postgres',
        connection: {
          connectionString: env('DATABASE_URL'),
          host: env('DATABASE_HOST', '127.0.0.1'),
          port: env.int('DATABASE_PORT', 5432),
          database: env('DATABASE_NAME', 'partner_cities'),
          user: env('DATABASE_USERNAME', 'strapi'),
          password: env('DATABASE_PASSWORD', ''),
          ssl: env.bool('DATABASE_SSL', false) ? { rejectUnauthorized: env.bool('DATABASE_SSL_REJECT_UNAUTHORIZED', true) } : false,
          schema: env('DATABASE_SCHEMA', 'public'),
          // Named per process, so pg_stat_activity tells which instance holds which connection.
          application_name: `partner-cities-cms:${process.pid}`,
          // Fail fast when the server is unreachable: a black-holed connect would otherwise wait
          // for the OS TCP timeout (minutes). Requests then answer 503 (src/middlewares/database-unavailable.ts).
          connectionTimeoutMillis: env.int('DATABASE_CONNECT_TIMEOUT', 1000),
          // Lets the OS notice a peer that vanished from an idle pooled connection.
          keepAlive: true,
          keepAliveInitialDelayMillis: 10000,
        },
        pool: {
          min: env.int('DATABASE_POOL_MIN', 2),
          max: env.int('DATABASE_POOL_MAX', 10),
          // Idle connections are closed after 30 s, so a dead one does not linger in the pool.
          idleTimeoutMillis: 30000,
        },
        // Longest wait for a free pooled connection before the request answers 503.
        acquireConnectionTimeout: env.int('DATABASE_CONNECTION_TIMEOUT', 1500),
        log: databaseLog,
      },
    };
  }

  return {
    connection: {
      client: 'sqlite',
      connection: {
        filename: path.join(__dirname, '..', '..', env('DATABASE_FILENAME', '.tmp/data.db')),
      },
      useNullAsDefault: true,
    },
  };
};

export default config;
