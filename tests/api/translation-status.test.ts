import { cityInput, createCity, seeded } from '../helpers/builders';
import { adminLogin } from '../helpers/callers';
import { useApp } from '../helpers/strapi';

const CITY = 'api::city.city';
const PARTNERSHIP = 'api::partnership.partnership';

/** Translation status: missing, outdated or current, exactly, per locale and type. */
describe('translation status', () => {
  // No scheduler: its polls (every second) would land among the queries counted below.
  const app = useApp(() => ({ env: { SCHEDULER_ENABLED: 'false' } }));
  let editor: { headers: Record<string, string> };
  let translatorFr: { headers: Record<string, string> };
  let translatorDe: { headers: Record<string, string> };

  beforeAll(async () => {
    editor = await adminLogin(app(), 'international-relations-editor');
    translatorFr = await adminLogin(app(), 'translator-fr');
    translatorDe = await adminLogin(app(), 'translator-de');
  });

  const status = async (query: string, who = editor) => {
    const response = await app().http().get(`/translations/status?${query}`).set(who.headers);
    expect(response.status).toBe(200);
    return response.body.data;
  };
  const statusOf = async (locale: string, uid: string, documentId: string) =>
    (await status(`locale=${locale}&uid=${uid}`)).documents.find((entry: any) => entry.documentId === documentId)?.status;
  const documents = (uid: string) => app().strapi.documents(uid as any);

  it('finds every seeded translation current, with counts per type', async () => {
    for (const locale of ['fr', 'de', 'cs', 'zh-Hans']) {
      const { counts, byType } = await status(`locale=${locale}`);
      expect(counts.total).toBeGreaterThan(50);
      expect(counts).toMatchObject({ current: counts.total, outdated: 0, missing: 0 });
      expect(byType[CITY]).toEqual({ total: 6, current: 6, outdated: 0, missing: 0 });
    }
    const cities = await status('locale=fr&uid=api::city.city');
    expect(cities.documents).toHaveLength(6);
    expect(cities.documents[0]).toMatchObject({ uid: CITY, status: 'current' });
    expect(cities.documents.map((entry: any) => entry.label)).toContain('Lille');
  });

  it('marks translations outdated when the English text changes, for every locale', async () => {
    const lille = await seeded(app(), CITY, 'lille');
    await documents(CITY).update({ documentId: lille, locale: 'en', status: 'published', data: { summary: 'A new English summary of Lille.' } as any });
    for (const locale of ['fr', 'de', 'cs', 'zh-Hans']) expect(await statusOf(locale, CITY, lille)).toBe('outdated');
    expect((await status('locale=fr')).counts.outdated).toBe(1);
  });

  it('does not for formatting-only or non-text changes', async () => {
    const brno = await seeded(app(), CITY, 'brno');
    const english = await documents(CITY).findOne({ documentId: brno, locale: 'en', status: 'published' });
    const bolded = (english!.description as any[]).map((block: any) =>
      block.type === 'paragraph' ? { ...block, children: block.children.map((child: any) => ({ ...child, bold: true })) } : block,
    );
    await documents(CITY).update({ documentId: brno, locale: 'en', status: 'published', data: { description: bolded, population: 400001 } as any });
    expect(await statusOf('fr', CITY, brno)).toBe('current');
  });

  it('turns current again when the translation is saved', async () => {
    const siegen = await seeded(app(), PARTNERSHIP, 'leeds-siegen');
    await documents(PARTNERSHIP).update({ documentId: siegen, locale: 'en', data: { title: 'Leeds and Siegen (Morley)' } as any });
    await documents(PARTNERSHIP).publish({ documentId: siegen, locale: 'en' });
    expect(await statusOf('de', PARTNERSHIP, siegen)).toBe('outdated');
    const saved = await app()
      .http()
      .put(`/content-manager/collection-types/${PARTNERSHIP}/${siegen}?locale=de`)
      .set(translatorDe.headers)
      .send({ locale: 'de', title: 'Leeds und Siegen (Morley)' });
    expect(saved.status).toBe(200);
    expect(await statusOf('de', PARTNERSHIP, siegen)).toBe('current');
    expect(await statusOf('fr', PARTNERSHIP, siegen)).toBe('outdated');
  });

  it('lists a document without a version in the locale as missing', async () => {
    const city = await createCity(app(), { name: 'Untranslated Town' });
    expect(await statusOf('cs', CITY, city.documentId)).toBe('missing');
    const { byType } = await status('locale=cs&uid=api::city.city');
    expect(byType[CITY]).toMatchObject({ total: 7, missing: 1 });
  });

  describe('mark-current', () => {
    const markCurrent = (who: { headers: Record<string, string> }, body: Record<string, unknown>) =>
      app().http().post('/translations/status/mark-current').set(who.headers).send(body);

    it('lets the locale translator or an editor say an English change needs no new translation', async () => {
      const durban = await seeded(app(), CITY, 'durban');
      await documents(CITY).update({ documentId: durban, locale: 'en', status: 'published', data: { summary: "South Africa's great port city, Leeds' partner since 1998." } as any });
      expect(await statusOf('fr', CITY, durban)).toBe('outdated');

      const refused = await markCurrent(translatorDe, { uid: CITY, documentId: durban, locale: 'fr' });
      expect(refused.status).toBe(403);
      expect(refused.body.error.message).toBe(`Your role may not update the fr version of city ${durban}`);
      expect(await statusOf('fr', CITY, durban)).toBe('outdated');

      const marked = await markCurrent(translatorFr, { uid: CITY, documentId: durban, locale: 'fr' });
      expect(marked.status).toBe(200);
      expect(marked.body.data).toMatchObject({ documentId: durban, status: 'current' });
      expect((await markCurrent(editor, { uid: CITY, documentId: durban, locale: 'de' })).status).toBe(200);
      expect(await statusOf('de', CITY, durban)).toBe('current');
      expect(await statusOf('cs', CITY, durban)).toBe('outdated');
    });

    it('refuses what it cannot mark', async () => {
      const created = await createCity(app(), cityInput({ name: 'Nowhere Yet' }));
      expect((await markCurrent(editor, { uid: CITY, documentId: created.documentId, locale: 'fr' })).status).toBe(404);
      expect((await markCurrent(editor, { uid: 'api::nope.nope', documentId: created.documentId, locale: 'fr' })).status).toBe(400);
      expect((await markCurrent(editor, { uid: CITY, documentId: created.documentId, locale: 'en' })).status).toBe(400);
    });
  });

  it('refuses bad parameters and callers without an admin session', async () => {
    expect((await app().http().get('/translations/status?locale=xx').set(editor.headers)).status).toBe(400);
    expect((await app().http().get('/translations/status?locale=en').set(editor.headers)).status).toBe(400);
    expect((await app().http().get('/translations/status?locale=fr&uid=api::nope.nope').set(editor.headers)).status).toBe(400);
    expect((await app().http().get('/translations/status?locale=fr')).status).toBe(401);
  });

  describe('read in one query per type, kept up to date document by document', () => {
    /** The SQL an admin request runs, apart from signing the admin in. */
    const queriesDuring = async (run: () => Promise<unknown>) => {
      const queries: string[] = [];
      const listen = (query: { sql: string }) => queries.push(query.sql);
      app().strapi.db.connection.on('query', listen);
      try {
        await run();
      } finally {
        app().strapi.db.connection.off('query', listen);
      }
      return queries.filter((sql) => !/admin_|strapi_sessions|i18n_locale/.test(sql));
    };

    it('reads nothing when nothing changed, and only the changed document after a change', async () => {
      await status('locale=cs');
      expect(await queriesDuring(() => status('locale=cs'))).toEqual([]);

      const brno = await seeded(app(), CITY, 'brno');
      await documents(CITY).update({ documentId: brno, locale: 'en', status: 'published', data: { summary: 'Brno, a new English summary.' } as any });
      const afterEdit = await queriesDuring(async () => expect(await statusOf('cs', CITY, brno)).toBe('outdated'));
      // The type's rows query and the English text, both for the one document that changed; no other type's rows.
      const inOneDocument = (sql: string) => /"document_id" in \(\$\d+\)/.test(sql);
      const rowsQueries = afterEdit.filter((sql) => /^select/.test(sql) && /pcms_source_fingerprints/.test(sql));
      expect(rowsQueries.length).toBeGreaterThan(0);
      expect(rowsQueries.filter((sql) => !inOneDocument(sql) || !/from "cities" as "d"/.test(sql))).toEqual([]);
      const englishReads = afterEdit.filter((sql) => /from "public"."cities"/.test(sql));
      expect(englishReads.length).toBeGreaterThan(0);
      expect(englishReads.filter((sql) => !inOneDocument(sql))).toEqual([]);
      expect(await queriesDuring(() => status('locale=cs'))).toEqual([]);
    });
  });
});
