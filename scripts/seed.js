#!/usr/bin/env node
// @ts-check
'use strict';
/**
 * `npm run seed`: loads database/seed/ into the configured database. Only what is missing is
 * created, so running it twice changes nothing and editors' changes are kept.
 */
const { withApp } = require('./lib/app');

withApp(async (strapi, cli) => {
  const report = await cli.seedContent(strapi);
  console.log(`Seed: ${report.created} documents or translations created, ${report.skipped} already there.`);
}).catch((error) => {
  console.error(error);
  process.exit(1);
});
