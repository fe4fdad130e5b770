#!/usr/bin/env node
// @ts-check
'use strict';
/**
 * `npm run token:create -- --name web-team [--days 7|30|90] [--no-build]`: creates a read-only API
 * token for the content API and prints it once (Strapi stores only its hash and an encrypted copy).
 * `--no-build` uses the dist/ already built (`npm run build`, the production image, the tests).
 */
const { withApp } = require('./lib/app');

process.env.SEED_ON_EMPTY = process.env.SEED_ON_EMPTY ?? 'false';
/** @type {{ name: string, days?: number }} */
let request = { name: '' };
withApp(
  async (strapi, cli) => {
    const { accessKey, expiresAt } = await cli.createReadOnlyToken(strapi, request);
    console.log(`Read-only API token "${request.name}" (${expiresAt ? `expires ${new Date(expiresAt).toISOString()}` : 'does not expire'}).`);
    console.log('Copy it now, it is not shown again:');
    console.log(accessKey);
  },
  {
    build: !process.argv.includes('--no-build'),
    before: (cli) => void (request = cli.parseTokenArguments(process.argv.slice(2).filter((argument) => argument !== '--no-build'))),
  },
).catch((error) => {
  console.error(`token:create: ${error.message}`);
  process.exit(1);
});
