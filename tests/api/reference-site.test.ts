import { spawn } from 'child_process';
import path from 'path';
import { XMLParser } from 'fast-xml-parser';
import { freePort } from '../../src/cli/instances';
import { signPreviewLink } from '../../site/src/preview-link';
import { PAGE_TYPES, pagePath, type PageKind } from '../../site/src/page-types';
import { createCity, seeded } from '../helpers/builders';
import { adminLogin } from '../helpers/callers';
import { listen, startSite } from '../helpers/site';
import { useApp } from '../helpers/strapi';

const CITY = 'api::city.city';
const LOCALES = ['en', 'fr', 'de', 'cs', 'zh-Hans'];
const PREVIEW_SECRET = 'test-preview-secret-0123456789abcdef-0123';
const PREVIEW_TOKEN = 'test-preview-token-fedcba9876543210-9876';

const h1Of = (html: string) => /<h1[^>]*>([^<]*)<\/h1>/.exec(html)?.[1].trim();
const decode = (text: string) => text.replace(/&#39;/g, "'").replace(/&quot;/g, '"').replace(/&amp;/g, '&');

/**
 * The reference site (site/) against a running CMS, over HTTP only: every page type in every
 * locale, English fallback marked, sitemap.xml, caching, and drafts only through signed preview
 * links.
 */
describe('reference site', () => {
  const app = useApp(() => ({ env: { SITE_URL: 'http://site.invalid', PREVIEW_SECRET, PREVIEW_TOKEN } }));
  let cmsUrl: string;
  let site: Awaited<ReturnType<typeof startSite>>;

  beforeAll(async () => {
    cmsUrl = await listen(app().strapi.server.httpServer);
    site = await startSite({ cmsUrl, siteUrl: 'https://www.leeds.example', adminOrigin: 'https://cms.leeds.example', previewSecret: PREVIEW_SECRET, previewToken: PREVIEW_TOKEN });
  });
  afterAll(async () => {
    await site?.stop();
    await new Promise((resolve) => app().strapi.server.httpServer.close(resolve));
  });

  const api = async (path: string) => ((await (await fetch(`${cmsUrl}/api/${path}`)).json()) as any).data;
  const page = async (path: string) => {
    const response = await site.get(path);
    return { response, html: await response.text() };
  };

  it('renders every page type in every locale from the public API, with lang, hreflang and a language switcher', async () => {
    const samples: Array<[PageKind, string | undefined, string]> = [
      ['home', undefined, 'title'],
      ['partnership', 'leeds-lille', 'title'],
      ['project', (await api('projects?locale=en&sort=slug&pagination[pageSize]=1'))[0].slug, 'title'],
      ['theme', 'peace', 'name'],
      ['city', 'brno', 'name'],
    ];
    for (const [kind, slug, titleField] of samples) {
      for (const locale of LOCALES) {
        const path = pagePath(locale, kind, slug);
        const { response, html } = await page(path);
        expect([path, response.status]).toEqual([path, 200]);
        const type = PAGE_TYPES[kind];
        const entry = slug ? (await api(`${type.apiPath}?locale=${locale}&fallbackLocale=en&filters[slug][$eq]=${slug}`))[0] : await api(`${type.apiPath}?locale=${locale}`);
        expect([path, decode(h1Of(html) ?? '')]).toEqual([path, entry[titleField]]);
        expect(html).toContain(`<html lang="${locale}"`);
        for (const alternate of LOCALES) expect(html).toContain(`<link rel="alternate" hreflang="${alternate}" href="https://www.leeds.example${pagePath(alternate, kind, slug)}">`);
        expect(html).toContain(`hreflang="x-default" href="https://www.leeds.example${pagePath('en', kind, slug)}"`);
        expect(html).toMatch(/class="govuk-language-navigation/);
        for (const other of LOCALES.filter((code) => code !== locale)) expect(html).toContain(`href="${pagePath(other, kind, slug)}" rel="alternate" lang="${other}" hreflang="${other}"`);
        // The seed is translated throughout: nothing falls back to English.
        if (locale !== 'en') expect([path, /lang="en"/.test(html.slice(html.indexOf('<main'), html.indexOf('</main>')))]).toEqual([path, false]);
      }
    }
  });

  it('shows English, marked lang="en", where a document or a field is not translated yet', async () => {
    const created = await createCity(app(), { name: 'Onlyenglishton', summary: 'Only in English so far.' });
    const { documentId } = created;
    const slug = String(created.slug);
    const { html } = await page(pagePath('fr', 'city', slug));
    expect(h1Of(html)).toBe('Onlyenglishton');
    expect(html).toMatch(/<h1 class="govuk-heading-xl" lang="en">Onlyenglishton<\/h1>/);
    expect(html).toContain('Pas encore traduit');
    expect(html).toMatch(/<p class="govuk-body-l" data-field="lead" lang="en">Only in English so far.<\/p>/);

    // A French version whose summary is empty: the name in French, the summary in English, marked.
    await app().strapi.documents(CITY).update({ documentId, locale: 'fr', data: { name: 'Seulementanglaisville', summary: '' } as any });
    await app().strapi.documents(CITY).publish({ documentId, locale: 'fr' });
    const translated = await page(pagePath('fr', 'city', slug));
    expect(translated.html).toMatch(/<h1 class="govuk-heading-xl">Seulementanglaisville<\/h1>/);
    expect(translated.html).toMatch(/data-field="lead" lang="en">Only in English so far.<\/p>/);
  });

  it('lists every page in every language in sitemap.xml, each with its language alternates', async () => {
    const response = await site.get('/sitemap.xml');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('application/xml');
    const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(await response.text());
    const urls: Array<{ loc: string; 'xhtml:link': Array<{ hreflang: string; href: string }> }> = xml.urlset.url;
    const documents = await Promise.all(
      (['partnership', 'project', 'theme', 'city'] as const).map(async (kind) => (await api(`${PAGE_TYPES[kind].apiPath}?locale=en&pagination[pageSize]=100&fields[0]=slug`)).map((entry: any) => pagePath('en', kind, entry.slug))),
    );
    const englishPaths = ['/en/', ...documents.flat()];
    expect(urls).toHaveLength(englishPaths.length * LOCALES.length);
    const locs = new Set(urls.map((url) => url.loc));
    for (const path of englishPaths) for (const locale of LOCALES) expect(locs).toContain(`https://www.leeds.example${path.replace(/^\/en\//, `/${locale}/`)}`);
    for (const url of urls) expect(url['xhtml:link'].map((link) => link.hreflang).sort()).toEqual([...LOCALES, 'x-default'].sort());
  });

  it('answers from the API on every request: public pages revalidate (ETag, 304) and a publish shows on the next request', async () => {
    const lille = await seeded(app(), CITY, 'lille');
    const path = pagePath('en', 'city', 'lille');
    const first = await page(path);
    expect(first.response.headers.get('cache-control')).toBe('no-cache');
    expect(first.response.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    const etag = first.response.headers.get('etag')!;
    expect((await site.get(path, { 'If-None-Match': etag })).status).toBe(304);

    await app().strapi.documents(CITY).update({ documentId: lille, locale: 'en', data: { summary: 'Lille, freshly published.' } as any });
    expect((await page(path)).html).not.toContain('freshly published');
    await app().strapi.documents(CITY).publish({ documentId: lille, locale: 'en' });
    const after = await page(path);
    expect(after.html).toContain('Lille, freshly published.');
    expect((await site.get(path, { 'If-None-Match': etag })).status).toBe(200);
  });

  it('shows a draft only through a preview link from the admin panel, privately, framed only by the admin panel', async () => {
    const editor = await adminLogin(app(), 'international-relations-editor');
    const brno = await seeded(app(), CITY, 'brno');
    await app().strapi.documents(CITY).update({ documentId: brno, locale: 'en', data: { summary: 'Brno draft: not for the public.' } as any });
    const url = new URL((await app().http().get(`/content-manager/preview/url/${CITY}?documentId=${brno}&locale=en&status=draft`).set(editor.headers)).body.data.url);

    const preview = await page(`/preview${url.search}`);
    expect(preview.response.status).toBe(200);
    expect(preview.html).toContain('Brno draft: not for the public.');
    expect(preview.html).toContain('data-preview-status="draft"');
    expect(preview.response.headers.get('cache-control')).toBe('private, no-store');
    expect(preview.response.headers.get('content-security-policy')).toContain('frame-ancestors https://cms.leeds.example');
    expect(preview.response.headers.get('referrer-policy')).toBe('no-referrer');
    expect(preview.response.headers.get('x-robots-tag')).toContain('noindex');
    expect(preview.response.headers.get('etag')).toBeNull();

    expect((await page(pagePath('en', 'city', 'brno'))).html).not.toContain('Brno draft');
  });

  it('previews every page type: the International relations page, a partnership, a project, a theme and a city', async () => {
    const editor = await adminLogin(app(), 'international-relations-editor');
    for (const kind of ['home', 'partnership', 'project', 'theme', 'city'] as PageKind[]) {
      const type = PAGE_TYPES[kind];
      const [entry] = kind === 'home' ? [await api(`${type.apiPath}?locale=de`)] : await api(`${type.apiPath}?locale=de&sort=slug&pagination[pageSize]=1`);
      const query = kind === 'home' ? 'locale=de&status=draft' : `documentId=${entry.documentId}&locale=de&status=draft`;
      const response = await app().http().get(`/content-manager/preview/url/${type.uid}?${query}`).set(editor.headers);
      expect([kind, response.status]).toEqual([kind, 200]);
      const { response: previewResponse, html } = await page(`/preview${new URL(response.body.data.url).search}`);
      expect([kind, previewResponse.status]).toEqual([kind, 200]);
      expect([kind, decode(h1Of(html) ?? '')]).toEqual([kind, entry[kind === 'theme' || kind === 'city' ? 'name' : 'title']]);
      expect(html).toContain('<html lang="de"');
    }
  });

  it('refuses a forged, edited, expired or reused link with a refusal page, never the draft', async () => {
    const brno = await seeded(app(), CITY, 'brno');
    const lille = await seeded(app(), CITY, 'lille');
    const target = { uid: CITY, documentId: brno, locale: 'en', status: 'draft' as const };
    const valid = signPreviewLink(target, PREVIEW_SECRET);
    const other = signPreviewLink({ ...target, documentId: lille }, PREVIEW_SECRET);
    const reused = new URLSearchParams(valid);
    reused.set('documentId', lille);
    const forged = signPreviewLink(target, 'someone-elses-secret-that-is-long-enough');
    const expired = signPreviewLink(target, PREVIEW_SECRET, { now: Date.now() - 3_600_000 });
    const published = new URLSearchParams(valid);
    published.set('status', 'published');
    for (const [why, query, status, message] of [
      ['forged', forged, 403, 'changed since it was made'],
      ['reused for another document', reused, 403, 'changed since it was made'],
      ['another status', published, 403, 'changed since it was made'],
      ['expired', expired, 403, 'a few minutes only'],
      ['empty', new URLSearchParams(), 403, 'incomplete'],
    ] as const) {
      const { response, html } = await page(`/preview?${query}`);
      expect([why, response.status]).toEqual([why, status]);
      expect([why, html.includes(message)]).toEqual([why, true]);
      expect([why, html.includes('Brno draft')]).toEqual([why, false]);
      expect(response.headers.get('cache-control')).toBe('private, no-store');
    }
    expect((await page(`/preview?${other}`)).response.status).toBe(200);
  });

  it('lets a translator preview their French draft, with the fields still in English marked', async () => {
    const translator = await adminLogin(app(), 'translator-fr');
    const dortmund = await seeded(app(), CITY, 'dortmund');
    await app().strapi.documents(CITY).update({ documentId: dortmund, locale: 'fr', data: { name: 'Dortmund (brouillon)', summary: '' } as any });
    const response = await app().http().get(`/content-manager/preview/url/${CITY}?documentId=${dortmund}&locale=fr&status=draft`).set(translator.headers);
    const { html } = await page(`/preview${new URL(response.body.data.url).search}`);
    expect(html).toContain('<html lang="fr"');
    expect(h1Of(html)).toBe('Dortmund (brouillon)');
    const englishSummary = (await api('cities?locale=en&filters[slug][$eq]=dortmund'))[0].summary;
    expect(html).toContain(`data-field="lead" lang="en">${englishSummary}</p>`);
    expect(html).toContain('Pas encore traduit');
  });

  it('`npm run site` starts it on SITE_PORT, reading CMS_URL', async () => {
    const port = await freePort();
    const child = spawn('npm', ['run', 'site'], {
      cwd: path.resolve(__dirname, '..', '..'),
      env: { ...process.env, SITE_PORT: String(port), CMS_URL: cmsUrl, SITE_URL: 'https://www.leeds.example' },
      stdio: 'ignore',
      detached: true,
    });
    try {
      let response: Response | undefined;
      for (let attempt = 0; attempt < 120 && !response; attempt += 1) {
        response = await fetch(`http://127.0.0.1:${port}/cs/`).catch(() => undefined);
        if (!response) await new Promise((resolve) => setTimeout(resolve, 250));
      }
      expect(response?.status).toBe(200);
      const html = await response!.text();
      expect(decode(h1Of(html) ?? '')).toBe((await api('international-relations-page?locale=cs')).title);
      expect(html).toContain('<link rel="canonical" href="https://www.leeds.example/cs/">');
    } finally {
      process.kill(-child.pid!, 'SIGTERM');
    }
  });

  it('answers unknown pages with 404 and an unreachable CMS with 503, in the page language', async () => {
    expect((await site.get('/')).headers.get('location')).toBe('/en/');
    for (const path of ['/xx/', '/fr/cities/no-such-city', '/fr/nowhere/lille', '/de/cities/lille/extra', '/fr/cities/%E0%A4%A', '/fr/cities/%27%3B--']) {
      const { response, html } = await page(path);
      expect([path, response.status]).toEqual([path, 404]);
      expect(html).toContain('<h1');
    }
    expect((await page('/de/cities/no-such-city')).html).toContain('Seite nicht gefunden');
    const orphan = await startSite({ cmsUrl: 'http://127.0.0.1:9' });
    try {
      const { response, html } = await (async () => {
        const r = await orphan.get('/fr/');
        return { response: r, html: await r.text() };
      })();
      expect(response.status).toBe(503);
      expect(html).toContain('le service rencontre un problème');
    } finally {
      await orphan.stop();
    }
  });
});
