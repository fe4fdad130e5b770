import fc from 'fast-check';
import type { Response } from 'supertest';
import { EDITOR_ROLE } from '../../src/domain/roles';
import { cityInput, partnershipInput, projectInput, seeded } from '../helpers/builders';
import { adminLogin, createApiToken, withToken } from '../helpers/callers';
import { contentSnapshot, fuzzOptions, localeish, nastyString, numberish, refusalProblem, scalar } from '../helpers/fuzz';
import { useApp } from '../helpers/strapi';

/**
 * Generated payloads at every write path: REST with a token that may write, the admin Content
 * Manager as an editor (create, update, publish) and the XLIFF import. Never a 5xx; a refusal is
 * a 4xx that names the problem and leaves every content table exactly as it was.
 */

type Kind = 'city' | 'partnership' | 'project' | 'theme' | 'page';
const UID: Record<Kind, string> = {
  city: 'api::city.city',
  partnership: 'api::partnership.partnership',
  project: 'api::project.project',
  theme: 'api::theme.theme',
  page: 'api::international-relations-page.international-relations-page',
};
const REST_PATH: Record<Kind, string> = { city: '/api/cities', partnership: '/api/partnerships', project: '/api/projects', theme: '/api/themes', page: '/api/international-relations-page' };
const KINDS = Object.keys(UID) as Kind[];

const ATTRIBUTES: Record<Kind, string[]> = {
  city: ['name', 'slug', 'countryCode', 'country', 'region', 'latitude', 'longitude', 'population', 'wikidataId', 'website', 'summary', 'description', 'image', 'partnerships'],
  partnership: ['title', 'slug', 'city', 'startYear', 'endYear', 'dateNote', 'kind', 'partnershipStatus', 'origin', 'summary', 'description', 'themes', 'projects', 'organisations'],
  project: ['title', 'slug', 'summary', 'description', 'startYear', 'endYear', 'projectStatus', 'partnerships', 'themes', 'organisations', 'website'],
  theme: ['name', 'slug', 'description', 'partnerships', 'projects'],
  page: ['title', 'intro', 'partnerships'],
};
const SYSTEM_KEYS = ['id', 'documentId', 'locale', 'publishedAt', 'createdAt', 'updatedBy', 'localizations', '__proto__', 'constructor', 'nope'];

/** Relation values in every shape Strapi accepts, with real, foreign and made-up ids. */
const relationValue = (ids: string[]) => {
  const id = fc.oneof(fc.constantFrom(...ids), fc.constantFrom('nope', 'abcdefghijklmnopqrstuvwx', ''), fc.integer({ min: -1, max: 10_000 }), nastyString);
  return fc.oneof(
    id,
    fc.array(id, { maxLength: 3 }),
    fc.record({ connect: fc.array(fc.oneof(id, fc.record({ documentId: id, locale: localeish }, { requiredKeys: [] }), fc.record({ documentId: id, position: fc.record({ before: id, after: id, start: fc.boolean(), end: fc.boolean() }, { requiredKeys: [] }) })), { maxLength: 2 }) }, { requiredKeys: [] }),
    fc.record({ set: fc.array(id, { maxLength: 2 }), disconnect: fc.array(id, { maxLength: 2 }) }, { requiredKeys: [] }),
  );
};

const blocks = fc.oneof(
  fc.constant([{ type: 'paragraph', children: [{ type: 'text', text: 'A paragraph.' }] }]),
  fc.array(fc.record({ type: fc.constantFrom('paragraph', 'heading', 'list', 'nope'), children: fc.oneof(fc.array(fc.record({ type: fc.constantFrom('text', 'link'), text: nastyString }, { requiredKeys: [] }), { maxLength: 2 }), scalar), level: numberish }, { requiredKeys: [] }), { maxLength: 2 }),
);

const organisation = fc.record({ name: nastyString, role: nastyString, url: fc.oneof(fc.constantFrom('https://leeds.example', 'ftp://x', 'javascript:alert(1)'), nastyString), countryCode: fc.oneof(fc.constantFrom('GB', 'FR', 'XX', 'gb'), nastyString), id: numberish }, { requiredKeys: [] });

