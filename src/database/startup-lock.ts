import type { Core } from '@strapi/strapi';
import { Client } from 'pg';

/** One key for the whole app: every instance's start-up, on one database. */
const STARTUP_LOCK = 'partner-cities-cms:startup';

const held = new WeakMap<Core.Strapi, Client>();

/**
 * Serializes start-up across instances: Strapi's schema sync (N instances creating the same tables
 * at once crash on duplicate pg_type keys), the constraints, seed-on-empty and the other bootstrap
 * steps run in one instance at a time. A session-level advisory lock on a connection of its own,
 * taken just before the schema sync and released at the end of bootstrap (or when the app stops); the next
 * instance then finds everything in place. The lock dies with its connection, so a crashed start
 * never blocks the others.
 */
export const takeStartupLock = async (strapi: Core.Strapi) => {
  const connection = strapi.config.get('database.connection') as { client: string; connection: Record<string, unknown> };
  if (connection.client !== 'postgres' || held.has(strapi)) return;
  const client = new Client({ ...connection.connection, application_name: `${String(connection.connection.application_name ?? 'partner-cities-cms')}:startup-lock` });
  await client.connect();
  client.on('error', () => undefined);
  await client.query('select pg_advisory_lock(hashtext($1))', [STARTUP_LOCK]);
  held.set(strapi, client);
};

export const releaseStartupLock = async (strapi: Core.Strapi) => {
  const client = held.get(strapi);
  if (!client) return;
  held.delete(strapi);
  try {
    await client.query('select pg_advisory_unlock(hashtext($1))', [STARTUP_LOCK]);
  } finally {
    await client.end().catch(() => undefined);
  }
};
