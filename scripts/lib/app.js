// @ts-check
'use strict';
/**
 * The seam between the scripts and the app. `loadCli()` compiles the TypeScript into dist/
 * (unless told not to) and returns src/cli, typed; `withApp()` boots the app on the configured
 * database for one piece of work and always stops it. Every script goes through these two.
 */
const path = require('path');
const { compileStrapi, createStrapi } = require('@strapi/strapi');

const ROOT = path.resolve(__dirname, '..', '..');

/** @typedef {typeof import('../../src/cli')} Cli */
/** @typedef {import('@strapi/strapi').Core.Strapi} Strapi */

/**
 * The compiled app's src/cli. `build: false` uses the dist/ of `npm run build`, as in the
 * production image.
 * @param {{ build?: boolean }} [options]
 * @returns {Promise<{ appDir: string, distDir: string, cli: Cli }>}
 */
const loadCli = async ({ build = true } = {}) => {
  const distDir = (build ? (await compileStrapi({ appDir: ROOT })).distDir : undefined) ?? path.join(ROOT, 'dist');
  /** @type {Cli} */
  const cli = require(path.join(distDir, 'src', 'cli'));
  return { appDir: ROOT, distDir, cli };
};

/**
 * Boots the app (migrating the schema, never seeding: a script reports what it writes itself),
 * runs `work`, waits for the database to be quiet and stops the app, whatever happened.
 * @template T
 * @param {(strapi: Strapi, cli: Cli) => Promise<T>} work
 * @param {{ build?: boolean, before?: (cli: Cli) => Promise<void> | void }} [options] `before` runs once compiled, before the app boots (checks that need no database)
 * @returns {Promise<T>}
 */
const withApp = async (work, { build = true, before } = {}) => {
  const { appDir, distDir, cli } = await loadCli({ build });
  await before?.(cli);
  process.env.SEED_ON_EMPTY = 'false';
  process.env.LOG_LEVEL = process.env.LOG_LEVEL ?? 'error';
  process.env.LOG_STARTUP = 'false';
  const strapi = await createStrapi({ appDir, distDir }).load();
  try {
    return await work(strapi, cli);
  } finally {
    await cli.waitForIdleDatabase(strapi);
    await strapi.destroy();
  }
};

module.exports = { ROOT, loadCli, withApp };
