import { createCity } from '../helpers/builders';
import { adminLogin } from '../helpers/callers';
import { useApp } from '../helpers/strapi';
import { startTcpProxy, type TcpProxy } from '../helpers/tcp-proxy';
import { serverUrl } from '../setup/database';

const CITY = 'api::city.city';

/**
 * The scheduler's polls through a database outage: a poll on a pooled connection that went silent
 * would wait for minutes (TCP gives up slowly), and while it waits no other poll starts, so an
 * action due meanwhile would not run until long after the database came back. The database
 * watchdog watches polls as it watches requests.
 */
describe('scheduled actions across a silent database', () => {
  const holder: { proxy?: TcpProxy } = {};
  const proxy = () => holder.proxy!;
  beforeAll(async () => {
    const target = serverUrl();
    holder.proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port || 5432) });
  });
  // Before useApp: the proxy must forward again for the app to shut down and its database to be dropped.
  afterAll(async () => {
    await holder.proxy?.restore();
  });
  const app = useApp(() => ({ databasePort: proxy().port, env: { SCHEDULER_ENABLED: 'true', SCHEDULER_INTERVAL_MS: '200' } }));
  afterAll(async () => {
    await holder.proxy?.close();
  });

  it('runs an action that fell due during the outage soon after the database is back', async () => {
    const editor = await adminLogin(app(), 'international-relations-editor');
    const { documentId } = await createCity(app(), {}, 'draft');
    const due = new Date(Date.now() + 2000);
    const scheduled = await app().http().post('/scheduled-actions').set(editor.headers).send({ uid: CITY, documentId, locale: 'en', action: 'publish', at: due.toISOString() });
    expect(scheduled.status).toBe(201);

    // Silent: open connections (the pool's idle ones, which the next polls take) and new ones.
    proxy().blackhole();
    await new Promise((resolve) => setTimeout(resolve, 4000));
    await proxy().restore();
    const restored = Date.now();

    const published = async () => (await app().strapi.db.query(CITY).count({ where: { documentId, locale: 'en', publishedAt: { $notNull: true } } })) === 1;
    while (!(await published().catch(() => false))) {
      if (Date.now() - restored > 10_000) throw new Error('the action due during the outage had not run 10 s after the database came back');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(Date.now() - restored).toBeLessThan(5000);
  });
});
