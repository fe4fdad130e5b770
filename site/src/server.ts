import { createHash } from 'crypto';
import fs from 'fs';
import http from 'http';
import path from 'path';
import nunjucks from 'nunjucks';
import { CmsError, createCmsClient, type CmsClient } from './cms';
import { endonym, MESSAGES, messagesFor, type Messages } from './messages';
import { PAGE_TYPES, pageKindOf, pagePath, type PageKind } from './page-types';
import { loadPage, pageView, type PageView } from './pages';
import { verifyPreviewLink, type PreviewRefusal } from './preview-link';
import { sitemapXml, sitePages } from './sitemap';

/**
 * The reference council site: server-rendered GOV.UK Frontend pages from the CMS's public REST
 * API, in every locale the CMS publishes. Drafts reach it only through signed preview links
 * (`/preview?…`), fetched server-side with the site's own preview credential and never cached.
 */
export type SiteOptions = {
  /** The CMS as this server reaches it. */
  cmsUrl: string;
  /** This site's public address, for sitemap.xml and hreflang links. */
  siteUrl: string;
  /** The admin panel's origin, the only page allowed to show previews in a frame. */
  adminOrigin?: string;
  previewSecret?: string;
  previewToken?: string;
};

const GOVUK_DIST = path.join(path.dirname(require.resolve('govuk-frontend/package.json')), 'dist');
const VIEWS = path.resolve(__dirname, '..', 'views');
const PUBLIC_DIR = path.resolve(__dirname, '..', 'public');

const CONTENT_TYPES: Record<string, string> = {
  '.css': 'text/css; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8', '.woff2': 'font/woff2', '.woff': 'font/woff',
  '.svg': 'image/svg+xml', '.png': 'image/png', '.ico': 'image/x-icon', '.json': 'application/json', '.map': 'application/json',
};

/** Every static file the site serves, by URL path: fixed at start, so no request path reaches the file system. */
const staticFiles = (): Map<string, string> => {
  const files = new Map<string, string>();
  const addTree = (urlPrefix: string, dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) addTree(`${urlPrefix}/${entry.name}`, full);
      else if (CONTENT_TYPES[path.extname(entry.name)]) files.set(`${urlPrefix}/${entry.name}`, full);
    }
  };
  addTree('/assets/images', path.join(GOVUK_DIST, 'govuk', 'assets', 'images'));
  addTree('/site', PUBLIC_DIR);
  files.set('/assets/manifest.json', path.join(GOVUK_DIST, 'govuk', 'assets', 'manifest.json'));
  files.set('/javascripts/govuk-frontend.min.js', path.join(GOVUK_DIST, 'govuk', 'govuk-frontend.min.js'));
  return files;
};

/**
 * GOV.UK Frontend's stylesheet without the GDS Transport typeface, which only GOV.UK services may
 * use: a council's site sets in Arial, as GOV.UK Frontend documents for services off GOV.UK.
 */
export const councilStylesheet = (): Buffer => {
  const css = fs.readFileSync(path.join(GOVUK_DIST, 'govuk', 'govuk-frontend.min.css'), 'utf8');
  return Buffer.from(css.replace(/@font-face\{[^}]*\}/g, '').replace(/"?GDS Transport"?,\s*/g, ''));
};

/**
 * The one inline script of GOV.UK Frontend's page template (it marks the body as js-enabled),
 * allowed by its hash: a per-request nonce would change every page's bytes and defeat its ETag.
 */
const templateScriptHash = (): string => {
  const template = fs.readFileSync(path.join(GOVUK_DIST, 'govuk', 'template.njk'), 'utf8');
  const script = /<script[^>]*>([\s\S]*?)<\/script>/.exec(template)?.[1] ?? '';
  return `'sha256-${createHash('sha256').update(script).digest('base64')}'`;
};

type Reply = { status: number; body: string | Buffer; type: string; headers?: Record<string, string>; preview?: boolean };

