import fc from 'fast-check';
import { XMLParser } from 'fast-xml-parser';
import { blocksToHtml } from '../../site/src/blocks';
import { queryString } from '../../site/src/cms';
import { localizer } from '../../site/src/localized';
import { PREVIEW_PARAMS, signPreviewLink, verifyPreviewLink, type PreviewTarget } from '../../site/src/preview-link';
import { councilStylesheet } from '../../site/src/server';
import { sitemapXml } from '../../site/src/sitemap';
import { previewSettings } from '../../src/preview/settings';

const SECRET = 'unit-test-preview-secret-0123456789abcdef';
const TARGET: PreviewTarget = { uid: 'api::city.city', documentId: 'abc123', locale: 'fr', status: 'draft' };

describe('preview links', () => {
  it('verify what they were signed for, until they expire', () => {
    const now = Date.UTC(2026, 11, 1, 12);
    const link = signPreviewLink(TARGET, SECRET, { now, ttlSeconds: 300 });
    expect(verifyPreviewLink(link, SECRET, now)).toEqual({ ok: true, target: TARGET, expires: now / 1000 + 300 });
    expect(verifyPreviewLink(link, SECRET, now + 299_000).ok).toBe(true);
    expect(verifyPreviewLink(link, SECRET, now + 300_000)).toEqual({ ok: false, reason: 'expired' });
    expect(verifyPreviewLink(link, `${SECRET}x`, now)).toEqual({ ok: false, reason: 'signature' });
  });

  it('refuse any change to any parameter (property: random edits)', () => {
    const now = Date.now();
    const link = signPreviewLink(TARGET, SECRET, { now });
    fc.assert(
      fc.property(fc.constantFrom(...PREVIEW_PARAMS), fc.string({ minLength: 1, maxLength: 40 }), (name, value) => {
        fc.pre(value !== link.get(name));
        const edited = new URLSearchParams(link);
        edited.set(name, value);
        expect(verifyPreviewLink(edited, SECRET, now).ok).toBe(false);
      }),
      { numRuns: 500 },
    );
  });

  it('refuse missing, empty and repeated parameters', () => {
    const link = signPreviewLink(TARGET, SECRET);
    for (const name of PREVIEW_PARAMS) {
      const missing = new URLSearchParams(link);
      missing.delete(name);
      expect([name, verifyPreviewLink(missing, SECRET)]).toEqual([name, { ok: false, reason: 'malformed' }]);
      const repeated = new URLSearchParams(link);
      repeated.append(name, link.get(name)!);
      expect([name, verifyPreviewLink(repeated, SECRET)]).toEqual([name, { ok: false, reason: 'malformed' }]);
    }
    expect(() => signPreviewLink(TARGET, 'short')).toThrow(/at least 32/);
  });
});

describe('preview settings (CMS)', () => {
  const complete = { SITE_URL: 'https://www.leeds.example/', PREVIEW_SECRET: SECRET, PREVIEW_TOKEN: `${SECRET}-token` };
  it('are off without any of the three, and complete with all three', () => {
    expect(previewSettings({})).toBeUndefined();
    expect(previewSettings(complete)).toEqual({ siteUrl: 'https://www.leeds.example', siteOrigin: 'https://www.leeds.example', secret: SECRET, token: `${SECRET}-token`, ttlSeconds: 600 });
  });
  it('refuse a partial, short, shared or out-of-range configuration', () => {
    expect(() => previewSettings({ SITE_URL: complete.SITE_URL })).toThrow(/PREVIEW_SECRET, PREVIEW_TOKEN not set/);
    expect(() => previewSettings({ ...complete, PREVIEW_TOKEN: 'short' })).toThrow(/PREVIEW_TOKEN must be at least 32/);
    expect(() => previewSettings({ ...complete, PREVIEW_TOKEN: SECRET })).toThrow(/must differ/);
    expect(() => previewSettings({ ...complete, PREVIEW_LINK_TTL_SECONDS: '86400' })).toThrow(/10 to 3600/);
  });
});

