import { appModule, useApp } from '../helpers/strapi';

type Watchdog = typeof import('../../src/health/database-watchdog');

/**
 * The database watchdog under load: a busy event loop delays the reading of the server's answers,
 * and must not pass for a database gone silent (it would cut every pooled connection: 503s for
 * readers and refused saves, seen under `npm run storm`).
 */
describe('the database watchdog on a busy event loop', () => {
  const app = useApp();

  it('does not take a late event loop for a lost database', async () => {
    const { createDatabaseWatchdog, SLOW_REQUEST_MS, PROBE_TIMEOUT_MS } = appModule<Watchdog>('health/database-watchdog');
    const watchdog = createDatabaseWatchdog(app().strapi);
    const started = Date.now();
    const stopWatching = watchdog.watch();
    try {
      // A query still running when the watchdog's first check starts…
      const slow = Promise.resolve(app().strapi.db.connection.raw('select pg_sleep(3)'));
      await new Promise((resolve) => setTimeout(resolve, SLOW_REQUEST_MS));
      // …and the event loop busy past the check's deadline, as under heavy load.
      const until = Date.now() + PROBE_TIMEOUT_MS * 1.5;
      while (Date.now() < until) {
        // busy
      }
      await expect(slow).resolves.toBeDefined();
      expect(watchdog.failedSince(started)).toBe(false);
    } finally {
      stopWatching();
    }
  });
});
