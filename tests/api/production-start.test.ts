import crypto from 'crypto';
import fs from 'fs';
import path from 'path';
import { startInstance, type Instance } from '../../src/cli/instances';
import { parseEnvFile } from '../../src/bootstrap/production-secrets';
import { randomSecrets } from '../../scripts/lib/secrets';
import { createDatabase, databaseUrl, dropDatabase } from '../setup/database';
import { APP_DIR } from '../setup/env';

/**
 * `strapi start` in production, as a child process: it refuses unsafe secrets before serving,
 * and with real ones it serves with the production headers, admin cookies only over https and the rate
 * limit switched on.
 */
const examples = parseEnvFile(fs.readFileSync(path.join(APP_DIR, '.env.example'), 'utf8'));
// Fresh ones each run, as a deployment would have.
const realSecrets = randomSecrets();
const INITIAL_ADMIN = { email: 'prod-admin@leeds.example', password: `Prod-${crypto.randomBytes(6).toString('hex')}-9` };

const productionEnv = (database: string, overrides: Record<string, string | undefined>) => {
  const env: Record<string, string | undefined> = {
    ...process.env,
    ...realSecrets,
    NODE_ENV: 'production',
    // No .env of a developer's checkout may fill in what the test leaves out.
    ENV_PATH: path.join(APP_DIR, '.tmp', 'no-such.env'),
    DATABASE_CLIENT: 'postgres',
    DATABASE_URL: databaseUrl(database),
    DATABASE_POOL_MIN: '0',
    SERVE_ADMIN_PANEL: 'false',
    SEED_ON_EMPTY: 'false',
    TRUST_PROXY: 'true',
    RATE_LIMIT_ENABLED: undefined,
    RATE_LIMIT_MAX: '2',
    STRAPI_TELEMETRY_DISABLED: 'true',
    LOG_LEVEL: 'error',
    LOG_STARTUP: 'false',
    ...overrides,
  };
  return Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined)) as NodeJS.ProcessEnv;
};

/** `strapi start` as the deployment runs it, without waiting: some of these must not get far. */
const start = (env: NodeJS.ProcessEnv) => startInstance({ appDir: APP_DIR, env, readyPath: false });

