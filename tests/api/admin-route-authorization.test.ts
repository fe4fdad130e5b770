import crypto from 'crypto';
import fc from 'fast-check';
import qs from 'qs';
import { adminLogin } from '../helpers/callers';
import { fuzzOptions, refusalProblem, scalar } from '../helpers/fuzz';
import { seeded } from '../helpers/builders';
import { appModule, useApp } from '../helpers/strapi';
import { exportXliffText } from '../helpers/xliff';

/**
 * Every custom admin route, generated from the router's own table, against every kind of caller and
 * every way of sending a locale. The expected answer of each request is computed from the caller's
 * role permissions as stored in the database (the oracle), never listed by hand: allowed → 2xx,
 * refused → 403 with nothing changed, malformed (a list, a repeated key, a query/body mismatch, a
 * missing locale) → 400 for everyone.
 */
const CITY = 'api::city.city';
const TYPES = ['api::theme.theme', CITY, 'api::partnership.partnership', 'api::project.project', 'api::international-relations-page.international-relations-page'];
const TRANSLATED = ['fr', 'de', 'cs', 'zh-Hans'];
const CM = 'plugin::content-manager.explorer';
const AUDIT_LOG_READ = 'api::audit-log.read';

type Caller = { name: string; roleCode: string; headers: Record<string, string>; email: string };
type Permission = { action: string; subject: string | null; properties: { locales?: string[] | null } | null; conditions: string[] | null };
type Need = { content: string[]; uids: string[]; locale: string; every: boolean } | { permission: string };
type Attempt = { method: 'get' | 'post' | 'delete'; path: string; query?: string; body?: unknown; xml?: string; need: Need | 'bad-input' };

