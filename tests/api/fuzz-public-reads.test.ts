import fc from 'fast-check';
import qs from 'qs';
import { fuzzOptions, localeish, maybeArray, nastyString, numberish, refusalProblem, scalar } from '../helpers/fuzz';
import { useApp } from '../helpers/strapi';
import { SUPPORTED_LOCALE_CODES } from '../../src/locales/locales';

/**
 * Generated query strings against every public GET route the app documents in /api/openapi.json
 * (built from the router, so a new route is fuzzed without touching this file): never a 5xx, and
 * every refusal a 4xx whose message names the problem.
 */

const FIELDS = [
  'name', 'slug', 'title', 'countryCode', 'country', 'region', 'latitude', 'longitude', 'population', 'wikidataId', 'website', 'summary',
  'description', 'intro', 'startYear', 'endYear', 'dateNote', 'kind', 'partnershipStatus', 'projectStatus', 'origin',
  'id', 'documentId', 'locale', 'createdAt', 'updatedAt', 'publishedAt',
];
const RELATIONS = ['city', 'partnerships', 'themes', 'projects', 'image', 'organisations', 'localizations', 'createdBy', 'updatedBy'];
const JUNK_NAMES = ['nope', '__proto__', 'constructor', 'password', 'a.b', '', '$where', 'name;drop', 'ÿ'];
const OPERATORS = [
  '$eq', '$eqi', '$ne', '$nei', '$lt', '$lte', '$gt', '$gte', '$in', '$notIn', '$contains', '$notContains', '$containsi', '$notContainsi',
  '$null', '$notNull', '$between', '$startsWith', '$startsWithi', '$endsWith', '$endsWithi', '$regex', '$foo', 'eq',
];

const fieldName = fc.oneof({ weight: 6, arbitrary: fc.constantFrom(...FIELDS) }, { weight: 3, arbitrary: fc.constantFrom(...RELATIONS) }, { weight: 1, arbitrary: fc.constantFrom(...JUNK_NAMES) });
const relationPath = fc.array(fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...RELATIONS) }, { weight: 1, arbitrary: fc.constantFrom(...FIELDS, ...JUNK_NAMES) }), { minLength: 1, maxLength: 4 }).map((parts) => parts.join('.'));

const filterTree = fc.letrec<{ filter: unknown }>((tie) => ({
  filter: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    maybeArray(scalar),
    fc.dictionary(fc.constantFrom(...OPERATORS), maybeArray(scalar), { minKeys: 1, maxKeys: 2 }),
    fc.dictionary(fieldName, tie('filter'), { minKeys: 1, maxKeys: 2 }),
    fc.record({ $and: fc.array(tie('filter'), { maxLength: 2 }) }),
    fc.record({ $or: fc.array(tie('filter'), { maxLength: 2 }) }),
    fc.record({ $not: tie('filter') }),
  ),
})).filter;
const filters = fc.dictionary(fc.oneof(fieldName, fc.constantFrom('$and', '$or', '$not')), filterTree, { minKeys: 1, maxKeys: 3 });

const sortItem = fc.tuple(fc.oneof(fieldName, relationPath), fc.constantFrom('', ':asc', ':desc', ':ASC', ':sideways', ':')).map(([field, direction]) => `${field}${direction}`);
const sort = fc.oneof(sortItem, fc.array(sortItem, { maxLength: 3 }), fc.dictionary(fieldName, fc.constantFrom('asc', 'desc', 'up')), sortItem.map((item) => `${item},${item}`));
const fields = fc.oneof(fieldName, fc.array(fieldName, { maxLength: 4 }), fc.constant('*'));

const populateTree = fc.letrec<{ populate: unknown }>((tie) => ({
  populate: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom('*', 'true', 'false', '', 'deep'),
    relationPath,
    fc.array(relationPath, { maxLength: 3 }),
    fc.dictionary(
      fc.oneof(fc.constantFrom(...RELATIONS), fieldName),
      fc.oneof(
        fc.constantFrom('true', 'false', '*', '1'),
        fc.record(
          { populate: tie('populate'), fields, filters, sort, on: fc.dictionary(fc.constantFrom('shared.organisation', 'nope.nope'), tie('populate'), { maxKeys: 1 }), count: fc.constantFrom('true', 'x') },
          { requiredKeys: [] },
        ),
      ),
      { minKeys: 1, maxKeys: 3 },
    ),
  ),
})).populate;

const pagination = fc.record(
  { page: maybeArray(numberish), pageSize: maybeArray(numberish), start: maybeArray(numberish), limit: maybeArray(numberish), withCount: fc.constantFrom('true', 'false', 'yes', '') },
  { requiredKeys: [] },
);

