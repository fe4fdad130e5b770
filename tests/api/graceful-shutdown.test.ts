import http from 'http';
import { Client } from 'pg';
import type { ChildProcess } from 'child_process';
import { freePort, startInstance } from '../../src/cli/instances';
import { LISTENER_APPLICATION_NAME } from '../../src/http-cache/cross-instance';
import { copyTemplateDatabase } from '../helpers/strapi';
import { startTcpProxy, type TcpProxy } from '../helpers/tcp-proxy';
import { databaseUrl, dropDatabase, queryDatabase, serverUrl } from '../setup/database';
import { APP_DIR, applyTestEnv } from '../setup/env';

let PORT = 0;

type Answer = { status: number; body: any; ms: number };

const get = (urlPath: string) =>
  new Promise<Answer>((resolve, reject) => {
    const started = performance.now();
    const request = http.get({ host: '127.0.0.1', port: PORT, path: urlPath, agent: false }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk) => chunks.push(chunk));
      response.on('end', () =>
        resolve({ status: response.statusCode!, body: JSON.parse(Buffer.concat(chunks).toString()), ms: Math.round(performance.now() - started) }),
      );
    });
    request.on('error', reject);
  });

/**
 * SIGTERM on the compiled app in its own process (reaching PostgreSQL through a proxy that tells
 * how each connection ended), during a request kept in flight by a table lock the test holds: the
 * request completes, new connections are refused, every database connection is closed with a
 * goodbye, and the process exits 0.
 */
describe('SIGTERM', () => {
  let database: string;
  let proxy: TcpProxy;
  let child: ChildProcess;

  beforeAll(async () => {
    database = await copyTemplateDatabase();
    const target = serverUrl();
    proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port || 5432) });
    const environment = { ...process.env };
    applyTestEnv(database, { databasePort: proxy.port });
    PORT = await freePort();
    const instance = await startInstance({ appDir: APP_DIR, port: PORT, env: { ...process.env, SEED_ON_EMPTY: 'false', SERVE_ADMIN_PANEL: 'false' } });
    child = instance.child;
    process.env = environment;
  }, 120_000);

  afterAll(async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGKILL');
      await exited;
    }
    await proxy.close();
    await dropDatabase(database);
  });

  const connectionsOfChild = () =>
    queryDatabase<{ application_name: string }>(
      database,
      'select application_name from pg_stat_activity where datname = $1 and (application_name = $2 or application_name like $3)',
      [database, `partner-cities-cms:${child.pid}`, `${LISTENER_APPLICATION_NAME}:${child.pid}:%`],
    );

  it('finishes the request in flight, refuses new connections, closes the pool and exits 0', async () => {
    expect((await get('/api/cities?locale=fr')).status).toBe(200);
    const names = (await connectionsOfChild()).map(({ application_name }) => application_name);
    expect(names).toContain(`partner-cities-cms:${child.pid}`);
    expect(names.some((name) => name.startsWith(`${LISTENER_APPLICATION_NAME}:${child.pid}:`))).toBe(true);

    const exited = new Promise<{ code: number | null; signal: string | null }>((resolve) =>
      child.once('exit', (code, signal) => resolve({ code, signal })),
    );
    // The request's read of the cities table waits for this lock, released 900 ms later.
    const locker = new Client({ connectionString: databaseUrl(database) });
    await locker.connect();
    await locker.query('begin');
    await locker.query('lock table cities in access exclusive mode');
    const inFlight = get('/api/cities?locale=de&pagination[pageSize]=3');
    await new Promise((resolve) => setTimeout(resolve, 250));
    child.kill('SIGTERM');
    await new Promise((resolve) => setTimeout(resolve, 150));

    const refused = await get('/api/cities?locale=fr').then(
      (answer) => `answered ${answer.status}`,
      (error: NodeJS.ErrnoException) => error.code,
    );
    expect(refused).toBe('ECONNREFUSED');
    await new Promise((resolve) => setTimeout(resolve, 500));
    await locker.query('commit');
    await locker.end();

    const answer = await inFlight;
    expect(answer.status).toBe(200);
    expect(answer.body.data).toHaveLength(3);
    // It really was in flight when the signal came.
    expect(answer.ms).toBeGreaterThanOrEqual(900);

    expect(await exited).toEqual({ code: 0, signal: null });
    // Every database connection was closed with PostgreSQL's Terminate message, none just dropped.
    expect(proxy.endings().dropped).toBe(0);
    expect(proxy.endings().terminated).toBeGreaterThanOrEqual(2);
    let remaining = await connectionsOfChild();
    for (let i = 0; i < 20 && remaining.length > 0; i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      remaining = await connectionsOfChild();
    }
    expect(remaining).toEqual([]);
  });
});
