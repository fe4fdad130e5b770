import crypto from 'crypto';
import { startInstance, type Instance } from '../../src/cli/instances';
import { cityInput, createCity } from '../helpers/builders';
import { adminLogin, createApiToken, withToken } from '../helpers/callers';
import { appModule, useApp } from '../helpers/strapi';
import { exportXliffText } from '../helpers/xliff';
import { createDatabase, databaseUrl, dropDatabase, queryDatabase } from '../setup/database';
import { APP_DIR } from '../setup/env';
import SEED_CITIES from '../../database/seed/cities/en.json';

const CITY = 'api::city.city';
const TABLES = ['themes', 'cities', 'partnerships', 'projects', 'international_relations_pages'];
const cm = (documentId?: string) => `/content-manager/collection-types/${CITY}${documentId ? `/${documentId}` : ''}`;
type Caller = { headers: Record<string, string> };
type Answer = { status: number; body: any };

/**
 * Writes that race, checked against the database after every round: one draft and at most one
 * published row per (document, locale), slugs unique per (locale, state), no 5xx, and every
 * answered success visible in the rows.
 */
describe('concurrent writes', () => {
  const app = useApp();
  let editor: Caller;
  let translatorFr: Caller;
  let translatorDe: Caller;

  beforeAll(async () => {
    editor = await adminLogin(app(), 'international-relations-editor');
    translatorFr = await adminLogin(app(), 'translator-fr');
    translatorDe = await adminLogin(app(), 'translator-de');
  });

  /** The oracle: the rows themselves. */
  const invariantBreaches = async () => {
    const breaches: unknown[] = [];
    for (const table of TABLES) {
      breaches.push(
        ...(await queryDatabase(
          app().database,
          `select '${table}' as "table", document_id, locale, published_at is null as draft, count(*)::int as rows from ${table} group by document_id, locale, published_at is null having count(*) > 1`,
        )),
      );
      if (table !== 'international_relations_pages') {
        breaches.push(
          ...(await queryDatabase(
            app().database,
            `select '${table}' as "table", slug, locale, published_at is null as draft, count(distinct document_id)::int as documents from ${table} group by slug, locale, published_at is null having count(distinct document_id) > 1`,
          )),
        );
      }
    }
    return breaches;
  };

  const noServerErrors = (answers: Answer[]) => expect(answers.filter((answer) => answer.status >= 500).map((answer) => `${answer.status} ${JSON.stringify(answer.body)}`)).toEqual([]);

  const rowsOf = (documentId: string, locale: string) => queryDatabase(app().database, 'select id, name, published_at from cities where document_id = $1 and locale = $2', [documentId, locale]);

  it('eight Content Manager saves that each create the French version of one document make one French draft', async () => {
    const city = await createCity(app());
    const answers: Answer[] = await Promise.all(
      Array.from({ length: 8 }, (_, index) => app().http().put(`${cm(city.documentId)}?locale=fr`).set(index % 2 ? editor.headers : translatorFr.headers).send({ locale: 'fr', name: `Ville ${index}` })),
    );
    noServerErrors(answers);
    const succeeded = answers.filter((answer) => answer.status === 200);
    expect(succeeded.length).toBeGreaterThanOrEqual(1);
    // Refusals say what clashed.
    for (const refused of answers.filter((answer) => answer.status !== 200)) expect(refused).toMatchObject({ status: 409, body: { error: { details: { code: 'version-exists' } } } });
    const rows = await rowsOf(city.documentId, 'fr');
    expect(rows).toHaveLength(1);
    // The row holds one of the answered successes (the last to commit).
    expect(succeeded.map((answer) => answer.body.data.name)).toContain(rows[0].name);
    expect(await invariantBreaches()).toEqual([]);

    const published = await app().http().post(`${cm(city.documentId)}/actions/publish?locale=fr`).set(editor.headers).send({ locale: 'fr' });
    expect(published.status).toBe(200);
    const list = await app().http().get(`/api/cities?locale=fr&filters[documentId][$eq]=${city.documentId}`);
    expect(list.body.data).toHaveLength(1);
  });

  it('eight XLIFF imports at once that each create the German version make one German draft', async () => {
    const city = await createCity(app());
    const { xml } = await exportXliffText(app(), `locale=de&uid=${CITY}&status=missing`, editor);
    const translated = xml.replace(/(<source>([^<]*)<\/source>)(\s*)(<target[^>]*>[^<]*<\/target>|)/g, (_all, source: string, text: string, space: string) => `${source}${space}<target state="translated">${text} (de)</target>`);
    const answers: Answer[] = await Promise.all(Array.from({ length: 8 }, () => app().http().post('/translations/xliff?locale=de').set(translatorDe.headers).set('Content-Type', 'application/xliff+xml').send(translated)));
    noServerErrors(answers);
    expect(answers.filter((answer) => answer.status === 200).length).toBeGreaterThanOrEqual(1);
    expect(await rowsOf(city.documentId, 'de')).toHaveLength(1);
    expect(await invariantBreaches()).toEqual([]);
  });

  it('six creates with one name get distinct slugs, or a 409 that names the slug', async () => {
    const name = `Racetown ${crypto.randomBytes(3).toString('hex')}`;
    const answers: Answer[] = await Promise.all(Array.from({ length: 6 }, () => app().http().post(`${cm()}?locale=en`).set(editor.headers).send({ ...cityInput({ name }), locale: 'en' })));
    noServerErrors(answers);
    for (const refused of answers.filter((answer) => answer.status !== 201)) expect(refused).toMatchObject({ status: 409, body: { error: { details: { code: 'slug-taken' } } } });
    const created = answers.filter((answer) => answer.status === 201).map((answer) => answer.body.data.documentId);
    expect(created.length).toBeGreaterThanOrEqual(1);
    const rows = await queryDatabase(app().database, 'select document_id, slug from cities where name = $1 and locale = $2 and published_at is null', [name, 'en']);
    expect(rows.map((row) => row.document_id).sort()).toEqual([...created].sort());
    expect(new Set(rows.map((row) => row.slug)).size).toBe(rows.length);
    // Published together, one slug still names one document.
    await Promise.all(created.map((documentId) => app().http().post(`${cm(documentId)}/actions/publish?locale=en`).set(editor.headers).send({ locale: 'en' })));
    expect(await invariantBreaches()).toEqual([]);
  });

  it('eight writes of every kind at once on one document, round after round, keep the invariants and answer no 5xx', async () => {
    const { runDueActions } = appModule<typeof import('../../src/scheduling/runner')>('scheduling/runner');
    const token = await createApiToken(app(), 'full-access');
    const city = await createCity(app());
    const scheduledNow = (action: 'publish' | 'unpublish') =>
      app().strapi.db.query('api::scheduled-action.scheduled-action').create({
        data: { targetUid: CITY, targetDocumentId: city.documentId, targetLabel: 'race', locale: '*', action, scheduledAt: new Date(Date.now() - 1000), state: 'pending', actorType: 'system', actorName: 'test' },
      });
    await app().http().put(`${cm(city.documentId)}?locale=fr`).set(editor.headers).send({ locale: 'fr', name: 'Ville de course' });
    const kinds: Array<() => Promise<Answer>> = [
      () => app().http().put(`${cm(city.documentId)}?locale=en`).set(editor.headers).send({ locale: 'en', summary: `English ${crypto.randomBytes(2).toString('hex')}`, population: Math.floor(Math.random() * 1e6) }),
      () => app().http().put(`${cm(city.documentId)}?locale=fr`).set(translatorFr.headers).send({ locale: 'fr', summary: `Français ${crypto.randomBytes(2).toString('hex')}` }),
      () => app().http().put(`${cm(city.documentId)}?locale=de`).set(translatorDe.headers).send({ locale: 'de', name: `Wettstadt ${crypto.randomBytes(2).toString('hex')}` }),
      () => app().http().post(`${cm(city.documentId)}/actions/publish?locale=en`).set(editor.headers).send({ locale: 'en' }),
      () => app().http().post(`${cm(city.documentId)}/actions/publish?locale=fr`).set(translatorFr.headers).send({ locale: 'fr' }),
      () => app().http().post(`${cm(city.documentId)}/actions/unpublish?locale=fr`).set(editor.headers).send({ locale: 'fr' }),
      () => app().http().post(`${cm(city.documentId)}/actions/discard?locale=de`).set(editor.headers).send({ locale: 'de' }),
      () => app().http().post('/translations/publish').set(editor.headers).send({ locale: 'fr' }),
      // REST with a token: writes (creates, after a delete) the Czech version and publishes it.
      () => app().http().put(`/api/cities/${city.documentId}?locale=cs`).set(withToken(token)).send({ data: { name: `Závodní ${crypto.randomBytes(2).toString('hex')}` } }),
      () => app().http().delete(`${cm(city.documentId)}?locale=cs`).set(editor.headers),
      // A scheduled publish of every locale falling due now, run by the scheduler.
      async () => {
        await scheduledNow('publish');
        await runDueActions(app().strapi);
        return { status: 200, body: null };
      },
    ];
    for (let round = 0; round < 4; round += 1) {
      const answers = await Promise.all(kinds.map((kind) => kind()));
      noServerErrors(answers);
      expect(await invariantBreaches()).toEqual([]);
      // A scheduled action that ran either did its work or failed with a reason, never stayed half-done.
      const stuck = await app().strapi.db.query('api::scheduled-action.scheduled-action').count({ where: { targetDocumentId: city.documentId, state: 'pending' } });
      expect(stuck).toBe(0);
    }
  });

  describe('three instances started at once on one empty database', () => {
    const database = `pcms_empty_${crypto.randomBytes(4).toString('hex')}`;
    const instances: Instance[] = [];
    afterAll(async () => {
      await Promise.all(instances.map((instance) => instance.stop()));
      await dropDatabase(database);
    });

    it('all come up, and the seed is written exactly once', async () => {
      await createDatabase(database);
      const env = { ...process.env, DATABASE_URL: databaseUrl(database), SEED_ON_EMPTY: 'true', SERVE_ADMIN_PANEL: 'false', SCHEDULER_ENABLED: 'false' };
      const started = await Promise.allSettled([0, 1, 2].map(() => startInstance({ appDir: APP_DIR, env })));
      for (const result of started) if (result.status === 'fulfilled') instances.push(result.value);
      expect(started.map((result) => (result.status === 'rejected' ? String(result.reason).slice(0, 300) : 'up'))).toEqual(['up', 'up', 'up']);
      for (const instance of instances) expect((await fetch(`${instance.baseUrl}/api/cities?locale=en`)).status).toBe(200);
      const [{ cities }] = await queryDatabase(database, "select count(*)::int as cities from cities where locale = 'en' and published_at is null");
      expect(cities).toBe(Object.keys(SEED_CITIES).length);
      const indexes = await queryDatabase(database, "select indexname from pg_indexes where tablename = 'cities' and indexname like '%_uq'");
      expect(indexes.map((row) => row.indexname).sort()).toEqual(['cities_one_draft_uq', 'cities_one_published_uq', 'cities_slug_draft_uq', 'cities_slug_published_uq']);
    });
  });
});
