#!/usr/bin/env node
// @ts-check
'use strict';
/**
 * `npm run seed [-- --no-build]`: loads database/seed/ into the configured database. Only what is
 * missing is created, so running it twice changes nothing and editors' changes are kept.
 * `--no-build` uses the dist/ already built (`npm run build`, the production image, the tests).
 */
const { withApp } = require('./lib/app');

withApp(
  async (strapi, cli) => {
    const report = await cli.seedContent(strapi);
    console.log(`Seed: ${report.created} documents or translations created, ${report.skipped} already there.`);
  },
  { build: !process.argv.includes('--no-build') },
).catch((error) => {
  console.error(error);
  process.exit(1);
});