/** Any value a client might put in a field: right type or wrong, empty, huge, nested. */
const anyValue = (ids: string[]) =>
  fc.oneof(
    scalar,
    fc.double(),
    fc.integer(),
    fc.constantFrom(null, true, false, 1e308, -1e308, 2 ** 31, 2 ** 53 + 1, 1900, 2100, 0, -90.5, 180.0001),
    fc.array(scalar, { maxLength: 3 }),
    fc.dictionary(nastyString, scalar, { maxKeys: 2 }),
    relationValue(ids),
    blocks,
    fc.array(organisation, { maxLength: 2 }),
    fc.string({ minLength: 300, maxLength: 2000 }),
  );

/** A valid payload with one to three fields (or unknown keys) replaced by generated values. */
const payload = (kind: Kind, valid: () => Record<string, unknown>, ids: string[]) =>
  fc
    .array(fc.tuple(fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...ATTRIBUTES[kind]) }, { weight: 1, arbitrary: fc.constantFrom(...SYSTEM_KEYS) }), anyValue(ids)), { minLength: 0, maxLength: 3 })
    .map((changes) => {
      const data: Record<string, unknown> = valid();
      for (const [key, value] of changes) Object.defineProperty(data, key, { value, enumerable: true, writable: true, configurable: true });
      return data;
    });

/** What goes in the request body around the data: usually `{ data }`, sometimes not. */
const restBody = (data: fc.Arbitrary<Record<string, unknown>>) =>
  fc.oneof(
    { weight: 8, arbitrary: data.map((value) => ({ data: value })) },
    { weight: 1, arbitrary: data },
    { weight: 1, arbitrary: fc.oneof(fc.constant({ data: null }), fc.constant({ data: [] }), scalar.map((value) => ({ data: value })), fc.constant([])) },
  );

/** An id that is not a real one (an empty one would address another route). */
const nonEmpty = nastyString.filter((text) => text.trim() !== '');

const writeLocale = fc.oneof({ weight: 6, arbitrary: fc.constantFrom('en', 'fr', 'de', 'cs', 'zh-Hans') }, { weight: 1, arbitrary: localeish });
const writeStatus = fc.oneof({ weight: 3, arbitrary: fc.constant(undefined) }, { weight: 2, arbitrary: fc.constantFrom('draft', 'published') }, { weight: 1, arbitrary: nastyString });

const queryString = (locale: string | undefined, status?: string) => {
  const parameters = new URLSearchParams();
  if (locale !== undefined) parameters.set('locale', locale);
  if (status !== undefined) parameters.set('status', status);
  const text = parameters.toString();
  return text ? `?${text}` : '';
};

// Hundreds of generated requests: more than the default 60 s on a busy 2-core machine.
jest.setTimeout(180_000);

