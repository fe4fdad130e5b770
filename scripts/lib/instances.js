// @ts-check
'use strict';
/**
 * What `npm run bench` and `npm run soak` share: a throwaway PostgreSQL database, production
 * instances of the app (src/cli/instances.ts, the same helper the tests use) and the report file.
 */
const fs = require('fs');
const path = require('path');
const { Client } = require('pg');
const { randomSecrets } = require('./secrets');
const { ROOT } = require('./app');

const serverUrl = new URL(process.env.BENCH_DATABASE_URL || process.env.DATABASE_URL || 'postgres://root@127.0.0.1:5432/postgres');
/** @param {string} name */
const withDatabase = (name) => Object.assign(new URL(serverUrl.toString()), { pathname: `/${name}` }).toString();

/**
 * Runs one statement on the server's `postgres` database (CREATE/DROP DATABASE).
 * @param {string} sql
 */
const adminQuery = async (sql) => {
  const client = new Client({ connectionString: withDatabase('postgres') });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
};

// Shared by every instance of one run (they share the database).
const SECRETS = randomSecrets();

/** The production environment of a benchmark instance; `overrides` add to or replace it. */
/** @param {NodeJS.ProcessEnv} overrides */
const productionEnv = (overrides) => ({
  ...process.env,
  ...SECRETS,
  NODE_ENV: 'production',
  DATABASE_CLIENT: 'postgres',
  SERVE_ADMIN_PANEL: 'false',
  LOG_LEVEL: 'warn',
  LOG_STARTUP: 'false',
  STRAPI_TELEMETRY_DISABLED: 'true',
  // One client hammering the API on purpose: measure the app, not the rate limit.
  RATE_LIMIT_ENABLED: 'false',
  ...overrides,
});

/**
 * Starts the production build on `port` with the benchmark environment; resolves once it is ready.
 * @param {typeof import('../../src/cli')} cli
 * @param {number} port
 * @param {NodeJS.ProcessEnv} env
 * @param {{ execArgv?: string[], ipc?: boolean }} [options]
 */
const startInstance = (cli, port, env, options = {}) => cli.startInstance({ appDir: ROOT, port, env: productionEnv(env), ...options });

/**
 * Adds a run's section at the top of docs/benchmarks.md (newest first).
 * @param {string} section
 */
const prependReport = (section) => {
  const file = path.join(ROOT, 'docs', 'benchmarks.md');
  const heading = '# Benchmarks\n\nWritten by `npm run bench`, `npm run bench:site`, `npm run soak` and `npm run storm`; each run adds a dated section at the top (newest first).\n';
  const previous = fs.existsSync(file) ? fs.readFileSync(file, 'utf8').replace(/^# Benchmarks\n\n.*\n/, '') : '';
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `${heading}\n${section}\n${previous.trimStart()}`);
  console.log(`  wrote ${path.relative(ROOT, file)}`);
};

/**
 * A numeric command-line option (`--name 10`), or the fallback when it is not given.
 * @param {string} name
 * @param {number} fallback
 */
const numberOption = (name, fallback) => {
  const value = stringOption(name);
  return value === undefined ? fallback : Number(value);
};

/**
 * A command-line option's text (`--name value`), or undefined when it is not given.
 * @param {string} name
 * @returns {string | undefined}
 */
const stringOption = (name) => {
  const index = process.argv.indexOf(`--${name}`);
  return index === -1 ? undefined : process.argv[index + 1];
};

module.exports = { numberOption, stringOption, ROOT, SECRETS, serverUrl, withDatabase, adminQuery, productionEnv, startInstance, prependReport };