describe('admin route authorization', () => {
  const app = useApp();
  const callers: Caller[] = [];
  const permissions = new Map<string, Permission[]>();
  let lille: string;
  const versionIds = new Map<string, number>();

  const createRole = async (name: string, grants: Array<{ action: string; subject?: string; properties?: Record<string, unknown> }>) => {
    const roles = app().strapi.service('admin::role');
    const role = await roles.create({ name: `${name} ${crypto.randomBytes(2).toString('hex')}`, description: name });
    if (grants.length) await roles.assignPermissions(role.id, grants.map((grant) => ({ conditions: [], properties: {}, ...grant })));
    return (await app().strapi.db.query('admin::role').findOne({ where: { id: role.id } })).code as string;
  };

  beforeAll(async () => {
    lille = await seeded(app(), CITY, 'lille');
    const noRights = await createRole('No rights', []);
    // A council's own role: Content Manager rights on cities and partnerships in two locales only.
    const comms = await createRole('Comms reviewer', [
      ...['read', 'create', 'update', 'publish'].flatMap((action) =>
        [CITY, 'api::partnership.partnership'].map((subject) => ({ action: `${CM}.${action}`, subject, properties: { locales: ['fr', 'de'], ...(action === 'publish' ? {} : { fields: ['name', 'summary', 'title'] }) } })),
      ),
    ]);
    const czechOnly = await createRole('Czech proofreader', [
      ...['read', 'update', 'publish'].map((action) => ({ action: `${CM}.${action}`, subject: CITY, properties: { locales: ['cs'], ...(action === 'publish' ? {} : { fields: ['name', 'summary'] }) } })),
    ]);
    const roles: Array<[string, string]> = [
      ['no rights', noRights],
      ['Strapi Author', 'strapi-author'],
      ['Strapi Editor', 'strapi-editor'],
      ...TRANSLATED.map((locale): [string, string] => [`translator ${locale}`, `translator-${locale}`]),
      ['International Relations Editor', 'international-relations-editor'],
      ['Comms reviewer (fr, de)', comms],
      ['Czech proofreader (cs, cities)', czechOnly],
      ['super admin', 'strapi-super-admin'],
    ];
    for (const [name, roleCode] of roles) {
      const login = await adminLogin(app(), roleCode);
      callers.push({ name, roleCode, ...login });
      const rows = await app().strapi.db.query('admin::permission').findMany({ where: { role: { code: roleCode } } });
      permissions.set(roleCode, rows);
    }
    // A version per locale to read and restore, saved by an editor in the panel (so it names them).
    const editor = callers.find((caller) => caller.roleCode === 'international-relations-editor')!;
    for (const locale of ['en', ...TRANSLATED]) {
      const saved = await app()
        .http()
        .put(`/content-manager/collection-types/${CITY}/${lille}?locale=${locale}`)
        .set(editor.headers)
        .send({ locale, summary: `Summary ${locale} ${crypto.randomBytes(2).toString('hex')}` });
      expect(saved.status).toBe(200);
      const version = await app().strapi.db.query('api::document-version.document-version').findOne({ where: { targetUid: CITY, targetDocumentId: lille, locale }, orderBy: { id: 'desc' } });
      versionIds.set(locale, version.id);
    }
  });

  /** The oracle: what the caller's stored permissions allow, read the way Strapi's i18n reads them (null locales: all). */
  const allows = (caller: Caller, need: Need) => {
    if (caller.roleCode === 'strapi-super-admin') return true;
    const granted = permissions.get(caller.roleCode) ?? [];
    if ('permission' in need) return granted.some((p) => p.action === need.permission);
    const may = (action: string, uid: string) =>
      granted.some(
        (p) =>
          p.action === `${CM}.${action}` &&
          p.subject === uid &&
          (p.conditions ?? []).length === 0 &&
          (p.properties?.locales === null || (p.properties?.locales ?? []).includes(need.locale)),
      );
    const perType = need.uids.map((uid) => need.content.every((action) => may(action, uid)));
    return need.every ? perType.every(Boolean) : perType.some(Boolean);
  };

  // Exported once per locale: importing it unchanged writes nothing, so it stays valid for every caller.
  const exported = new Map<string, Promise<string>>();
  const xliffFor = (locale: string) => {
    if (!exported.has(locale)) exported.set(locale, exportXliffText(app(), `locale=${locale}&uid=api::theme.theme`, callers[callers.length - 1]).then(({ xml }) => xml));
    return exported.get(locale)!;
  };

  const future = () => new Date(Date.now() + 30 * 24 * 3600 * 1000).toISOString();

  const pendingAction = async (locale: string) => {
    const { scheduleAction } = appModule<typeof import('../../src/scheduling/actions')>('scheduling/actions');
    return (await scheduleAction(app().strapi, { uid: CITY, documentId: lille, locale, action: 'unpublish', at: future() })).id;
  };

  const contentNeed = (content: string[], uids: string[], locale: string, every = true): Need => ({ content, uids, locale, every });

  /** The well-formed request of each route for a locale, and what it needs. Keyed by METHOD path as the router lists it. */
  const wellFormed: Record<string, (locale: string) => Promise<Attempt>> = {
    'GET /translations/status': async (locale) => ({ method: 'get', path: '/translations/status', query: `locale=${locale}`, need: contentNeed(['read'], TYPES, locale, false) }),
    'POST /translations/status/mark-current': async (locale) => ({ method: 'post', path: '/translations/status/mark-current', body: { uid: CITY, documentId: lille, locale }, need: contentNeed(['update'], [CITY], locale) }),
    'POST /translations/publish': async (locale) => ({ method: 'post', path: '/translations/publish', body: { locale, dryRun: true }, need: contentNeed(['publish'], TYPES, locale) }),
    'GET /translations/xliff': async (locale) => ({ method: 'get', path: '/translations/xliff', query: `locale=${locale}`, need: contentNeed(['read'], TYPES, locale, false) }),
    'POST /translations/xliff': async (locale) => ({ method: 'post', path: '/translations/xliff', query: `locale=${locale}`, xml: await xliffFor(locale), need: contentNeed(['create', 'update'], ['api::theme.theme'], locale) }),
    'GET /history': async (locale) => ({ method: 'get', path: '/history', query: `uid=${CITY}&documentId=${lille}&locale=${locale}`, need: contentNeed(['read'], [CITY], locale) }),
    'GET /history/:id': async (locale) => ({ method: 'get', path: `/history/${versionIds.get(locale)}`, need: contentNeed(['read'], [CITY], locale) }),
    'POST /history/:id/restore': async (locale) => ({ method: 'post', path: `/history/${versionIds.get(locale)}/restore`, need: contentNeed(['update'], [CITY], locale) }),
    'GET /scheduled-actions': async (locale) => ({ method: 'get', path: '/scheduled-actions', query: `locale=${locale}`, need: contentNeed(['read'], TYPES, locale, false) }),
    'POST /scheduled-actions': async (locale) => ({ method: 'post', path: '/scheduled-actions', body: { uid: CITY, documentId: lille, locale, action: 'unpublish', at: future() }, need: contentNeed(['publish'], [CITY], locale) }),
    'DELETE /scheduled-actions/:id': async (locale) => ({ method: 'delete', path: `/scheduled-actions/${await pendingAction(locale)}`, need: contentNeed(['publish'], [CITY], locale) }),
    'GET /audit-log': async () => ({ method: 'get', path: '/audit-log', need: { permission: AUDIT_LOG_READ } }),
  };
  /** Routes with no admin session: their own credential, which no admin caller has. */
  const credentialRoutes = ['GET /preview/content'];

  /** The same request with its locale sent wrongly: as a list, repeated, mismatched, or missing. */
  const malformed = (attempt: Attempt, locale: string, other: string): Attempt[] => {
    const named = (query = '') => query.split('&').filter((part) => part && !part.startsWith('locale='));
    const withQuery = (extra: string[]) => [...named(attempt.query), ...extra].join('&');
    const bodyLocale = attempt.body && typeof attempt.body === 'object' && 'locale' in attempt.body;
    const withoutBodyLocale = () => Object.fromEntries(Object.entries(attempt.body as Record<string, unknown>).filter(([name]) => name !== 'locale'));
    const variants: Attempt[] = [
      { ...attempt, query: withQuery([`locale=${locale}`, `locale=${other}`]), need: 'bad-input' },
      { ...attempt, query: withQuery([`locale[]=${locale}`]), need: 'bad-input' },
      { ...attempt, query: withQuery([`locale[0]=${other}`, `locale[1]=${locale}`]), need: 'bad-input' },
    ];
    if (bodyLocale) {
      variants.push({ ...attempt, query: withQuery([`locale=${other}`]), need: 'bad-input' });
      variants.push({ ...attempt, body: { ...(attempt.body as object), locale: [locale] }, need: 'bad-input' });
      variants.push({ ...attempt, body: withoutBodyLocale(), need: 'bad-input' });
      // The locale in the query alone is read the same as in the body.
      variants.push({ ...attempt, query: withQuery([`locale=${locale}`]), body: withoutBodyLocale(), need: attempt.need });
    } else if (attempt.xml) {
      variants.push({ ...attempt, query: withQuery([`locale=${other}`]), need: 'bad-input' });
    } else if (attempt.query?.includes('locale=') && attempt.path !== '/scheduled-actions') {
      // (The scheduled actions list takes no locale to mean all of them.)
      variants.push({ ...attempt, query: withQuery([]), need: 'bad-input' });
    }
    return variants;
  };

  const send = (caller: Caller, attempt: Attempt) => {
    const url = `${attempt.path}${attempt.query ? `?${attempt.query}` : ''}`;
    const request = app().http()[attempt.method](url).set(caller.headers);
    if (attempt.xml) return request.set('Content-Type', 'application/xliff+xml').send(attempt.xml);
    return attempt.body === undefined ? request : request.send(attempt.body as object);
  };

  const expected = (caller: Caller, attempt: Attempt) => (attempt.need === 'bad-input' ? 400 : allows(caller, attempt.need) ? 'ok' : 403);
  const answered = (status: number) => (status >= 200 && status < 300 ? 'ok' : status);

  it('has a declaration for every custom admin route the router serves, and this test covers each', () => {
    const { declaredAdminRoutes } = appModule<typeof import('../../src/admin-routes')>('admin-routes/index');
    const declared = declaredAdminRoutes(app().strapi).map((route) => `${route.method} ${route.path}`);
    // Strapi's own routes live under its plugins' prefixes, /admin and /api; everything else the router serves is this project's.
    const strapiPrefixes = ['/admin', '/api', ...Object.keys(app().strapi.plugins).map((name) => `/${name}`)];
    const strapis = (path: string) => strapiPrefixes.some((prefix) => path === prefix || path.startsWith(`${prefix}/`));
    // Served by Strapi's server itself: its health check (every method), the public folder and uploads; and /_ready, a probe with no input.
    const serverRoutes = ['/_health', '/_ready', '/', '/((?!uploads/).+)', '/uploads/(.*)'];
    const ownRoutes = app()
      .strapi.server.listRoutes()
      .filter((layer: { path: string }) => !strapis(layer.path) && !serverRoutes.includes(layer.path))
      .flatMap((layer: { path: string; methods: string[] }) => layer.methods.filter((method) => method !== 'HEAD').map((method) => `${method} ${layer.path}`));
    expect(ownRoutes.length).toBeGreaterThanOrEqual(13);
    expect(ownRoutes.filter((route: string) => !declared.includes(route))).toEqual([]);
    expect(declared.filter((route) => !(route in wellFormed) && !credentialRoutes.includes(route))).toEqual([]);
  });

  it('answers every route for every caller and locale as the caller\'s permissions say', async () => {
    const mismatches: string[] = [];
    let requests = 0;
    for (const [route, build] of Object.entries(wellFormed)) {
      for (const caller of callers) {
        for (const [index, locale] of TRANSLATED.entries()) {
          const attempt = await build(locale);
          const attempts = index === 0 ? [attempt, ...malformed(attempt, locale, TRANSLATED[1])] : [attempt];
          for (const variant of attempts) {
            const response = await send(caller, variant);
            requests += 1;
            const want = expected(caller, variant);
            if (answered(response.status) !== want) mismatches.push(`${caller.name}: ${variant.method.toUpperCase()} ${variant.path}?${variant.query ?? ''} ${JSON.stringify(variant.body ?? '')} → ${response.status}, expected ${want} (${response.body?.error?.message ?? ''})`);
          }
        }
      }
    }
    expect(mismatches).toEqual([]);
    expect(requests).toBeGreaterThan(500);
  }, 300_000);

  it('refuses the breach of the last probe: a list-valued ?locale with a body naming another locale publishes nothing', async () => {
    const noRights = callers[0];
    const before = await app().strapi.db.query(CITY).count({ where: { publishedAt: { $notNull: true } } });
    const response = await app().http().post('/translations/publish?locale=a&locale=b').set(noRights.headers).send({ locale: 'cs' });
    expect(response.status).toBe(400);
    const alone = await app().http().post('/translations/publish').set(noRights.headers).send({ locale: 'cs' });
    expect(alone.status).toBe(403);
    expect(await app().strapi.db.query(CITY).count({ where: { publishedAt: { $notNull: true } } })).toBe(before);
  });

  it("shows other admins' e-mail addresses only to callers who may read admin users", async () => {
    const path = `/history?uid=${CITY}&documentId=${lille}&locale=fr`;
    for (const caller of callers) {
      const response = await app().http().get(path).set(caller.headers);
      if (response.status !== 200) continue;
      const mayReadUsers = caller.roleCode === 'strapi-super-admin' || (permissions.get(caller.roleCode) ?? []).some((p) => p.action === 'admin::users.read');
      const byEditor = response.body.data.filter((version: { actorType: string }) => version.actorType === 'admin');
      expect(byEditor.length).toBeGreaterThan(0);
      expect({ caller: caller.name, emails: byEditor.map((version: { actorEmail: string | null }) => version.actorEmail !== null) }).toEqual({ caller: caller.name, emails: byEditor.map(() => mayReadUsers) });
    }
  });

  it("holds every caller's Content Manager writes to their permissions, locale by locale (creating a translation included)", async () => {
    const cmPath = (documentId: string) => `/content-manager/collection-types/${CITY}/${documentId}`;
    const mismatches: string[] = [];
    for (const caller of callers) {
      // A document of its own per caller: only in English, published, so each locale version is new.
      const fresh = await app().strapi.documents(CITY).create({ locale: 'en', status: 'published', data: { name: `Authz ${caller.name} ${crypto.randomBytes(2).toString('hex')}`, countryCode: 'FR', latitude: 1, longitude: 1 } as never });
      for (const locale of ['en', ...TRANSLATED]) {
        const attempts: Array<{ what: string; need: Need; send: () => Promise<{ status: number; body: any }> }> = [
          {
            what: `create the ${locale} version`,
            need: contentNeed([locale === 'en' ? 'update' : 'create'], [CITY], locale),
            send: () => app().http().put(`${cmPath(fresh.documentId)}?locale=${locale}`).set(caller.headers).send({ locale, name: `Authz ${locale}`, summary: `Summary ${locale}` }),
          },
          { what: `publish ${locale}`, need: contentNeed(['publish'], [CITY], locale), send: () => app().http().post(`${cmPath(lille)}/actions/publish?locale=${locale}`).set(caller.headers).send({}) },
          { what: `discard ${locale}`, need: contentNeed(['update'], [CITY], locale), send: () => app().http().post(`${cmPath(lille)}/actions/discard?locale=${locale}`).set(caller.headers).send({}) },
        ];
        for (const attempt of attempts) {
          const before = await app().strapi.db.query(CITY).count({ where: { documentId: fresh.documentId } });
          const response = await attempt.send();
          const want = allows(caller, attempt.need) ? 'ok' : 403;
          if (answered(response.status) !== want) mismatches.push(`${caller.name}: ${attempt.what} → ${response.status}, expected ${want} (${response.body?.error?.message ?? ''})`);
          if (want === 403 && (await app().strapi.db.query(CITY).count({ where: { documentId: fresh.documentId } })) !== before) mismatches.push(`${caller.name}: ${attempt.what} was refused but wrote a row`);
        }
      }
      // A new document needs the right to create its English version.
      const created = await app().http().post(`/content-manager/collection-types/${CITY}?locale=fr`).set(caller.headers).send({ locale: 'fr', name: `Neuf ${crypto.randomBytes(2).toString('hex')}`, countryCode: 'FR', latitude: 1, longitude: 1 });
      const wantNew = allows(caller, contentNeed(['create'], [CITY], 'fr')) && allows(caller, contentNeed(['create'], [CITY], 'en')) ? 'ok' : 403;
      if (answered(created.status) !== wantNew) mismatches.push(`${caller.name}: a new document in fr → ${created.status}, expected ${wantNew} (${created.body?.error?.message ?? ''})`);
    }
    expect(mismatches).toEqual([]);
  }, 180_000);

  it('answers every admin input of the wrong type or shape with a named 4xx, never a 5xx', async () => {
    const admin = callers[callers.length - 1];
    const hostile = fc.oneof(
      { weight: 4, arbitrary: scalar },
      { weight: 1, arbitrary: fc.array(scalar, { maxLength: 3 }) },
      { weight: 1, arbitrary: fc.dictionary(fc.constantFrom('a', '$eq', '0', '__proto__'), scalar, { maxKeys: 2 }) },
      { weight: 1, arbitrary: fc.constantFrom(null, true, 0, -1, 1e300, 2 ** 53) },
    );
    const routes = Object.keys(wellFormed);
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...routes), fc.nat(), hostile, fc.constantFrom('query', 'body', 'path'), async (route, pick, value, where) => {
        const attempt = await wellFormed[route]('fr');
        const query = qs.parse(attempt.query ?? '');
        const body = attempt.body && typeof attempt.body === 'object' ? { ...(attempt.body as Record<string, unknown>) } : undefined;
        let path = attempt.path;
        if (where === 'path' && /\/\d+/.test(path)) path = path.replace(/\/\d+/, `/${encodeURIComponent(String(typeof value === 'object' ? JSON.stringify(value) : value))}`);
        else if (where === 'body' && body) {
          const keys = Object.keys(body);
          body[keys[pick % keys.length]] = value;
        } else {
          const keys = Object.keys(query);
          query[keys.length ? keys[pick % keys.length] : 'locale'] = value as never;
        }
        const url = `${path}?${qs.stringify(query)}`;
        const request = app().http()[attempt.method](url).set(admin.headers);
        const response = await (attempt.xml ? request.set('Content-Type', 'application/xliff+xml').send(attempt.xml) : body ? request.send(body) : request);
        const wrong = refusalProblem(response);
        if (wrong) throw new Error(`${attempt.method.toUpperCase()} ${url} ${JSON.stringify(body ?? '')}: ${wrong}`);
      }),
      fuzzOptions('admin-inputs', 300),
    );
    // A body that is not an object at all.
    for (const body of ['[1,2]', '"text"', '42', 'null']) {
      const response = await app().http().post('/translations/publish').set(admin.headers).set('Content-Type', 'application/json').send(body);
      expect({ body, status: response.status }).toEqual({ body, status: 400 });
    }
  }, 180_000);

  it('takes ids in decimal digits only', async () => {
    const admin = callers[callers.length - 1];
    const id = versionIds.get('fr')!;
    expect((await app().http().get(`/history/${id}`).set(admin.headers)).status).toBe(200);
    for (const spelling of [`0x${id.toString(16)}`, `${id}.0`, `+${id}`, ` ${id}`, `${id}e0`, '0', '-1', '99999999999', `${id}%00`]) {
      const response = await app().http().get(`/history/${encodeURIComponent(spelling).replace('%2500', '%00')}`).set(admin.headers);
      expect({ spelling, status: response.status }).toEqual({ spelling, status: 400 });
    }
  });
});
