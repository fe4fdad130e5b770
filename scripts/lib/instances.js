'use strict';
/**
 * What `npm run bench` and `npm run soak` share: a throwaway PostgreSQL database, production
 * instances of the app as child processes (scripts/bench-server.js) and the report file.
 */
const fs = require('fs');
const path = require('path');
const { fork } = require('child_process');
const { Client } = require('pg');
const { randomSecrets } = require('./secrets');

const ROOT = path.resolve(__dirname, '..', '..');

const serverUrl = new URL(process.env.BENCH_DATABASE_URL || process.env.DATABASE_URL || 'postgres://root@127.0.0.1:5432/postgres');
const withDatabase = (name) => Object.assign(new URL(serverUrl.toString()), { pathname: `/${name}` }).toString();

/** Runs one statement on the server's `postgres` database (CREATE/DROP DATABASE). */
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

/** Starts the production build on `port`; resolves with the child once it listens. */
const startInstance = (port, env, { execArgv = [] } = {}) =>
  new Promise((resolve, reject) => {
    const child = fork(path.join(ROOT, 'scripts', 'bench-server.js'), [], {
      cwd: ROOT,
      env: {
        ...process.env,
        ...SECRETS,
        NODE_ENV: 'production',
        HOST: '127.0.0.1',
        PORT: String(port),
        DATABASE_CLIENT: 'postgres',
        SERVE_ADMIN_PANEL: 'false',
        LOG_LEVEL: 'warn',
        LOG_STARTUP: 'false',
        STRAPI_TELEMETRY_DISABLED: 'true',
        // One client hammering the API on purpose: measure the app, not the rate limit.
        RATE_LIMIT_ENABLED: 'false',
        ...env,
      },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      execArgv,
    });
    child.on('message', (message) => {
      if (message.type === 'log') console.log(`  [instance :${port}] ${message.message}`);
      if (message.type === 'generated') child.generated = message;
      if (message.type === 'ready') resolve(child);
    });
    child.on('exit', (code) => reject(new Error(`instance on port ${port} exited with ${code}`)));
  });

const stopInstance = (child) =>
  new Promise((resolve) => {
    if (!child || child.exitCode !== null) return resolve();
    child.removeAllListeners('exit');
    child.on('exit', resolve);
    child.kill('SIGTERM');
    setTimeout(() => child.kill('SIGKILL'), 10_000).unref();
  });

/** Adds a run's section at the top of docs/benchmarks.md (newest first). */
const prependReport = (section) => {
  const file = path.join(ROOT, 'docs', 'benchmarks.md');
  const heading = '# Benchmarks\n\nWritten by `npm run bench` and `npm run soak`; each run adds a dated section at the top (newest first).\n';
  const previous = fs.existsSync(file) ? fs.readFileSync(file, 'utf8').replace(/^# Benchmarks\n\n.*\n/, '') : '';
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `${heading}\n${section}\n${previous.trimStart()}`);
  console.log(`  wrote ${path.relative(ROOT, file)}`);
};

/** A numeric command-line option (`--name 10`), or the fallback when it is not given. */
const numberOption = (name, fallback) => {
  const index = process.argv.indexOf(`--${name}`);
  return index === -1 ? fallback : Number(process.argv[index + 1]);
};

module.exports = { numberOption, ROOT, serverUrl, withDatabase, adminQuery, startInstance, stopInstance, prependReport };
