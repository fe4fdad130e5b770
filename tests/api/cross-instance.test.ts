import { startInstance, type Instance } from '../../src/cli/instances';
import { LISTENER_APPLICATION_NAME } from '../../src/http-cache/cross-instance';
import { cityInput, seeded } from '../helpers/builders';
import { adminLogin } from '../helpers/callers';
import { recordingServer } from '../helpers/recording-server';
import { useApp } from '../helpers/strapi';
import { APP_DIR } from '../setup/env';
import { queryDatabase } from '../setup/database';

/** Two instances on one database: a publish through A is seen through B's cache within a second. */
describe('cache invalidation across instances', () => {
  const app = useApp();
  let instanceB: Instance;
  // B's edge cache: a recording server standing in for Varnish.
  let edgeOfB: Awaited<ReturnType<typeof recordingServer>>;
  const getB = (path: string) => fetch(`${instanceB.baseUrl}${path}`);

  beforeAll(async () => {
    edgeOfB = await recordingServer();
    // The same database as A (process.env holds A's test settings), in a process of its own.
    instanceB = await startInstance({ appDir: APP_DIR, env: { ...process.env, SEED_ON_EMPTY: 'false', SERVE_ADMIN_PANEL: 'false', VARNISH_PURGE_URLS: `${edgeOfB.url}/` } });
  }, 120_000);

  afterAll(async () => {
    await instanceB.stop();
    await edgeOfB.close();
  });

  /** Serves `path` from B's cache, then publishes a city through A and times how soon B shows it. */
  const publishThroughAAndWatchB = async (name: string) => {
    const path = `/api/cities?filters[name][$eq]=${encodeURIComponent(name)}`;
    await getB(path);
    const cached = await getB(path);
    expect(cached.headers.get('x-cache')).toBe('HIT');
    expect(((await cached.json()) as any).data).toEqual([]);

    await app().strapi.documents('api::city.city').create({ locale: 'en', status: 'published', data: cityInput({ name }) as any });
    const published = Date.now();
    for (;;) {
      const { data } = (await (await getB(path)).json()) as any;
      if (data.length === 1) return Date.now() - published;
      if (Date.now() - published > 5000) throw new Error(`B still stale after 5 s`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  };

  const listenersOfB = async () =>
    queryDatabase<{ pid: number }>(app().database, `select pid from pg_stat_activity where application_name like $1`, [
      `${LISTENER_APPLICATION_NAME}:${instanceB.child.pid}:%`,
    ]);

  it('B sees a publish through A within a second', async () => {
    expect(await publishThroughAAndWatchB('Twin Instance Town')).toBeLessThan(1000);
  });

  it('B drops only the answers A\'s change touched', async () => {
    const city = await app().strapi.documents('api::city.city').create({ locale: 'en', status: 'published', data: cityInput({ name: 'Precise Instance Town' }) as any });
    const cityPath = `/api/cities/${city.documentId}?fields[0]=summary`;
    // The create's own notification reaches B asynchronously: warm until B keeps the answer.
    for (const path of [cityPath, '/api/themes?fields[0]=name']) {
      for (let attempt = 0; attempt < 50 && (await getB(path)).headers.get('x-cache') !== 'HIT'; attempt += 1) await new Promise((resolve) => setTimeout(resolve, 20));
      expect((await getB(path)).headers.get('x-cache')).toBe('HIT');
    }
    await app().strapi.documents('api::city.city').update({ documentId: city.documentId, locale: 'en', status: 'published', data: { summary: 'Changed through A' } as any });
    const changed = Date.now();
    while ((((await (await getB(cityPath)).json()) as any).data.summary as string) !== 'Changed through A') {
      if (Date.now() - changed > 5000) throw new Error('B still stale after 5 s');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect((await getB('/api/themes?fields[0]=name')).headers.get('x-cache')).toBe('HIT');
  });

  it('B purges the edge again once it has dropped its own entries, so the edge cannot keep B\'s old answer', async () => {
    // A purges the edge right after COMMIT; an edge miss answered by B before B heard of the change
    // would be B's old answer, kept by the edge for HTTP_CACHE_EDGE_MAX_AGE: B's own purge removes it.
    const city = await app().strapi.documents('api::city.city').create({ locale: 'en', status: 'published', data: cityInput({ name: 'Edge Twin Town' }) as any });
    const purged = Date.now();
    const tags = () => edgeOfB.requests.filter((request) => request.method === 'PURGE').flatMap((request) => String(request.headers['xkey-purge'] ?? '').split(' '));
    while (!tags().includes(`d:${city.documentId}`) && Date.now() - purged < 5000) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(tags()).toEqual(expect.arrayContaining([`d:${city.documentId}`, 'l:city', 't:city']));
  });

  it('B\'s translation status shows a change of the English made through A within a second', async () => {
    const CITY = 'api::city.city';
    const editor = await adminLogin(app(), 'international-relations-editor');
    const lille = await seeded(app(), CITY, 'lille');
    const statusOnB = async () => {
      const response = await fetch(`${instanceB.baseUrl}/translations/status?locale=fr&uid=${CITY}`, { headers: editor.headers });
      return ((await response.json()) as any).data.documents.find((entry: { documentId: string }) => entry.documentId === lille)?.status;
    };
    // B reads (and keeps) the status first.
    expect(await statusOnB()).toBe('current');
    await app().strapi.documents(CITY).update({ documentId: lille, locale: 'en', status: 'published', data: { summary: 'Lille, changed through A for its translators.' } as any });
    const changed = Date.now();
    while ((await statusOnB()) !== 'outdated') {
      if (Date.now() - changed > 5000) throw new Error('B\'s status still stale after 5 s');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(Date.now() - changed).toBeLessThan(1000);
  });

  it('and again after B lost its listener connection and got it back', async () => {
    const [listenerB] = await listenersOfB();
    expect(listenerB).toBeDefined();
    await queryDatabase(app().database, 'select pg_terminate_backend($1)', [listenerB.pid]);
    for (let i = 0; i < 100; i += 1) {
      const current = await listenersOfB();
      if (current.length === 1 && current[0].pid !== listenerB.pid) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect((await listenersOfB())[0]?.pid).not.toBe(listenerB.pid);
    expect(await publishThroughAAndWatchB('Reconnected Instance Town')).toBeLessThan(1000);
  });
});