const etagOf = (body: string | Buffer) => `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;

export const createSite = (options: SiteOptions) => {
  const cms: CmsClient = createCmsClient({ cmsUrl: options.cmsUrl, previewToken: options.previewToken });
  const siteUrl = options.siteUrl.replace(/\/+$/, '');
  const adminOrigin = options.adminOrigin ?? new URL(options.cmsUrl).origin;
  const views = new nunjucks.Environment(new nunjucks.FileSystemLoader([VIEWS, GOVUK_DIST], { noCache: false }), { autoescape: true, throwOnUndefined: false });
  const files = staticFiles();
  const stylesheet = councilStylesheet();
  const scriptHash = templateScriptHash();

  // The locale list changes when an administrator adds a language: a minute's delay is fine.
  let locales: { at: number; list: Array<{ code: string; name: string }> } | undefined;
  const localeList = async () => {
    if (!locales || Date.now() - locales.at > 60_000) locales = { at: Date.now(), list: await cms.locales() };
    return locales.list;
  };

  const render = (template: string, context: Record<string, unknown>) => views.render(template, context);

  const pageContext = async (requestedLocale: string, m: Messages, extra: { kind?: PageKind; slug?: string; preview?: boolean } = {}) => {
    // Only a language the site has words for goes into `lang` (a refusal page may name any).
    const locale = MESSAGES[requestedLocale] ? requestedLocale : 'en';
    const list = await localeList().catch(() => [{ code: 'en', name: 'English' }]);
    const alternatesFor = extra.kind && !extra.preview ? list.map(({ code }) => ({ code, href: `${siteUrl}${pagePath(code, extra.kind as PageKind, extra.slug)}` })) : [];
    return {
      htmlLang: locale,
      m,
      locale,
      homeHref: pagePath(locale, 'home'),
      canonical: extra.kind && !extra.preview ? `${siteUrl}${pagePath(locale, extra.kind, extra.slug)}` : undefined,
      alternates: alternatesFor,
      xDefault: extra.kind && !extra.preview ? `${siteUrl}${pagePath('en', extra.kind, extra.slug)}` : undefined,
      languages: extra.preview
        ? []
        : list.map(({ code, name }) => ({
            text: endonym(code, name),
            lang: code,
            href: extra.kind ? pagePath(code, extra.kind, extra.slug) : `/${code}/`,
            current: code === locale,
          })),
    };
  };

  const errorPage = async (status: number, locale: string): Promise<Reply> => {
    const m = messagesFor(locale);
    const [title, body] = status === 404 ? [m.notFoundTitle, m.notFoundBody] : [m.unavailableTitle, m.unavailableBody];
    return { status, type: 'text/html; charset=utf-8', body: render('error.njk', { ...(await pageContext(locale, m)), title, message: body }) };
  };

  const showPage = async (view: PageView, locale: string, preview?: { status: string }): Promise<Reply> => {
    const m = messagesFor(locale);
    const context = await pageContext(locale, m, { kind: view.kind, slug: view.slug, preview: !!preview });
    return { status: 200, type: 'text/html; charset=utf-8', preview: !!preview, body: render('page.njk', { ...context, view, preview }) };
  };

  const previewRefused = async (reason: PreviewRefusal | 'not-found', locale: string): Promise<Reply> => {
    const m = messagesFor(locale);
    const context = await pageContext(locale, m, { preview: true });
    return { status: reason === 'not-found' ? 404 : 403, type: 'text/html; charset=utf-8', preview: true, body: render('error.njk', { ...context, title: m.previewRefusedTitle, message: m.previewRefused[reason] }) };
  };

  const preview = async (query: URLSearchParams): Promise<Reply> => {
    const requestedLocale = query.get('locale') ?? 'en';
    if (!options.previewSecret) return errorPage(503, requestedLocale);
    const check = verifyPreviewLink(query, options.previewSecret);
    if (!check.ok) return previewRefused(check.reason, requestedLocale);
    const kind = pageKindOf(check.target.uid);
    if (!kind) return previewRefused('not-found', check.target.locale);
    try {
      const content = await cms.preview(query);
      const entry = content.data ?? content.english;
      if (!entry) return previewRefused('not-found', check.target.locale);
      return showPage(pageView(kind, entry, check.target.locale, content.english), check.target.locale, { status: check.target.status });
    } catch (error) {
      if (error instanceof CmsError && (error.status === 401 || error.status === 403)) return previewRefused('signature', check.target.locale);
      if (error instanceof CmsError && error.status === 404) return previewRefused('not-found', check.target.locale);
      throw error;
    }
  };

  const route = async (url: URL): Promise<Reply> => {
    const { pathname } = url;
    if (pathname === '/') return { status: 302, type: 'text/plain; charset=utf-8', body: '', headers: { Location: '/en/' } };
    if (pathname === '/healthz') return { status: 200, type: 'text/plain; charset=utf-8', body: 'ok' };
    if (pathname === '/preview') return preview(url.searchParams);
    if (pathname === '/sitemap.xml') {
      const codes = (await localeList()).map(({ code }) => code);
      return { status: 200, type: 'application/xml; charset=utf-8', body: sitemapXml(siteUrl, codes, await sitePages(cms)) };
    }
    if (pathname === '/stylesheets/govuk-frontend.min.css') return { status: 200, type: CONTENT_TYPES['.css'], body: stylesheet, headers: { 'Cache-Control': 'public, max-age=86400' } };
    const file = files.get(pathname);
    if (file) return { status: 200, type: CONTENT_TYPES[path.extname(file)], body: fs.readFileSync(file), headers: { 'Cache-Control': 'public, max-age=86400' } };

    const [, locale, segment, slug, ...rest] = pathname.split('/');
    const codes = (await localeList()).map(({ code }) => code);
    if (!codes.includes(locale) || rest.length > 0) return errorPage(404, codes.includes(locale) ? locale : 'en');
    if (!segment && slug === undefined) {
      const view = await loadPage(cms, 'home', locale);
      return view ? showPage(view, locale) : errorPage(404, locale);
    }
    const kind = (Object.keys(PAGE_TYPES) as PageKind[]).find((candidate) => (PAGE_TYPES[candidate] as { segment?: string }).segment === segment);
    if (!kind || !slug) return errorPage(404, locale);
    let decodedSlug: string;
    try {
      decodedSlug = decodeURIComponent(slug);
    } catch {
      return errorPage(404, locale); // a malformed %-escape names no page
    }
    const view = await loadPage(cms, kind, locale, decodedSlug);
    return view ? showPage(view, locale) : errorPage(404, locale);
  };

  const securityHeaders = (preview: boolean): Record<string, string> => ({
    'Content-Security-Policy': [
      "default-src 'self'",
      `script-src 'self' ${scriptHash}`,
      "style-src 'self'",
      "img-src 'self' data: https:",
      "font-src 'self'",
      "object-src 'none'",
      "base-uri 'none'",
      "form-action 'self'",
      // Previews are shown inside the admin panel's Preview; public pages are framed by nobody.
      `frame-ancestors ${preview ? adminOrigin : "'none'"}`,
    ].join('; '),
    'X-Content-Type-Options': 'nosniff',
    // A preview link carries its signature in the query: never send it on to another site.
    'Referrer-Policy': preview ? 'no-referrer' : 'strict-origin-when-cross-origin',
  });

  const handle = async (req: http.IncomingMessage, res: http.ServerResponse) => {
    let reply: Reply;
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      reply = { status: 405, type: 'text/plain; charset=utf-8', body: 'Method not allowed', headers: { Allow: 'GET, HEAD' } };
    } else {
      const url = new URL(req.url ?? '/', 'http://site.invalid');
      try {
        reply = await route(url);
      } catch (error) {
        console.error(`[site] ${req.method} ${url.pathname}: ${(error as Error).message}`);
        const pathLocale = url.pathname.split('/')[1];
        reply = await errorPage(503, MESSAGES[pathLocale] ? pathLocale : 'en').catch(() => ({ status: 503, type: 'text/plain; charset=utf-8', body: 'Service unavailable' }));
      }
      // Anything from /preview, refusals included, is private: never stored by a browser or a shared cache.
      if (url.pathname === '/preview') reply.preview = true;
    }
    const headers: Record<string, string> = {
      'Content-Type': reply.type,
      ...securityHeaders(!!reply.preview),
      'Cache-Control': reply.preview ? 'private, no-store' : 'no-cache',
      ...(reply.preview ? { 'X-Robots-Tag': 'noindex, nofollow' } : {}),
      ...reply.headers,
    };
    // Public pages revalidate on every request (the CMS answers from its cache): a publish shows on the next one.
    if (!reply.preview && reply.status === 200) {
      const etag = etagOf(reply.body);
      headers.ETag = etag;
      if (req.headers['if-none-match'] === etag) {
        res.writeHead(304, headers);
        res.end();
        return;
      }
    }
    res.writeHead(reply.status, { ...headers, 'Content-Length': String(Buffer.byteLength(reply.body)) });
    res.end(req.method === 'HEAD' ? undefined : reply.body);
  };

  return {
    handle,
    listen(port: number, host = '0.0.0.0'): Promise<http.Server> {
      const server = http.createServer((req, res) => void handle(req, res));
      return new Promise((resolve) => server.listen(port, host, () => resolve(server)));
    },
  };
};

/** `npm run site`: settings from the environment. */
export const siteOptionsFromEnv = (env: NodeJS.ProcessEnv = process.env): SiteOptions & { port: number } => {
  const port = Number(env.SITE_PORT ?? 3000);
  return {
    port,
    cmsUrl: env.CMS_URL ?? 'http://localhost:1337',
    siteUrl: env.SITE_URL ?? `http://localhost:${port}`,
    adminOrigin: env.ADMIN_ORIGIN || undefined,
    previewSecret: env.PREVIEW_SECRET || undefined,
    previewToken: env.PREVIEW_TOKEN || undefined,
  };
};

if (require.main === module) {
  // The repository's .env (written by `npm run develop`) holds the preview secrets the CMS uses too;
  // variables already in the environment win.
  const envFile = path.resolve(__dirname, '..', '..', '.env');
  if (fs.existsSync(envFile)) process.loadEnvFile(envFile);
  const { port, ...options } = siteOptionsFromEnv();
  void createSite(options)
    .listen(port)
    .then(() => console.log(`[site] http://localhost:${port}/ (content from ${options.cmsUrl})`));
}
