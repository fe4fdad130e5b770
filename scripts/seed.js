#!/usr/bin/env node
'use strict';
/**
 * `npm run seed`: loads database/seed/ into the configured database. Only what is missing is
 * created, so running it twice changes nothing and editors' changes are kept.
 */
const path = require('path');
const { compileStrapi, createStrapi } = require('@strapi/strapi');

const main = async () => {
  process.env.SEED_ON_EMPTY = 'false'; // this script reports what it does itself
  const { appDir, distDir } = await compileStrapi();
  const strapi = await createStrapi({ appDir, distDir }).load();
  try {
    const { seedContent } = require(path.join(distDir, 'src', 'seed', 'seed-content.js'));
    const report = await seedContent(strapi);
    console.log(`Seed: ${report.created} documents or translations created, ${report.skipped} already there.`);
  } finally {
    const { waitForIdleDatabase } = require(path.join(distDir, 'src', 'database', 'wait-for-idle-database.js'));
    await waitForIdleDatabase(strapi);
    await strapi.destroy();
  }
};

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
