import { setDatabaseReachable } from '../setup/database';
import { useApp } from '../helpers/strapi';

/** GET /_ready follows the database: 503 while it cannot be reached, 200 again once it can. */
describe('GET /_ready', () => {
  const holder: { database?: string } = {};
  // Declared before useApp so it runs before the app's database is dropped, should a test fail half-way.
  afterAll(async () => {
    if (holder.database) await setDatabaseReachable(holder.database, true);
  });
  const app = useApp();
  beforeAll(() => {
    holder.database = app().database;
  });

  it('answers 200 when the database answers', async () => {
    const response = await app().http().get('/_ready');
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ database: 'ok' });
    expect(response.headers['cache-control']).toBe('no-store');
  });

  it('answers 503 within 2 s while the database is unreachable, and recovers without a restart', async () => {
    // Knex's own warnings about the lost connections go to the app's logger, not to the console.
    const consoleLog = jest.spyOn(console, 'log');
    const appWarn = jest.spyOn(app().strapi.log, 'warn');
    await setDatabaseReachable(app().database, false);
    const started = Date.now();
    const down = await app().http().get('/_ready');
    expect(down.status).toBe(503);
    // Only that: the driver's message names the database, its host and user, and stays in the log.
    expect(down.body).toEqual({ database: 'unavailable' });
    expect(Date.now() - started).toBeLessThan(2500);
    expect((await app().http().get('/_health')).status).toBe(204);

    await setDatabaseReachable(app().database, true);
    let up = await app().http().get('/_ready');
    for (let i = 0; i < 20 && up.status !== 200; i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      up = await app().http().get('/_ready');
    }
    expect(up.status).toBe(200);

    const printed = consoleLog.mock.calls.map((args) => String(args[0]));
    const logged = appWarn.mock.calls.map((args) => String(args[0]));
    consoleLog.mockRestore();
    appWarn.mockRestore();
    expect(printed.filter((line) => line.includes('Connection Error'))).toEqual([]);
    expect(logged).toContainEqual(expect.stringMatching(/^database: Connection Error: /));
    expect(logged).toContainEqual(expect.stringMatching(/^\/_ready: database unavailable \(.+\)$/));
  });
});