const junkKey = fc.oneof(fc.constantFrom('foo', 'q', '_q', 'search', 'publicationState', 'plugins', 'hasPublishedVersion', 'lang', 'count', 'offset', 'where'), fc.string({ minLength: 1, maxLength: 6 }));

/** Every parameter at its wildest. */
const WILD = {
  filters: fc.oneof({ weight: 5, arbitrary: filters }, { weight: 1, arbitrary: scalar }),
  populate: populateTree,
  sort,
  pagination: fc.oneof({ weight: 5, arbitrary: pagination }, { weight: 1, arbitrary: scalar }),
  locale: maybeArray(localeish),
  status: maybeArray(fc.oneof(fc.constantFrom('published', 'draft', 'PUBLISHED', 'modified', ''), nastyString)),
  fallbackLocale: maybeArray(localeish),
  fields,
};

/** What a web developer would send: real fields, locales and small pages (so that many are served). */
const plausible = fc.record(
  {
    locale: fc.constantFrom(...SUPPORTED_LOCALE_CODES),
    fallbackLocale: fc.constantFrom(...SUPPORTED_LOCALE_CODES),
    pagination: fc.record({ page: fc.integer({ min: 1, max: 3 }), pageSize: fc.integer({ min: 1, max: 150 }) }, { requiredKeys: [] }),
    // Fields every type has, so that a plausible query is valid on any route.
    sort: fc.constantFrom('createdAt:desc', 'id', 'updatedAt:asc', 'publishedAt'),
    populate: fc.constant('*'),
    filters: fc.record({ id: fc.record({ $gt: fc.integer({ min: 0, max: 50 }) }) }),
  },
  { requiredKeys: [] },
);

const oneWildParameter = fc.oneof(...Object.entries(WILD).map(([key, arbitrary]) => fc.record({ [key]: arbitrary as fc.Arbitrary<unknown> })));
const junk = fc.dictionary(junkKey, maybeArray(scalar), { minKeys: 1, maxKeys: 2 });

/** Plausible queries, plausible ones with one wild parameter or junk keys, and wild ones. */
const query = fc.oneof(
  { weight: 2, arbitrary: plausible },
  { weight: 3, arbitrary: fc.tuple(plausible, oneWildParameter).map(([base, wild]) => ({ ...base, ...wild })) },
  { weight: 1, arbitrary: fc.tuple(plausible, junk).map(([base, extra]) => ({ ...base, ...extra })) },
  { weight: 2, arbitrary: fc.record(WILD, { requiredKeys: [] }) },
);

// Hundreds of generated requests: more than the default 60 s on a busy 2-core machine.
jest.setTimeout(180_000);

describe('fuzz: every public GET route', () => {
  const app = useApp();
  let paths: string[] = [];

  beforeAll(async () => {
    const document = (await app().http().get('/api/openapi.json')).body;
    const templates = Object.entries(document.paths as Record<string, Record<string, unknown>>)
      .filter(([, operations]) => operations.get)
      .map(([path]) => path);
    // Each {param} becomes junk and, where the parent path lists documents, a real documentId of
    // that type (so findOne has something to find).
    paths = [];
    for (const template of templates) {
      const match = /^(.*)\/\{[^}]+\}$/.exec(template);
      if (!match) {
        paths.push(template);
        continue;
      }
      const list = await app().http().get(match[1]);
      if (Array.isArray(list.body?.data)) paths.push(`${match[1]}/${list.body.data[0].documentId}`);
      paths.push(`${match[1]}/${encodeURIComponent('ü nope')}`);
    }
  });

  it('reads the routes from the OpenAPI document, geojson and the single type included', () => {
    expect(paths).toEqual(expect.arrayContaining(['/api/cities', '/api/cities/geojson', '/api/international-relations-page', '/api/partnerships', '/api/projects', '/api/themes']));
    expect(paths.filter((path) => /^\/api\/cities\/[a-z0-9]{24}$/.test(path))).toHaveLength(1);
  });

  it('never answers 5xx and names the problem in every refusal', async () => {
    const statuses = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...paths), query, async (path, parameters) => {
        const queryString = qs.stringify(parameters, { encodeValuesOnly: false });
        const response = await app().http().get(queryString ? `${path}?${queryString}` : path);
        statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
        const problem = refusalProblem(response);
        if (problem) throw new Error(`GET ${path}?${decodeURIComponent(queryString)} ${problem}`);
      }),
      fuzzOptions('fuzz-public-reads', 150),
    );
    // The generators must reach both sides: some queries served, some refused.
    expect(statuses.get(200)).toBeGreaterThan(5);
    expect([...statuses.keys()].some((status) => status >= 400)).toBe(true);
  });
});