describe('fuzz: every write path', () => {
  const app = useApp();
  const ids: Record<Kind | 'all', string[]> = { city: [], partnership: [], project: [], theme: [], page: [], all: [] };
  let token = '';
  let editor: { headers: Record<string, string> };
  let lille = '';

  const valid = (kind: Kind): Record<string, unknown> => {
    if (kind === 'city') return cityInput();
    if (kind === 'partnership') return partnershipInput(lille);
    if (kind === 'project') return projectInput();
    if (kind === 'theme') return { name: `Theme ${Math.random().toString(36).slice(2, 8)}` };
    return { title: 'International relations' };
  };

  /** Sends one write; on a refusal checks the message and that no content table changed. */
  const checkWrite = async (description: string, send: () => Promise<Response>) => {
    const before = await contentSnapshot(app());
    const response = await send();
    const problem = refusalProblem(response);
    if (problem) throw new Error(`${description} ${problem}`);
    if (response.status >= 400) {
      const after = await contentSnapshot(app());
      const changed = Object.keys(after).filter((table) => after[table] !== before[table]);
      if (changed.length > 0) throw new Error(`${description} answered ${response.status} but changed ${changed.join(', ')}`);
    }
    return response;
  };

  beforeAll(async () => {
    token = await createApiToken(app(), 'full-access');
    editor = await adminLogin(app(), EDITOR_ROLE.code);
    lille = await seeded(app(), UID.city, 'lille');
    for (const kind of KINDS) {
      const rows = await app().strapi.db.query(UID[kind] as any).findMany({ where: { locale: 'en' }, select: ['documentId'] });
      ids[kind] = [...new Set(rows.map((row: any) => row.documentId as string))];
      ids.all.push(...ids[kind]);
    }
  });

  it('snapshots see a write and ignore token bookkeeping', async () => {
    const before = await contentSnapshot(app());
    await app().http().get('/api/themes').set(withToken(token));
    expect(await contentSnapshot(app())).toEqual(before);
    await app().strapi.documents('api::theme.theme').create({ locale: 'en', data: { name: 'Snapshot probe' } as any });
    const after = await contentSnapshot(app());
    expect(after.themes).not.toEqual(before.themes);
  });

  it('REST with a token that may write: POST, PUT and DELETE', async () => {
    const statuses: number[] = [];
    const request = fc.oneof(
      ...KINDS.filter((kind) => kind !== 'page').map((kind) =>
        fc.record({ method: fc.constant('post' as const), kind: fc.constant(kind), id: fc.constant(''), body: restBody(payload(kind, () => valid(kind), ids.all)), locale: writeLocale, status: writeStatus }),
      ),
      ...KINDS.map((kind) =>
        fc.record({
          method: fc.constantFrom('put' as const, 'delete' as const),
          kind: fc.constant(kind),
          id: kind === 'page' ? fc.constant('') : fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...ids[kind]) }, { weight: 1, arbitrary: fc.oneof(nonEmpty, fc.constantFrom(...ids.all)) }),
          body: restBody(payload(kind, () => ({}), ids.all)),
          locale: writeLocale,
          status: writeStatus,
        }),
      ),
    );
    await fc.assert(
      fc.asyncProperty(request, async ({ method, kind, id, body, locale, status }) => {
        const path = `${REST_PATH[kind]}${id ? `/${encodeURIComponent(id)}` : ''}${queryString(locale, status)}`;
        const response = await checkWrite(`${method.toUpperCase()} ${path} ${JSON.stringify(body).slice(0, 400)}`, () =>
          method === 'delete' ? app().http().delete(path).set(withToken(token)) : app().http()[method](path).set(withToken(token)).send(body as object),
        );
        statuses.push(response.status);
      }),
      fuzzOptions('fuzz-writes REST', 45),
    );
    expect(statuses.filter((status) => status < 300).length).toBeGreaterThan(5);
    expect(statuses.filter((status) => status >= 400).length).toBeGreaterThan(5);
  });

  it('admin Content Manager as an editor: create, update and publish', async () => {
    const statuses: number[] = [];
    const collectionKinds = KINDS.filter((kind) => kind !== 'page');
    const request = fc.oneof(
      ...collectionKinds.map((kind) => fc.record({ action: fc.constant('create' as const), kind: fc.constant(kind), id: fc.constant(''), data: payload(kind, () => valid(kind), ids.all), locale: writeLocale })),
      ...KINDS.map((kind) =>
        fc.record({
          action: fc.constantFrom('update' as const, 'publish' as const),
          kind: fc.constant(kind),
          id: kind === 'page' ? fc.constant('') : fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...ids[kind]) }, { weight: 1, arbitrary: nonEmpty }),
          data: payload(kind, () => ({}), ids.all),
          locale: writeLocale,
        }),
      ),
    );
    await fc.assert(
      fc.asyncProperty(request, async ({ action, kind, id, data, locale }) => {
        const base = kind === 'page' ? `/content-manager/single-types/${UID[kind]}` : `/content-manager/collection-types/${UID[kind]}${id ? `/${encodeURIComponent(id)}` : ''}`;
        const path = `${base}${action === 'publish' ? '/actions/publish' : ''}${queryString(locale)}`;
        const method = action === 'update' ? 'put' : 'post';
        const response = await checkWrite(`${method.toUpperCase()} ${path} ${JSON.stringify(data).slice(0, 400)}`, () => app().http()[method](path).set(editor.headers).send(data));
        statuses.push(response.status);
      }),
      fuzzOptions('fuzz-writes Content Manager', 30),
    );
    expect(statuses.filter((status) => status < 300).length).toBeGreaterThan(2);
    expect(statuses.filter((status) => status >= 400).length).toBeGreaterThan(2);
  });

  it('XLIFF import: mutated exports and junk', async () => {
    // The cities' units only: a valid import rewrites every document in the file.
    const exported = (await app().http().get('/translations/xliff?locale=fr&uid=api::city.city').set(editor.headers)).text;
    expect(exported).toContain('<xliff');
    const unitIds = [...exported.matchAll(/<trans-unit id="([^"]+)"/g)].map((match) => match[1]);
    const mutation = fc.oneof(
      fc.tuple(fc.constantFrom(...unitIds), nastyString).map(([unit, text]) => (xml: string) => xml.replace(new RegExp(`(<trans-unit id="${unit.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}"[\\s\\S]*?<target[^>]*>)[\\s\\S]*?(</target>)`), `$1${escapeXml(text)}$2`)),
      fc.tuple(fc.constantFrom(...unitIds), nastyString).map(([unit, id]) => (xml: string) => xml.replace(`id="${unit}"`, `id="${escapeXml(id)}"`)),
      nastyString.map((text) => (xml: string) => xml.replace(/<source>[^<]*<\/source>/, `<source>${escapeXml(text)}</source>`)),
      localeish.map((locale) => (xml: string) => xml.replace(/target-language="[^"]*"/g, `target-language="${escapeXml(locale)}"`)),
      fc.nat().map((cut) => (xml: string) => xml.slice(0, cut % xml.length)),
      fc.tuple(fc.nat(), fc.constantFrom('<', '&', ']]>', '<!DOCTYPE x [<!ENTITY a "aaaa">]>', '\u0000', '<trans-unit>', '</file>')).map(([at, junk]) => (xml: string) => xml.slice(0, at % xml.length) + junk + xml.slice(at % xml.length)),
      fc.constant((xml: string) => xml),
    );
    const body = fc.oneof(
      { weight: 2, arbitrary: fc.constant({ kind: 'text' as const, value: exported as unknown }) },
      { weight: 6, arbitrary: fc.array(mutation, { minLength: 1, maxLength: 3 }).map((mutations) => ({ kind: 'text' as const, value: mutations.reduce((xml, mutate) => mutate(xml), exported) })) },
      { weight: 1, arbitrary: fc.array(mutation, { maxLength: 2 }).map((mutations) => ({ kind: 'json' as const, value: { xliff: mutations.reduce((xml, mutate) => mutate(xml), exported) } as unknown })) },
      { weight: 1, arbitrary: fc.oneof(scalar, fc.dictionary(nastyString, scalar, { maxKeys: 2 })).map((value) => ({ kind: 'json' as const, value: { xliff: value } as unknown })) },
      { weight: 1, arbitrary: nastyString.map((value) => ({ kind: 'text' as const, value })) },
    );
    const statuses: number[] = [];
    await fc.assert(
      fc.asyncProperty(body, fc.oneof({ weight: 5, arbitrary: fc.constant('fr') }, { weight: 1, arbitrary: localeish }), async (sent, locale) => {
        const path = `/translations/xliff${queryString(locale)}`;
        const response = await checkWrite(`POST ${path} ${JSON.stringify(sent.value).slice(0, 300)}`, () => {
          const call = app().http().post(path).set(editor.headers);
          return sent.kind === 'text' ? call.set('Content-Type', 'text/plain').send(String(sent.value)) : call.send(sent.value as object);
        });
        statuses.push(response.status);
      }),
      fuzzOptions('fuzz-writes XLIFF import', 15),
    );
    expect(statuses.filter((status) => status < 300).length).toBeGreaterThan(0);
    expect(statuses.filter((status) => status >= 400).length).toBeGreaterThan(3);
  });
});

const escapeXml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
