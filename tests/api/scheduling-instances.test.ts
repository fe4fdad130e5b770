import { startInstance, type Instance } from '../../src/cli/instances';
import { createCity } from '../helpers/builders';
import { adminLogin } from '../helpers/callers';
import { appModule, useApp } from '../helpers/strapi';

// The app's own runner: the audit scope it sets must be the one the app's middlewares read.
const { runDueActions } = appModule<typeof import('../../src/scheduling/runner')>('scheduling/runner');
import { APP_DIR } from '../setup/env';

const CITY = 'api::city.city';
const AUDIT = 'api::audit-log-entry.audit-log-entry';
const SCHEDULED = 'api::scheduled-action.scheduled-action';
type Caller = { headers: Record<string, string> };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Scheduled actions with several instances on one database, and with none running at the time. */
describe('scheduled actions across instances', () => {
  // This process schedules and checks; it runs no due actions of its own unless a test says so.
  const app = useApp(() => ({ env: { SCHEDULER_ENABLED: 'false' } }));
  let editor: Caller;
  const instances: Instance[] = [];
  const startRunner = async (env: Record<string, string> = {}) => {
    const instance = await startInstance({ appDir: APP_DIR, env: { ...process.env, SEED_ON_EMPTY: 'false', SERVE_ADMIN_PANEL: 'false', SCHEDULER_ENABLED: 'true', ...env } });
    instances.push(instance);
    return instance;
  };

  beforeAll(async () => {
    editor = await adminLogin(app(), 'international-relations-editor');
  });

  // Each test's runners stop when it ends, passed or failed, so a failure never leaves pollers for the next.
  afterEach(async () => {
    await Promise.all(instances.splice(0).map((instance) => instance.stop()));
  });

  const schedulePublish = async (documentId: string, at: Date) => {
    const response = await app().http().post('/scheduled-actions').set(editor.headers).send({ uid: CITY, documentId, locale: 'en', action: 'publish', at: at.toISOString() });
    expect(response.status).toBe(201);
    return response.body.data.id as number;
  };
  const actionsOf = (ids: number[]) => app().strapi.db.query(SCHEDULED).findMany({ where: { id: { $in: ids } }, orderBy: { id: 'asc' } });
  const waitUntilRun = async (ids: number[], timeoutMs: number) => {
    const started = Date.now();
    for (;;) {
      const actions = await actionsOf(ids);
      if (actions.every((action: any) => action.state !== 'pending')) return actions;
      if (Date.now() - started > timeoutMs) throw new Error(`still pending after ${timeoutMs} ms: ${JSON.stringify(actions)}`);
      await sleep(100);
    }
  };
  /** How many times each document was published by schedule, by the audit log. */
  const publishCounts = async (documentIds: string[]) =>
    Promise.all(documentIds.map((documentId) => app().strapi.db.query(AUDIT).count({ where: { targetDocumentId: documentId, action: 'scheduled-publish' } })));

  it('two instances polling and twelve actions due at the same moment: each runs exactly once', async () => {
    // Polling every 50 ms, the two instances ask for due actions at the same time again and again.
    const [b, c] = await Promise.all([startRunner({ SCHEDULER_INTERVAL_MS: '50' }), startRunner({ SCHEDULER_INTERVAL_MS: '50' })]);
    const cities = await Promise.all(Array.from({ length: 12 }, () => createCity(app(), {}, 'draft')));
    const due = new Date(Date.now() + 3000);
    const ids = await Promise.all(cities.map(({ documentId }) => schedulePublish(documentId, due)));

    const actions = await waitUntilRun(ids, 10_000);
    expect(actions.map((action: any) => action.state)).toEqual(ids.map(() => 'done'));
    expect(await publishCounts(cities.map((city) => city.documentId))).toEqual(ids.map(() => 1));
    const published = await app().strapi.db.query(CITY).count({ where: { documentId: { $in: cities.map((city) => city.documentId) }, locale: 'en', publishedAt: { $notNull: true } } });
    expect(published).toBe(12);
    // Both instances took part (which one ran each action is recorded).
    const runners = new Set(actions.map((action: any) => action.ranBy));
    expect([...runners].every((ranBy) => [b, c].some((instance) => ranBy.endsWith(`:${instance.child.pid}`)))).toBe(true);
    // On time: polling every 50 ms, an action runs within a few hundred ms of its time; the bound is
    // ten times that, so a busy machine does not fail it (2,005 ms once failed a 2,000 ms bound).
    for (const action of actions) expect(new Date(action.ranAt).getTime() - due.getTime()).toBeLessThan(5000);
  }, 120_000);

  it('four pollers in one process at once, on many due actions: the row locks give each action to one', async () => {
    const cities = await Promise.all(Array.from({ length: 20 }, () => createCity(app(), {}, 'draft')));
    const due = new Date(Date.now() + 24 * 3_600_000);
    const ids = await Promise.all(cities.map(({ documentId }) => schedulePublish(documentId, due)));
    const later = () => new Date(due.getTime() + 1000);
    const ran = await Promise.all([1, 2, 3, 4].map(() => runDueActions(app().strapi, later)));
    expect(ran.reduce((sum, count) => sum + count, 0)).toBe(20);
    expect((await actionsOf(ids)).map((action: any) => [action.state, action.failure])).toEqual(ids.map(() => ["done", null]));
    expect(await publishCounts(cities.map((city) => city.documentId))).toEqual(ids.map(() => 1));
  });

  it('an action that fell due while no instance ran runs at the next start, and says it was late', async () => {
    const { documentId } = await createCity(app(), {}, 'draft');
    const due = new Date(Date.now() + 1000);
    const [id] = [await schedulePublish(documentId, due)];
    await sleep(3000);
    expect((await actionsOf([id]))[0].state).toBe('pending');

    const started = Date.now();
    const b = await startRunner({ SCHEDULER_LATE_AFTER_MS: '1000' });
    const [action] = await waitUntilRun([id], 10_000);
    expect(action).toMatchObject({ state: 'done', ranBy: expect.stringMatching(new RegExp(`:${b.child.pid}$`)) });
    expect(action.lateBySeconds).toBeGreaterThanOrEqual(3);
    expect(new Date(action.ranAt).getTime()).toBeGreaterThanOrEqual(started);
    const served = await fetch(`${b.baseUrl}/api/cities?filters[documentId][$eq]=${documentId}`);
    expect(((await served.json()) as any).data).toHaveLength(1);
  }, 120_000);
});