describe('rich text on the site', () => {
  it('escapes text and drops link targets that are not web, mail or phone addresses', () => {
    const html = blocksToHtml([
      { type: 'paragraph', children: [{ type: 'text', text: '<script>alert(1)</script> & "quotes"', bold: true }] },
      { type: 'paragraph', children: [{ type: 'link', url: 'javascript:alert(1)', children: [{ type: 'text', text: 'bad link' }] }] },
      { type: 'paragraph', children: [{ type: 'link', url: 'https://www.leeds.gov.uk/"onmouseover="x', children: [{ type: 'text', text: 'good link' }] }] },
      { type: 'heading', level: 1, children: [{ type: 'text', text: 'Heading' }] },
      { type: 'list', format: 'ordered', children: [{ type: 'list-item', children: [{ type: 'text', text: 'one' }] }] },
    ]);
    expect(html).toContain('<strong>&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quotes&quot;</strong>');
    expect(html).not.toContain('javascript:');
    expect(html).toContain('<p class="govuk-body">bad link</p>');
    expect(html).toContain('href="https://www.leeds.gov.uk/&quot;onmouseover=&quot;x"');
    expect(html).toContain('<h2 class="govuk-heading-l">Heading</h2>');
    expect(html).toContain('<ol class="govuk-list govuk-list--number"><li>one</li></ol>');
  });

  it('never lets markup through, whatever the text (property)', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        const html = blocksToHtml([{ type: 'paragraph', children: [{ type: 'text', text }] }]);
        expect(html.replace(/<\/?(p|br)( class="govuk-body")?>/g, '')).not.toMatch(/[<>]/);
      }),
    );
  });
});

describe('fields in the page language', () => {
  it('marks a document served in English, and an empty translated field filled from English', () => {
    const english = { documentId: 'd', locale: 'en', name: 'Brno', summary: 'A Moravian city.' };
    expect(localizer(english, 'fr').text('name')).toEqual({ value: 'Brno', lang: 'en' });
    const french = { documentId: 'd', locale: 'fr', name: 'Brno', summary: '' };
    const field = localizer(french, 'fr', english);
    expect(field.text('name')).toEqual({ value: 'Brno', lang: undefined });
    expect(field.text('summary')).toEqual({ value: 'A Moravian city.', lang: 'en' });
    expect(field.missing(['name', 'summary'])).toBe(true);
    expect(localizer(english, 'en').missing(['summary'])).toBe(false);
  });
});

describe('site plumbing', () => {
  it('writes the bracket query strings Strapi reads', () => {
    expect(decodeURIComponent(queryString({ locale: 'fr', populate: { partnerships: { populate: { city: true } } }, fields: ['slug'] }))).toBe(
      'locale=fr&populate[partnerships][populate][city]=true&fields[0]=slug',
    );
  });

  it('writes sitemap.xml with every page in every language and its alternates', () => {
    const xml = sitemapXml('https://www.leeds.example/', ['en', 'fr'], [{ kind: 'home' }, { kind: 'city', slug: 'brno' }]);
    const urls = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(xml).urlset.url;
    expect(urls.map((url: any) => url.loc)).toEqual(['https://www.leeds.example/en/', 'https://www.leeds.example/fr/', 'https://www.leeds.example/en/cities/brno', 'https://www.leeds.example/fr/cities/brno']);
    expect(urls[3]['xhtml:link']).toEqual([
      { rel: 'alternate', hreflang: 'en', href: 'https://www.leeds.example/en/cities/brno' },
      { rel: 'alternate', hreflang: 'fr', href: 'https://www.leeds.example/fr/cities/brno' },
      { rel: 'alternate', hreflang: 'x-default', href: 'https://www.leeds.example/en/cities/brno' },
    ]);
  });

  it('serves GOV.UK Frontend without the GDS Transport typeface, which is for GOV.UK only', () => {
    const css = councilStylesheet().toString();
    expect(css).toContain('.govuk-body');
    expect(css).not.toMatch(/GDS Transport|@font-face/);
  });
});
