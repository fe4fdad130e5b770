import { seeded } from '../helpers/builders';
import { adminLogin } from '../helpers/callers';
import { useApp } from '../helpers/strapi';

/**
 * Round trips per editor write: under public load each one waits its turn in the event loop, so
 * their number, not the database's speed, sets how long a save takes. These budgets hold every
 * rule (validation, slugs, locale sync, fingerprints, audit, history, invalidation) and fail when
 * a change brings back per-locale or per-document queries (a theme's publish made 231 before
 * locale sync read each relation's targets for every locale at once and re-linked only the locale
 * and state a publish replaced).
 */
describe('round trips per editor write', () => {
  const app = useApp();
  let admin: Record<string, string>;
  beforeAll(async () => {
    admin = (await adminLogin(app())).headers;
  });

  const queriesDuring = async (run: () => Promise<{ status: number }>) => {
    const queries: string[] = [];
    const listen = (query: { sql: string }) => queries.push(query.sql);
    app().strapi.db.connection.on('query', listen);
    try {
      expect((await run()).status).toBe(200);
    } finally {
      app().strapi.db.connection.off('query', listen);
    }
    return queries.length;
  };

  const cases = [
    { uid: 'api::theme.theme', slug: 'peace', field: 'description', save: 70, publish: 130 },
    { uid: 'api::city.city', slug: 'lille', field: 'summary', save: 75, publish: 140 },
    { uid: 'api::partnership.partnership', slug: 'leeds-lille', field: 'summary', save: 95, publish: 220 },
  ];

  it.each(cases)('$uid: a save and a publish in the Content Manager stay within their budgets', async ({ uid, slug, field, save, publish }) => {
    const documentId = await seeded(app(), uid, slug);
    const base = `/content-manager/collection-types/${uid}/${documentId}`;
    const saved = await queriesDuring(() => app().http().put(`${base}?locale=en`).set(admin).send({ [field]: `A new English text for ${slug}.` }));
    const published = await queriesDuring(() => app().http().post(`${base}/actions/publish?locale=en`).set(admin).send({}));
    expect(saved).toBeLessThanOrEqual(save);
    expect(published).toBeLessThanOrEqual(publish);
  });
});
