import { signPreviewLink, verifyPreviewLink, type PreviewTarget } from '../../site/src/preview-link';
import { createCity, seeded } from '../helpers/builders';
import { adminLogin, createApiToken, withToken } from '../helpers/callers';
import { listen } from '../helpers/site';
import { useApp } from '../helpers/strapi';

const CITY = 'api::city.city';
const SITE_URL = 'https://site.leeds.example';
const PREVIEW_SECRET = 'test-preview-secret-0123456789abcdef-0123';
const PREVIEW_TOKEN = 'test-preview-token-fedcba9876543210-9876';

/**
 * Preview from the admin panel (CMS side): Strapi's Preview gets a signed, short-lived link to the
 * reference site, and the site's server fetches the draft it names from /preview/content with its
 * own credential. Attacked from every side: no credential, someone else's credential, edited
 * links, expired links, every spelling of the paths, and the public API with the credential.
 */
describe('preview (CMS side)', () => {
  const app = useApp(() => ({ env: { SITE_URL, PREVIEW_SECRET, PREVIEW_TOKEN } }));
  let baseUrl: string;
  let editor: { headers: Record<string, string> };
  let lille: string;

  beforeAll(async () => {
    baseUrl = await listen(app().strapi.server.httpServer);
    editor = await adminLogin(app(), 'international-relations-editor');
    lille = await seeded(app(), CITY, 'lille');
  });
  afterAll(async () => {
    await new Promise((resolve) => app().strapi.server.httpServer.close(resolve));
  });

  const previewUrlFor = (who: { headers: Record<string, string> }, uid: string, query: string) =>
    app().http().get(`/content-manager/preview/url/${uid}?${query}`).set(who.headers);
  const previewContent = (link: URLSearchParams | string, headers: Record<string, string> = withToken(PREVIEW_TOKEN), path = '/preview/content') =>
    fetch(`${baseUrl}${path}?${link.toString()}`, { headers });
  const link = (target: Partial<PreviewTarget> = {}, options: { now?: number } = {}) =>
    signPreviewLink({ uid: CITY, documentId: lille, locale: 'en', status: 'draft', ...target }, PREVIEW_SECRET, options);

  it('gives an editor a signed link to the site, bound to the document, locale and status, expiring within minutes', async () => {
    const response = await previewUrlFor(editor, CITY, `documentId=${lille}&locale=fr&status=draft`);
    expect(response.status).toBe(200);
    const url = new URL(response.body.data.url);
    expect(`${url.origin}${url.pathname}`).toBe(`${SITE_URL}/preview`);
    const check = verifyPreviewLink(url.searchParams, PREVIEW_SECRET);
    expect(check).toMatchObject({ ok: true, target: { uid: CITY, documentId: lille, locale: 'fr', status: 'draft' } });
    const lifetime = (check.ok ? check.expires * 1000 : 0) - Date.now();
    expect(lifetime).toBeGreaterThan(9 * 60_000);
    expect(lifetime).toBeLessThanOrEqual(10 * 60_000);

    const single = await previewUrlFor(editor, 'api::international-relations-page.international-relations-page', 'locale=cs&status=published');
    expect(new URL(single.body.data.url).searchParams.get('status')).toBe('published');
  });

  it('gives translators links for their own locale, and refuses a user whose role may not read the type', async () => {
    const translator = await adminLogin(app(), 'translator-fr');
    const response = await previewUrlFor(translator, CITY, `documentId=${lille}&locale=fr`);
    expect(response.status).toBe(200);
    expect(new URL(response.body.data.url).searchParams.get('status')).toBe('draft');

    const role = await app().strapi.service('admin::role').create({ name: `No content ${Date.now()}`, description: 'reads nothing' });
    const nobody = await adminLogin(app(), role.code);
    const refused = await previewUrlFor(nobody, CITY, `documentId=${lille}&locale=en`);
    expect(refused.status).toBe(204);
    expect(refused.body).toEqual({});
    expect((await app().http().get(`/content-manager/preview/url/${CITY}?documentId=${lille}&locale=en`)).status).toBe(401);
  });

  it('gives a role that may read one locale a link for that locale only, never for the English draft', async () => {
    const roles = app().strapi.service('admin::role');
    const role = await roles.create({ name: `French readers ${Date.now()}`, description: 'reads French cities' });
    await roles.assignPermissions(role.id, [{ action: 'plugin::content-manager.explorer.read', subject: CITY, properties: { locales: ['fr'] }, conditions: [] }]);
    const reader = await adminLogin(app(), (await app().strapi.db.query('admin::role').findOne({ where: { id: role.id } })).code);
    const french = await previewUrlFor(reader, CITY, `documentId=${lille}&locale=fr`);
    expect(french.status).toBe(200);
    expect(verifyPreviewLink(new URL(french.body.data.url).searchParams, PREVIEW_SECRET)).toMatchObject({ ok: true, target: { locale: 'fr' } });
    for (const locale of ['en', 'de']) expect({ locale, status: (await previewUrlFor(reader, CITY, `documentId=${lille}&locale=${locale}`)).status }).toEqual({ locale, status: 204 });
  });

  it('serves the draft a valid link names to the site credential only, never cached', async () => {
    await app().strapi.documents(CITY).update({ documentId: lille, locale: 'en', data: { summary: 'Draft words only the preview may show.' } as any });
    const response = await previewContent(link());
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('private, no-store');
    const body = (await response.json()) as any;
    expect(body.data).toMatchObject({ documentId: lille, locale: 'en', summary: 'Draft words only the preview may show.', publishedAt: null });
    expect(body.data.partnerships.map((partnership: any) => partnership.slug)).toEqual(['leeds-lille']);
    expect(body.data).not.toHaveProperty('createdBy');
    expect(body.meta.english).toBeNull();

    // The public, and read-only tokens, still see the published text.
    const token = await createApiToken(app(), 'read-only');
    for (const headers of [{}, withToken(token)]) {
      const published = await fetch(`${baseUrl}/api/cities?filters[slug][$eq]=lille`, { headers });
      expect(((await published.json()) as any).data[0].summary).not.toContain('Draft words');
    }
  });

  it('refuses without the credential, with any other credential, and on every spelling of the path', async () => {
    const superAdmin = await adminLogin(app());
    const token = await createApiToken(app(), 'full-access');
    const refused: Array<[string, Record<string, string>, string]> = [
      ['no credential', {}, '/preview/content'],
      ['wrong credential', withToken(`${PREVIEW_TOKEN}x`), '/preview/content'],
      ['the link secret as credential', withToken(PREVIEW_SECRET), '/preview/content'],
      ['a full-access API token', withToken(token), '/preview/content'],
      ['a super admin session', superAdmin.headers, '/preview/content'],
      ['no credential, other spelling', {}, '/PREVIEW/Content'],
      ['no credential, trailing slash', {}, '/preview/content/'],
    ];
    for (const [why, headers, path] of refused) {
      const response = await previewContent(link(), headers, path);
      expect([why, response.status]).toEqual([why, expect.any(Number)]);
      expect([why, [401, 404].includes(response.status)]).toEqual([why, true]);
      expect(await response.text()).not.toContain('"summary"');
    }
  });

  it('refuses a link that was edited, reused for another document, locale or status, or has expired', async () => {
    const paris = (await createCity(app(), { name: 'Previewville' }, 'draft')).documentId;
    const valid = link();
    const edited = (name: string, value: string) => {
      const copy = new URLSearchParams(valid);
      copy.set(name, value);
      return copy;
    };
    const attempts: Array<[string, URLSearchParams]> = [
      ['another document', edited('documentId', paris)],
      ['another locale', edited('locale', 'fr')],
      ['published instead of draft', edited('status', 'published')],
      ['another type', edited('uid', 'api::project.project')],
      ['later expiry', edited('expires', String(Number(valid.get('expires')) + 3600))],
      ['another signature', edited('signature', signPreviewLink({ uid: CITY, documentId: paris, locale: 'en', status: 'draft' }, PREVIEW_SECRET).get('signature')!)],
      ['signed with another secret', signPreviewLink({ uid: CITY, documentId: lille, locale: 'en', status: 'draft' }, `${PREVIEW_SECRET}-other`)],
      ['expired', link({}, { now: Date.now() - 11 * 60_000 })],
      ['no signature', (() => { const copy = new URLSearchParams(valid); copy.delete('signature'); return copy; })()],
      ['doubled document', (() => { const copy = new URLSearchParams(valid); copy.append('documentId', paris); return copy; })()],
    ];
    for (const [why, attempt] of attempts) {
      const response = await previewContent(attempt);
      expect([why, response.status]).toEqual([why, 403]);
    }
    expect((await previewContent(valid)).status).toBe(200);
  });

  it('the preview credential opens nothing on the public API', async () => {
    for (const path of ['/api/cities?status=draft', '/api/cities', '/API/Cities?status=draft', `/api/cities/${lille}?status=draft`]) {
      const response = await fetch(`${baseUrl}${path}`, { headers: withToken(PREVIEW_TOKEN) });
      expect([path, response.status]).toEqual([path, 401]);
    }
  });

  it('sends the English version along for fields a translation left empty', async () => {
    await app().strapi.documents(CITY).update({ documentId: lille, locale: 'fr', data: { summary: '' } as any });
    const response = await previewContent(link({ locale: 'fr' }));
    const body = (await response.json()) as any;
    expect(body.data).toMatchObject({ locale: 'fr', name: 'Lille' });
    expect(body.data.summary ?? '').toBe('');
    expect(body.meta.english).toMatchObject({ locale: 'en', summary: 'Draft words only the preview may show.' });
  });
});
