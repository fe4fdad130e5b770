#!/usr/bin/env node
'use strict';
/**
 * `npm run token:create -- --name web-team [--days 7|30|90]`: creates a read-only API token for
 * the content API and prints it once (Strapi stores only its hash and an encrypted copy).
 */
const path = require('path');
const { compileStrapi, createStrapi } = require('@strapi/strapi');

const main = async () => {
  process.env.SEED_ON_EMPTY = process.env.SEED_ON_EMPTY ?? 'false';
  const { appDir, distDir } = await compileStrapi();
  const { parseTokenArguments, createReadOnlyToken } = require(path.join(distDir, 'src', 'tokens', 'read-only-token.js'));
  const request = parseTokenArguments(process.argv.slice(2));
  const strapi = await createStrapi({ appDir, distDir }).load();
  try {
    const { accessKey, expiresAt } = await createReadOnlyToken(strapi, request);
    console.log(`Read-only API token "${request.name}" (${expiresAt ? `expires ${new Date(expiresAt).toISOString()}` : 'does not expire'}).`);
    console.log('Copy it now, it is not shown again:');
    console.log(accessKey);
  } finally {
    const { waitForIdleDatabase } = require(path.join(distDir, 'src', 'database', 'wait-for-idle-database.js'));
    await waitForIdleDatabase(strapi);
    await strapi.destroy();
  }
};

main().catch((error) => {
  console.error(`token:create: ${error.message}`);
  process.exit(1);
});