describe('production start', () => {
  it.each([
    ['JWT_SECRET is missing', { JWT_SECRET: undefined }, 'JWT_SECRET is not set'],
    ['ADMIN_JWT_SECRET is the .env.example value', { ADMIN_JWT_SECRET: examples.ADMIN_JWT_SECRET }, 'ADMIN_JWT_SECRET is the example value'],
    ['APP_KEYS are the .env.example keys', { APP_KEYS: examples.APP_KEYS }, 'APP_KEYS is the example value'],
    ['INITIAL_ADMIN_PASSWORD is the .env.example value', { INITIAL_ADMIN_PASSWORD: examples.INITIAL_ADMIN_PASSWORD }, 'INITIAL_ADMIN_PASSWORD is the example value'],
  ])(
    'refuses to start when %s, exiting non-zero with a message naming it',
    async (_case, overrides, message) => {
      // A database that does not exist: the refusal must come before any connection.
      const run = await start(productionEnv('pcms_no_such_database', overrides));
      const code = await run.exited;
      expect(code).not.toBe(0);
      expect(run.output()).toContain(message);
      expect(run.output()).toContain('Refusing to start in production');
    },
    120_000,
  );

  it('refuses to create the first super admin with a weak INITIAL_ADMIN_PASSWORD', async () => {
    const database = `pcms_prod_weak_${crypto.randomBytes(4).toString('hex')}`;
    await createDatabase(database, process.env.TEST_TEMPLATE_DATABASE);
    try {
      const run = await start(productionEnv(database, { INITIAL_ADMIN_EMAIL: 'weak@leeds.example', INITIAL_ADMIN_PASSWORD: 'password' }));
      expect(await run.exited).not.toBe(0);
      expect(run.output()).toContain('INITIAL_ADMIN_PASSWORD is too weak: it needs a lower-case letter, a capital and a digit');
    } finally {
      await dropDatabase(database);
    }
  }, 180_000);

  describe('with real secrets', () => {
    const database = `pcms_prod_${crypto.randomBytes(4).toString('hex')}`;
    let server: Instance | undefined;
    const url = (p: string) => `${server!.baseUrl}${p}`;

    beforeAll(async () => {
      await createDatabase(database, process.env.TEST_TEMPLATE_DATABASE);
      server = await startInstance({
        appDir: APP_DIR,
        env: productionEnv(database, { INITIAL_ADMIN_EMAIL: INITIAL_ADMIN.email, INITIAL_ADMIN_PASSWORD: INITIAL_ADMIN.password }),
        readyPath: '/_health',
        timeoutMs: 150_000,
      });
    }, 180_000);

    afterAll(async () => {
      await server?.stop();
      await dropDatabase(database);
    }, 60_000);

    it('sends HSTS and the security headers, no X-Powered-By', async () => {
      const response = await fetch(url('/api/cities'));
      expect(response.status).toBe(200);
      expect(response.headers.get('strict-transport-security')).toBe('max-age=31536000; includeSubDomains');
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('x-frame-options')).toBe('SAMEORIGIN');
      expect(response.headers.get('referrer-policy')).toBe('no-referrer');
      expect(response.headers.get('content-security-policy')).toContain("default-src 'self'");
      expect(response.headers.get('x-powered-by')).toBeNull();
    });

    it('creates the first super admin from the environment, and lets nobody register one at /admin', async () => {
      const register = await fetch(url('/admin/register-admin'), {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Forwarded-Proto': 'https' },
        body: JSON.stringify({ email: 'intruder@example.com', password: 'Intruder-123', firstname: 'In', lastname: 'Truder' }),
      });
      expect(register.status).toBe(403);
      expect(((await register.json()) as { error: { message: string } }).error.message).toMatch(/^The first super admin is not registered here in production: set INITIAL_ADMIN_EMAIL/);
      const login = await fetch(url('/admin/login'), {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Forwarded-Proto': 'https' },
        body: JSON.stringify(INITIAL_ADMIN),
      });
      expect(login.status).toBe(200);
      expect(((await login.json()) as { data: { user: { roles?: unknown } } }).data.user).toBeDefined();
    });

    it('hands out the admin session cookie only over https, and then Secure and HttpOnly, however the path is spelled', async () => {
      const expectPlainHttpRefused = async (response: Response) => {
        expect(response.status).toBe(403);
        expect(((await response.json()) as { error: { message: string } }).error.message).toMatch(/^Admin sign-in needs https in production.*TRUST_PROXY=true.*ADMIN_ALLOW_PLAIN_HTTP=true/);
        expect(response.headers.getSetCookie().filter((line) => line.startsWith('strapi_admin_refresh='))).toEqual([]);
      };

      const login = (headers: Record<string, string>, path = '/admin/login') =>
        fetch(url(path), { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify(INITIAL_ADMIN) });
      const overHttps = await login({ 'X-Forwarded-Proto': 'https' });
      expect(overHttps.status).toBe(200);
      const cookie = overHttps.headers.getSetCookie().find((line) => line.startsWith('strapi_admin_refresh='));
      expect(cookie).toBeDefined();
      expect(cookie!.toLowerCase()).toEqual(expect.stringContaining('; secure'));
      expect(cookie!.toLowerCase()).toEqual(expect.stringContaining('; httponly'));
      expect(cookie!.toLowerCase()).toEqual(expect.stringContaining('; samesite=lax'));

      // Over plain http the cookie could not be Secure (Strapi would leave the flag off), so no
      // route that issues it answers there, whatever the spelling the router still matches.
      for (const path of ['/admin/login', '/ADMIN/login', '/Admin/Login/', '/admin/LOGIN']) await expectPlainHttpRefused(await login({}, path));
      const renew = (headers: Record<string, string>, path = '/admin/access-token') => fetch(url(path), { method: 'POST', headers: { Cookie: cookie!.split(';')[0], ...headers } });
      await expectPlainHttpRefused(await renew({}));
      await expectPlainHttpRefused(await renew({}, '/ADMIN/Access-Token'));
      expect((await renew({ 'X-Forwarded-Proto': 'https' })).status).toBe(200);
    });

    it('serves a favicon (browsers ask for one on every admin page)', async () => {
      const response = await fetch(url('/favicon.ico'));
      expect(response.status).toBe(200);
      expect((await response.arrayBuffer()).byteLength).toBeGreaterThan(100);
    });

    it('rate-limits the public API by default', async () => {
      const client = { 'X-Forwarded-For': '192.0.2.10' };
      const uncached = () => fetch(url(`/api/themes?filters[name][$eq]=${crypto.randomBytes(4).toString('hex')}`), { headers: client });
      expect((await uncached()).status).toBe(200);
      expect((await uncached()).status).toBe(200);
      const refused = await uncached();
      expect(refused.status).toBe(429);
      expect(refused.headers.get('retry-after')).toMatch(/^\d+$/);
    });
  });
});
