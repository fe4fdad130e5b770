import type { CmsClient } from './cms';
import { escapeHtml } from './html';
import { PAGE_TYPES, pagePath, type PageKind } from './page-types';

/** Every page's path after the locale: the single page, then each published document of each type. */
export const sitePages = async (cms: CmsClient): Promise<Array<{ kind: PageKind; slug?: string }>> => {
  const pages: Array<{ kind: PageKind; slug?: string }> = [{ kind: 'home' }];
  for (const kind of ['partnership', 'project', 'theme', 'city'] as const) {
    for (let page = 1, pageCount = 1; page <= pageCount; page += 1) {
      const result = await cms.find(PAGE_TYPES[kind].apiPath, 'en', { fields: ['slug'], sort: ['slug'], pagination: { page, pageSize: 100 } });
      pageCount = result.pageCount;
      pages.push(...result.data.map((entry) => ({ kind, slug: entry.slug as string })));
    }
  }
  return pages;
};

/** sitemap.xml: one <url> per page and language, each listing every language version (and x-default, English). */
export const sitemapXml = (siteUrl: string, locales: string[], pages: Array<{ kind: PageKind; slug?: string }>): string => {
  const base = siteUrl.replace(/\/+$/, '');
  const urls = pages.flatMap(({ kind, slug }) => {
    const alternates = [
      ...locales.map((locale) => `    <xhtml:link rel="alternate" hreflang="${locale}" href="${escapeHtml(base + pagePath(locale, kind, slug))}"/>`),
      `    <xhtml:link rel="alternate" hreflang="x-default" href="${escapeHtml(base + pagePath('en', kind, slug))}"/>`,
    ].join('\n');
    return locales.map((locale) => `  <url>\n    <loc>${escapeHtml(base + pagePath(locale, kind, slug))}</loc>\n${alternates}\n  </url>`);
  });
  return `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">\n${urls.join('\n')}\n</urlset>\n`;
};
