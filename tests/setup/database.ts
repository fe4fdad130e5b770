import fs from 'fs';
import os from 'os';
import path from 'path';
import { Client } from 'pg';
import { freePort } from '../../src/cli/instances';
import { isListening, startEmbeddedPostgres } from '../../scripts/lib/embedded-postgres';

/**
 * PostgreSQL for the tests: DATABASE_URL when set, else the machine's local server
 * (127.0.0.1:5432, user root, trust auth), else one started from npm for the run (see
 * ensureTestServer). Each run works in databases it creates and drops.
 */
const DEFAULT_URL = 'postgres://root@127.0.0.1:5432/postgres';

type Embedded = { stop: () => Promise<void>; dir: string };
const EMBEDDED = Symbol.for('pcms.test.embedded-postgres');

/**
 * When no DATABASE_URL is given and nothing answers on 127.0.0.1:5432, starts a throwaway
 * PostgreSQL from the embedded-postgres package for this run and points DATABASE_URL at it
 * (the setup and every test file read it from there); stopTestServer removes it.
 */
export const ensureTestServer = async (): Promise<'given' | 'local' | 'embedded'> => {
  if (process.env.DATABASE_URL) return 'given';
  if (await isListening('127.0.0.1', 5432)) return 'local';
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'pcms-test-pg-'));
  const server = await startEmbeddedPostgres({ dir: path.join(root, 'data'), port: await freePort(), persistent: false });
  process.env.DATABASE_URL = server.url('postgres');
  (globalThis as Record<symbol, Embedded>)[EMBEDDED] = { stop: server.stop, dir: root };
  return 'embedded';
};

export const stopTestServer = async () => {
  const embedded = (globalThis as Record<symbol, Embedded | undefined>)[EMBEDDED];
  if (!embedded) return;
  await embedded.stop();
  fs.rmSync(embedded.dir, { recursive: true, force: true });
};

export const serverUrl = (): URL => new URL(process.env.DATABASE_URL || DEFAULT_URL);

export const databaseUrl = (database: string): string => {
  const url = serverUrl();
  url.pathname = `/${database}`;
  return url.toString();
};

const withMaintenanceClient = async <T>(run: (client: Client) => Promise<T>): Promise<T> => {
  const url = serverUrl();
  url.pathname = '/postgres';
  const client = new Client({ connectionString: url.toString(), connectionTimeoutMillis: 3000 });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
};

export const assertPostgresReachable = async () => {
  try {
    await withMaintenanceClient((client) => client.query('select 1'));
  } catch (error) {
    const url = serverUrl();
    url.password = url.password ? '***' : '';
    throw new Error(
      `The tests need PostgreSQL and cannot reach it at ${url.toString()} (${(error as Error).message}).\n` +
        'Start the local server (e.g. `pg_ctlcluster --skip-systemctl-redirect 15 main start`) or point DATABASE_URL ' +
        'at one whose user may create databases, e.g. DATABASE_URL=postgres://user:password@host:5432/postgres npm test',
    );
  }
};

const identifier = (name: string) => {
  if (!/^[a-z0-9_]+$/.test(name)) throw new Error(`unsafe database name ${name}`);
  return `"${name}"`;
};

export const createDatabase = (name: string, template?: string) =>
  withMaintenanceClient((client) =>
    client.query(`CREATE DATABASE ${identifier(name)}${template ? ` TEMPLATE ${identifier(template)}` : ''}`),
  );

export const dropDatabase = (name: string) =>
  withMaintenanceClient((client) => client.query(`DROP DATABASE IF EXISTS ${identifier(name)} WITH (FORCE)`));

/** Simulates a database outage for the app without stopping the server: refuse and cut its connections. */
export const setDatabaseReachable = (name: string, reachable: boolean) =>
  withMaintenanceClient(async (client) => {
    await client.query(`ALTER DATABASE ${identifier(name)} ALLOW_CONNECTIONS ${reachable ? 'true' : 'false'}`);
    if (!reachable) await client.query('select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()', [name]);
  });

export const queryDatabase = async <T = any>(database: string, sql: string, params: unknown[] = []): Promise<T[]> => {
  const client = new Client({ connectionString: databaseUrl(database) });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows as T[];
  } finally {
    await client.end();
  }
};
