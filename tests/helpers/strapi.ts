import crypto from 'crypto';
import path from 'path';
import request from 'supertest';
import { createStrapi, type Core } from '@strapi/strapi';
import { createDatabase, dropDatabase } from '../setup/database';
import { APP_DIR, DIST_DIR, applyTestEnv, type TestEnvOptions } from '../setup/env';
import { waitForIdleDatabase } from '../../src/database/wait-for-idle-database';

/**
 * One app per test file, like Strapi's own API tests: a private copy of the seeded template
 * database, the compiled app loaded and its routes mounted, then destroyed and dropped.
 */
export type TestApp = {
  strapi: Core.Strapi;
  database: string;
  http: () => request.Agent;
};

/** A private copy of the template database, named after it. */
export const copyTemplateDatabase = async () => {
  const template = process.env.TEST_TEMPLATE_DATABASE;
  if (!template) throw new Error('TEST_TEMPLATE_DATABASE is not set: run the tests through jest (globalSetup)');
  const database = `${template}_${crypto.randomBytes(4).toString('hex')}`;
  await createDatabase(database, template);
  return database;
};

export const startApp = async (options: TestEnvOptions = {}): Promise<TestApp> => {
  const database = await copyTemplateDatabase();
  applyTestEnv(database, options);
  const strapi = await createStrapi({ appDir: APP_DIR, distDir: DIST_DIR }).load();
  await strapi.server.mount();
  return { strapi, database, http: () => request.agent(strapi.server.httpServer) };
};

export const stopApp = async (app: TestApp | undefined) => {
  if (!app) return;
  await waitForIdleDatabase(app.strapi);
  await app.strapi.destroy();
  await dropDatabase(app.database);
};

/**
 * A test that needs a fresh app for itself (beforeAll/afterAll in the calling describe);
 * `options` is read when the app starts, after the describe's earlier beforeAll hooks.
 */
export const useApp = (options: () => TestEnvOptions = () => ({})) => {
  const holder: { app?: TestApp } = {};
  beforeAll(async () => {
    holder.app = await startApp(options());
  });
  afterAll(async () => {
    await stopApp(holder.app);
  });
  return () => {
    if (!holder.app) throw new Error('app not started');
    return holder.app;
  };
};

/**
 * A module of the app as the running app loaded it (from dist/), not ts-jest's own copy of the
 * source: state kept per module (async-local scopes, caches) is then the app's. Typed from the
 * source: `appModule<typeof import('../../src/scheduling/runner')>('scheduling/runner')`.
 */
export const appModule = <T>(modulePath: string): T =>
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  require(path.join(DIST_DIR, 'src', `${modulePath}.js`));
