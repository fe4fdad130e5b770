import { createDatabase, dropDatabase, ensureTestServer, stopTestServer } from '../setup/database';
import { freePort } from '../../src/cli/instances';
import { previewSecrets } from '../../scripts/lib/secrets';
import { startProductionServer } from './support/server';
import { startReferenceSite } from './support/site';
import { createUsers, newCredentials } from './support/users';

/**
 * Once per run: a throwaway PostgreSQL database (on the server npm test would use, started from
 * npm when there is none), the production build started on it (which
 * migrates and seeds it), the reference site (site/) reading it, with preview from the admin
 * panel wired between the two, and one user per role. The returned function, which Playwright runs
 * after the last test (also when tests fail), stops the server and drops the database.
 */
export default async () => {
  // Debugging aid: E2E_BASE_URL points the tests at a server started by hand (users are created
  // on it, signed in as E2E_SUPER_ADMIN_EMAIL / _PASSWORD, unless E2E_USERS is set too), and
  // nothing is stopped or dropped afterwards.
  if (process.env.E2E_BASE_URL) {
    const superAdmin = { ...newCredentials('superAdmin'), email: process.env.E2E_SUPER_ADMIN_EMAIL ?? '', password: process.env.E2E_SUPER_ADMIN_PASSWORD ?? '' };
    process.env.E2E_USERS ??= JSON.stringify(await createUsers(process.env.E2E_BASE_URL, superAdmin));
    return undefined;
  }
  const started = Date.now();
  const database = `pcms_e2e_${Date.now()}_${process.pid}`;
  await ensureTestServer();
  await createDatabase(database);
  let stopServer: (() => Promise<void>) | undefined;
  let stopSite: (() => Promise<void>) | undefined;
  const teardown = async () => {
    await stopSite?.();
    await stopServer?.();
    await dropDatabase(database);
    await stopTestServer();
  };
  try {
    const superAdmin = newCredentials('superAdmin');
    const preview = previewSecrets();
    const sitePort = await freePort();
    const siteUrl = `http://127.0.0.1:${sitePort}`;
    const server = await startProductionServer(database, superAdmin, { SITE_URL: siteUrl, ...preview });
    stopServer = server.stop;
    const site = await startReferenceSite({ port: sitePort, cmsUrl: server.baseUrl, siteUrl, previewSecret: preview.PREVIEW_SECRET, previewToken: preview.PREVIEW_TOKEN });
    stopSite = site.stop;
    process.env.E2E_SITE_URL = siteUrl;
    const users = await createUsers(server.baseUrl, superAdmin);
    // Workers inherit the environment of the global set-up.
    process.env.E2E_BASE_URL = server.baseUrl;
    process.env.E2E_USERS = JSON.stringify(users);
    console.log(`[e2e] production server on ${server.baseUrl}, reference site on ${siteUrl}, database ${database}, ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  } catch (error) {
    await teardown();
    throw error;
  }
  return teardown;
};
