import http from 'http';
import path from 'path';
import type { AddressInfo } from 'net';
import { LISTENER_APPLICATION_NAME } from '../../src/http-cache/cross-instance';
import { adminLogin, createApiToken, withToken } from '../helpers/callers';
import { appModule, useApp } from '../helpers/strapi';
import { startTcpProxy, type TcpProxy } from '../helpers/tcp-proxy';
import { queryDatabase, serverUrl } from '../setup/database';
import { DIST_DIR } from '../setup/env';

type Answer = { status: number; body: any; headers: http.IncomingHttpHeaders; ms: number };

/**
 * The app reaches PostgreSQL through a proxy the test owns. Cutting the proxy (refused, then
 * black-holed) must turn every request that needs the database into a 503 within 2 s, leave no
 * socket hanging and crash nothing; restoring it must bring the same process back.
 */
describe('database outages', () => {
  const holder: { proxy?: TcpProxy } = {};
  const proxy = () => holder.proxy!;
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown) => unhandled.push(reason);
  const timings: Record<string, number[]> = {};

  beforeAll(async () => {
    const target = serverUrl();
    holder.proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port || 5432) });
    process.on('unhandledRejection', onUnhandled);
  });
  // Declared before useApp: the proxy must forward again for the app to shut down and its database to be dropped.
  afterAll(async () => {
    await holder.proxy?.restore();
  });
  // Requests only: the scheduler's polls meet the outage too (tests/api/scheduler-outage.test.ts),
  // and their connections would make these counts of sockets depend on a poll's timing.
  const app = useApp(() => ({ databasePort: proxy().port, env: { SCHEDULER_ENABLED: 'false' } }));
  afterAll(async () => {
    process.off('unhandledRejection', onUnhandled);
    await holder.proxy?.close();
    // eslint-disable-next-line no-console
    console.log(`outage timings (ms): ${JSON.stringify(timings)}`);
  });

  let port = 0;
  const callers: Record<string, Record<string, string>> = {};
  let sequence = 0;

  beforeAll(async () => {
    callers.public = {};
    callers.readOnlyToken = withToken(await createApiToken(app(), 'read-only'));
    callers.fullAccessToken = withToken(await createApiToken(app(), 'full-access'));
    callers.admin = (await adminLogin(app())).headers;
    const server = app().strapi.server.httpServer;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });

  /** One request on its own connection (no keep-alive), timed. */
  const get = (urlPath: string, headers: Record<string, string> = {}) =>
    new Promise<Answer>((resolve, reject) => {
      const started = performance.now();
      const request = http.get({ host: '127.0.0.1', port, path: urlPath, headers, agent: false }, (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk) => chunks.push(chunk));
        response.on('end', () => {
          const text = Buffer.concat(chunks).toString();
          let body: unknown = text;
          try {
            body = JSON.parse(text);
          } catch {
            // not JSON: keep the text
          }
          resolve({ status: response.statusCode!, body, headers: response.headers, ms: Math.round(performance.now() - started) });
        });
      });
      request.setTimeout(10_000, () => request.destroy(new Error(`no answer to ${urlPath} within 10 s`)));
      request.on('error', reject);
    });

  /** Requests that need the database: uncached public reads, both kinds of token, the admin panel's API. */
  const databaseRequests = () => {
    sequence += 1;
    // A page size of its own makes each round miss the response cache.
    const page = `pagination[pageSize]=${sequence}`;
    return [
      { name: 'public list', path: `/api/cities?locale=fr&${page}`, headers: callers.public },
      { name: 'public populate', path: `/api/partnerships?populate=city&${page}`, headers: callers.public },
      { name: 'read-only token', path: `/api/themes?${page}`, headers: callers.readOnlyToken },
      { name: 'full-access token', path: `/api/projects?${page}`, headers: callers.fullAccessToken },
      { name: 'admin content manager', path: `/content-manager/collection-types/api::city.city?page=1&pageSize=${sequence}`, headers: callers.admin },
      { name: 'admin translations', path: `/translations/status?locale=fr`, headers: callers.admin },
      { name: 'admin me', path: `/admin/users/me`, headers: callers.admin },
    ];
  };

  const expectAllAnswer503Fast = async (phase: string) => {
    const answers = await Promise.all(databaseRequests().map(async (request) => ({ request, answer: await get(request.path, request.headers) })));
    timings[phase] = answers.map(({ answer }) => answer.ms);
    for (const { request, answer } of answers) {
      expect({ name: request.name, status: answer.status }).toEqual({ name: request.name, status: 503 });
      expect(answer.body).toEqual({
        data: null,
        error: { status: 503, name: 'ServiceUnavailableError', message: expect.stringContaining('database'), details: {} },
      });
      expect(answer.headers['retry-after']).toBe('5');
      expect(answer.ms).toBeLessThan(2000);
    }
  };

  const openHttpConnections = () =>
    new Promise<number>((resolve, reject) => app().strapi.server.httpServer.getConnections((error, count) => (error ? reject(error) : resolve(count))));

  /** A read answered from the response cache, which needs no database. */
  const warmCachedRead = async (urlPath: string) => {
    expect((await get(urlPath)).status).toBe(200);
    expect((await get(urlPath)).headers['x-cache']).toBe('HIT');
  };

  const listenerPids = async () =>
    (
      await queryDatabase<{ pid: number }>(app().database, 'select pid from pg_stat_activity where application_name like $1', [
        `${LISTENER_APPLICATION_NAME}:${process.pid}:%`,
      ])
    ).map(({ pid }) => pid);

  const cacheClears: string[] = [];
  beforeAll(() => {
    // The dist module: the one the app's middlewares use.
    const { responseCache } = require(path.join(DIST_DIR, 'src', 'http-cache', 'index.js'));
    responseCache(app().strapi).onInvalidate(({ reason }: { reason: string }) => cacheClears.push(reason));
  });

  /** Restores the proxy; the same process answers 200 again and its cache listener is back with an empty cache. */
  const expectRecovery = async (phase: string, listenerBefore: number[]) => {
    const clearsBefore = cacheClears.length;
    await proxy().restore();
    const restored = Date.now();
    let answer = await get(`/api/cities?locale=de&pagination[page]=${Date.now()}`);
    while (answer.status !== 200 && Date.now() - restored < 10_000) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      answer = await get(`/api/cities?locale=de&pagination[page]=${Date.now()}`);
    }
    expect(answer.status).toBe(200);
    expect(answer.body.meta.pagination.total).toBe(6);
    timings[`${phase}: first 200 after restore`] = [Date.now() - restored];
    for (const request of databaseRequests()) expect({ name: request.name, status: (await get(request.path, request.headers)).status }).toEqual({ name: request.name, status: 200 });

    for (let i = 0; i < 200 && !cacheClears.slice(clearsBefore).includes('cache listener reconnected'); i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(cacheClears.slice(clearsBefore)).toContain('cache listener reconnected');
    const listenerAfter = await listenerPids();
    expect(listenerAfter).toHaveLength(1);
    expect(listenerBefore).not.toContain(listenerAfter[0]);
    timings[`${phase}: listener back after restore`] = [Date.now() - restored];
  };

  it('serves normally through the proxy', async () => {
    for (const request of databaseRequests()) expect({ name: request.name, status: (await get(request.path, request.headers)).status }).toEqual({ name: request.name, status: 200 });
    expect(await listenerPids()).toHaveLength(1);
  });

  it('connection refused: 503 within 2 s everywhere, cached reads still answer, back without a restart', async () => {
    await warmCachedRead('/api/cities?locale=cs&pagination[pageSize]=90');
    const listenerBefore = await listenerPids();
    await proxy().refuse();

    await expectAllAnswer503Fast('refused');
    await expectAllAnswer503Fast('refused, again');
    const cached = await get('/api/cities?locale=cs&pagination[pageSize]=90');
    expect(cached.status).toBe(200);
    expect(cached.headers['x-cache']).toBe('HIT');
    const ready = await get('/_ready');
    expect(ready.status).toBe(503);
    expect(ready.body.database).toBe('unavailable');
    expect((await get('/_health')).status).toBe(204);
    expect(await openHttpConnections()).toBe(0);
    expect(proxy().open()).toHaveLength(0);

    await expectRecovery('refused', listenerBefore);
  });

  it('black-holed (new connections never answered, open ones silent): 503 within 2 s, no socket left hanging, back without a restart', async () => {
    await warmCachedRead('/api/cities?locale=cs&pagination[pageSize]=91');
    const listenerBefore = await listenerPids();
    // Connections open in the pool and the listener's: these go silent rather than closed.
    expect(proxy().open().length).toBeGreaterThanOrEqual(2);
    const cutAt = Date.now();
    proxy().blackhole();

    await expectAllAnswer503Fast('black-holed, open connections silent');
    await expectAllAnswer503Fast('black-holed, again');
    const cached = await get('/api/cities?locale=cs&pagination[pageSize]=91');
    expect(cached.status).toBe(200);
    expect(cached.headers['x-cache']).toBe('HIT');
    const ready = await get('/_ready');
    expect(ready.status).toBe(503);
    expect(ready.ms).toBeLessThan(2500);
    expect(await openHttpConnections()).toBe(0);

    // Every connection that was open at the cut is closed by the app (pool: watchdog; listener:
    // heartbeat), and each new, unanswered one is given up within the connect timeout.
    const settledBy = Date.now() + 10_000;
    const stale = () => proxy().open().filter(({ openedAt }) => openedAt < cutAt || Date.now() - openedAt > 1500);
    while (stale().length > 0 && Date.now() < settledBy) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(stale()).toEqual([]);
    timings['black-holed: all connections open at the cut closed after'] = [Date.now() - cutAt];

    await expectRecovery('black-holed', listenerBefore);
  });

  it('open connections gone silent while new ones work (a failover): answered within 2 s, then 200 on fresh connections', async () => {
    // Fill the pool with a few connections first, so requests meet silent ones.
    await Promise.all(databaseRequests().map((request) => get(request.path, request.headers)));
    const silencedAt = Date.now();
    proxy().silenceOpen();
    // Idle for a moment, as pooled connections are between requests.
    await new Promise((resolve) => setTimeout(resolve, 500));

    const answers = await Promise.all(databaseRequests().map(async (request) => ({ request, answer: await get(request.path, request.headers) })));
    timings['open connections silent'] = answers.map(({ answer }) => answer.ms);
    for (const { request, answer } of answers) {
      expect({ name: request.name, status: [200, 503].includes(answer.status) }).toEqual({ name: request.name, status: true });
      expect(answer.ms).toBeLessThan(2000);
    }
    for (const request of databaseRequests()) expect({ name: request.name, status: (await get(request.path, request.headers)).status }).toEqual({ name: request.name, status: 200 });
    // The silent connections are all closed by the app (the listener's by its heartbeat).
    const settledBy = Date.now() + 10_000;
    const silent = () => proxy().open().filter(({ openedAt }) => openedAt < silencedAt);
    while (silent().length > 0 && Date.now() < settledBy) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(silent()).toEqual([]);
  });

  it('new connections stalled while the pooled ones are answered (a server too busy to start backends): nothing is cut', async () => {
    const { createDatabaseWatchdog } = appModule<typeof import('../../src/health/database-watchdog')>('health/database-watchdog');
    const knex = app().strapi.db.connection;
    // Enough pooled connections open before the stall for the queries below.
    await Promise.all([1, 2, 3, 4].map(() => knex.raw('select pg_sleep(0.05)')));
    const watchdog = createDatabaseWatchdog(app().strapi);
    const started = Date.now();
    proxy().stallNew();
    const stopWatching = watchdog.watch();
    try {
      // A query long enough for the watchdog's check to time out on its new connection…
      const slow = Promise.resolve(knex.raw('select pg_sleep(2.5)'));
      // …while the pool's other connections keep getting answers.
      let answered = 0;
      while (Date.now() - started < 2500) {
        await knex.raw('select 1');
        answered += 1;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      await expect(slow).resolves.toBeDefined();
      expect(answered).toBeGreaterThan(10);
      expect(watchdog.failedSince(started)).toBe(false);
    } finally {
      stopWatching();
      await proxy().restore();
    }
  });

  it('a query no request waits for, on a connection gone silent, is cut within 2 s too', async () => {
    const knex = app().strapi.db.connection;
    // Pooled connections open and idle, then silent: the next query outside any request takes one.
    await Promise.all([1, 2, 3].map(() => knex.raw('select pg_sleep(0.05)')));
    proxy().silenceOpen();
    const started = Date.now();
    await expect(Promise.resolve(knex.raw('select 1'))).rejects.toThrow();
    expect(Date.now() - started).toBeLessThan(2000);
    // New connections work: the pool is back at once.
    await expect(Promise.resolve(knex.raw('select 1'))).resolves.toBeDefined();
  });

  it('left no unhandled rejection behind', () => {
    expect(unhandled).toEqual([]);
  });
});
