import { cityInput } from '../helpers/builders';
import { SEARCH_TABLE } from '../../src/search/schema';
import { rebuildSearchIndex } from '../../src/search/index-store';
import { adminLogin, createApiToken, withToken } from '../helpers/callers';
import { EDITOR_ROLE } from '../../src/domain/roles';
import { useApp } from '../helpers/strapi';

/**
 * GET /api/search: published content only, language-aware in all five locales, ranked, with an
 * escaped snippet, kept in step with every write (in the write's transaction) and cached like
 * every public read.
 */
describe('multilingual search', () => {
  const app = useApp();
  const search = (query: string) => app().http().get(`/api/search?${query}`);
  const titles = async (query: string) => {
    const response = await search(query);
    expect({ query, status: response.status }).toEqual({ query, status: 200 });
    return response.body.data.map((hit: any) => hit.title) as string[];
  };

  it('finds French twinning content from an inflected word ("jumelages")', async () => {
    const response = await search('q=jumelages&locale=fr');
    expect(response.status).toBe(200);
    expect(response.body.data.length).toBeGreaterThan(0);
    expect(response.body.data.every((hit: any) => hit.locale === 'fr')).toBe(true);
    expect(response.body.data.some((hit: any) => /<mark>jumelages?<\/mark>/i.test(hit.snippet))).toBe(true);
  });

  it('finds German, English and accent-free spellings', async () => {
    expect(await titles('q=Partnerschaften&locale=de')).not.toEqual([]);
    expect(await titles('q=twinned&locale=en')).not.toEqual([]);
    // unaccented query, accented text: "Lille" in French content, "Zürich"-style folding
    expect(await titles(`q=${encodeURIComponent('democratie')}&locale=fr`)).toEqual(await titles(`q=${encodeURIComponent('démocratie')}&locale=fr`));
  });

  it('finds the Czech lemma from an inflected form, and Hangzhou from 杭州', async () => {
    const czech = await search(`q=${encodeURIComponent('Brnem')}&locale=cs&type=city`);
    expect(czech.body.data.map((hit: any) => hit.slug)).toContain('brno');
    expect(czech.body.data.find((hit: any) => hit.slug === 'brno').snippet).toMatch(/<mark>/);
    const chinese = await search(`q=${encodeURIComponent('杭州')}&locale=zh-Hans`);
    expect(chinese.body.data.map((hit: any) => hit.slug)).toContain('hangzhou');
    expect(chinese.body.data[0].snippet + chinese.body.data[0].title).toMatch(/杭州/);
  });

  it('tolerates a typo in a name, and ranks names above summaries above bodies', async () => {
    expect((await search('q=Dortmnud&type=city')).body.data.map((hit: any) => hit.slug)).toContain('dortmund');
    const ranked = (await search('q=Lille&type=city,partnership,project')).body.data;
    expect(ranked[0].slug).toBe('lille');
  });

  it('never finds a draft, and follows publish and unpublish at once (through the cache)', async () => {
    const marker = `Zyxwvutopia${Date.now()}`;
    const documents = app().strapi.documents('api::city.city');
    const city = await documents.create({ locale: 'en', status: 'draft', data: cityInput({ name: marker }) as any });
    expect(await titles(`q=${marker}`)).toEqual([]);
    await documents.publish({ documentId: city.documentId, locale: 'en' });
    expect(await titles(`q=${marker}`)).toEqual([marker]);
    expect((await search(`q=${marker}`)).headers['x-cache']).toBe('HIT');
    await documents.update({ documentId: city.documentId, locale: 'en', data: { summary: 'A pending draft edit.' } as any });
    expect((await search(`q=pending&type=city`)).body.data.map((hit: any) => hit.documentId)).not.toContain(city.documentId);
    await documents.unpublish({ documentId: city.documentId, locale: 'en' });
    expect(await titles(`q=${marker}`)).toEqual([]);
    // Other spellings of the path, and a token, reach the same route and the same rule.
    const token = await createApiToken(app(), 'full-access');
    for (const path of ['/API/Search', '/api/search/', '/Api/SEARCH/']) {
      const response = await app().http().get(`${path}?q=${marker}`).set(withToken(token));
      expect({ path, status: response.status, hits: response.body.data }).toEqual({ path, status: 200, hits: [] });
    }
  });

  it('indexes REST writes, escapes the snippet, and serves tokens the same answers', async () => {
    const token = await createApiToken(app(), 'full-access');
    const created = await app()
      .http()
      .post('/api/cities')
      .set(withToken(token))
      .send({ data: cityInput({ name: 'Scriptville', summary: 'Scriptville <script>alert(1)</script> & friends' }) });
    expect(created.status).toBe(201);
    const hit = (await search('q=Scriptville')).body.data[0];
    expect(hit.title).toBe('Scriptville');
    expect(hit.snippet).toContain('&lt;script&gt;');
    expect(hit.snippet).not.toContain('<script>');
    const viaToken = await app().http().get('/api/search?q=Scriptville').set(withToken(await createApiToken(app(), 'read-only')));
    expect(viaToken.body.data).toEqual((await search('q=Scriptville')).body.data);

    // A REST PUT publishes (found at once); with ?status=draft it only saves a draft (never found).
    const path = `/api/cities/${created.body.data.documentId}`;
    expect((await app().http().put(`${path}?status=draft`).set(withToken(token)).send({ data: { summary: 'Draftonlyword pending.' } })).status).toBe(200);
    expect(await titles('q=Draftonlyword')).toEqual([]);
    expect((await app().http().put(path).set(withToken(token)).send({ data: { summary: 'Publishedword now live.' } })).status).toBe(200);
    expect(await titles('q=Publishedword')).toEqual(['Scriptville']);
  });

  it('indexes what an editor publishes in the Content Manager', async () => {
    const editor = await adminLogin(app(), EDITOR_ROLE.code);
    const base = '/content-manager/collection-types/api::theme.theme';
    const created = await app().http().post(`${base}?locale=en`).set(editor.headers).send({ name: 'Quokkaconservation' });
    expect(created.status).toBe(201);
    expect(await titles('q=Quokkaconservation')).toEqual([]);
    expect((await app().http().post(`${base}/${created.body.data.documentId}/actions/publish?locale=en`).set(editor.headers).send({})).status).toBe(200);
    expect(await titles('q=Quokkaconservation')).toEqual(['Quokkaconservation']);
  });

  it('falls back to another locale for documents not yet translated', async () => {
    const documents = app().strapi.documents('api::city.city');
    const city = await documents.create({ locale: 'en', status: 'published', data: cityInput({ name: 'Onlyenglishton' }) as any });
    expect(await titles('q=Onlyenglishton&locale=fr')).toEqual([]);
    const fallback = (await search('q=Onlyenglishton&locale=fr&fallbackLocale=en')).body.data;
    expect(fallback.map((hit: any) => [hit.documentId, hit.locale])).toEqual([[city.documentId, 'en']]);
    // Lille exists in French, so the English version never comes back beside it.
    const lille = (await search('q=Lille&locale=fr&fallbackLocale=en&type=city')).body.data.filter((hit: any) => hit.slug === 'lille');
    expect(lille.map((hit: any) => hit.locale)).toEqual(['fr']);
  });

  it('rebuilds exactly the same index from the content (after a restore, or on an upgrade)', async () => {
    const rows = () => app().strapi.db.connection(SEARCH_TABLE).select('uid', 'document_id', 'locale', 'title', 'summary', 'body', app().strapi.db.connection.raw('vector::text as vector')).orderBy(['uid', 'document_id', 'locale']);
    const kept = await rows();
    expect(kept.length).toBeGreaterThan(100);
    await app().strapi.db.connection(SEARCH_TABLE).delete();
    expect(await rebuildSearchIndex(app().strapi)).toBe(kept.length);
    expect(await rows()).toEqual(kept);
  });

  it('pages like the rest of the API', async () => {
    const all = (await search('q=Leeds&pagination[pageSize]=100')).body;
    expect(all.meta.pagination.total).toBeGreaterThan(4);
    const second = (await search('q=Leeds&pagination[page]=2&pagination[pageSize]=2')).body;
    expect(second.meta.pagination).toEqual({ page: 2, pageSize: 2, pageCount: Math.ceil(all.meta.pagination.total / 2), total: all.meta.pagination.total });
    expect(second.data.map((hit: any) => hit.documentId + hit.locale)).toEqual(all.data.slice(2, 4).map((hit: any) => hit.documentId + hit.locale));
  });

  it.each([
    ['', 'q'],
    ['q=', 'q'],
    ['q=Leeds&locale=xx', 'locale'],
    ['q=Leeds&fallbackLocale=xx', 'fallbackLocale'],
    ['q=Leeds&type=user', 'type'],
    ['q=Leeds&status=draft', 'status'],
    ['q=Leeds&pagination[page]=0', 'pagination[page]'],
    ['q=Leeds&pagination[limit]=5', 'pagination[limit]'],
    ['q=a&q=b', 'q'],
  ])('refuses %s with a 400 naming %s', async (query, param) => {
    const response = await search(query);
    expect(response.status).toBe(400);
    expect(response.body.error.message).toContain(param);
  });
});
