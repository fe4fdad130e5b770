'use strict';
/**
 * What `npm run backup` and `npm run restore` share: their arguments, loading the compiled app,
 * and exit codes (0 done, 1 failed, 2 wrong arguments).
 */
const path = require('path');
const { compileStrapi, createStrapi } = require('@strapi/strapi');

const EXIT_FAILED = 1;
const EXIT_USAGE = 2;

class UsageError extends Error {}

/** `FILE [--force] [--no-build]`; only the flags in `allowed` are accepted. */
const parseArguments = (argv, allowed) => {
  const flags = new Set();
  const files = [];
  for (const arg of argv) {
    if (arg.startsWith('--')) {
      if (!allowed.includes(arg)) throw new UsageError(`unknown option ${arg}`);
      flags.add(arg);
    } else files.push(arg);
  }
  if (files.length === 0) throw new UsageError('FILE is missing');
  if (files.length > 1) throw new UsageError(`one FILE only, got ${files.join(' ')}`);
  return { file: path.resolve(files[0]), force: flags.has('--force'), build: !flags.has('--no-build') };
};

/**
 * The compiled app: compiles the TypeScript into dist/ first unless --no-build (e.g. in the
 * production image after `npm run build`). `distModule('backup/x.js')` requires from dist/src.
 */
const compileApp = async ({ build }) => {
  const appDir = path.resolve(__dirname, '..');
  const { distDir } = build ? await compileStrapi({ appDir }) : { distDir: path.join(appDir, 'dist') };
  const distModule = (name) => require(path.join(distDir, 'src', ...name.split('/')));
  return { appDir, distDir, distModule };
};

/**
 * Loading migrates the schema, so an empty database is ready to restore into. It never seeds:
 * a backup or a restore must not add content of its own.
 */
const loadApp = async ({ appDir, distDir }) => {
  process.env.SEED_ON_EMPTY = 'false';
  process.env.LOG_LEVEL = process.env.LOG_LEVEL ?? 'error';
  process.env.LOG_STARTUP = 'false';
  return createStrapi({ appDir, distDir }).load();
};

const stopApp = async (strapi, distModule) => {
  await distModule('database/wait-for-idle-database.js').waitForIdleDatabase(strapi);
  await strapi.destroy();
};

const seconds = (startedAt) => `${((Date.now() - startedAt) / 1000).toFixed(1)} s`;

/** Runs `main`, printing `name: message` and exiting 2 for wrong arguments, 1 for any other failure. */
const run = (name, usage, main) => {
  main().then(
    () => process.exit(0),
    (error) => {
      if (error instanceof UsageError) {
        console.error(`${name}: ${error.message}\nusage: ${usage}`);
        process.exit(EXIT_USAGE);
      }
      // BackupError (from dist) carries a message meant for the operator; anything else gets its stack.
      console.error(`${name}: ${error.constructor?.name === 'BackupError' ? error.message : error.stack ?? error}`);
      process.exit(EXIT_FAILED);
    },
  );
};

module.exports = { parseArguments, compileApp, loadApp, stopApp, seconds, run, UsageError };
