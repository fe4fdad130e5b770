import path from 'path';
import { filtersProblem, populateProblem, publicReadProblem, sortProblem, fieldsProblem, type ModelLookup, type ModelSchema } from '../../src/public-api/query-rules';
import { populateDepth, queryShapeProblem } from '../../src/public-api/query-shape';
import { isContentApiPath, isPublicRoute } from '../../src/public-api/content-api-request';

/**
 * The schemas as Strapi sees them at run time: the project's JSON files plus what Strapi adds to
 * every type (admin authors, i18n's `localizations`) and the upload plugin's file model.
 */
const ROOT = path.resolve(__dirname, '..', '..');
const TYPES: Record<string, string> = {
  'api::city.city': 'city',
  'api::partnership.partnership': 'partnership',
  'api::project.project': 'project',
  'api::theme.theme': 'theme',
  'api::international-relations-page.international-relations-page': 'international-relations-page',
};
const withStrapiAttributes = (uid: string, attributes: Record<string, any>): ModelSchema => ({
  uid,
  attributes: {
    ...attributes,
    createdBy: { type: 'relation', relation: 'oneToOne', target: 'admin::user', private: true },
    updatedBy: { type: 'relation', relation: 'oneToOne', target: 'admin::user', private: true },
    localizations: { type: 'relation', relation: 'oneToMany', target: uid, writable: false, visible: false },
  },
});
// eslint-disable-next-line @typescript-eslint/no-var-requires
const fileModel = require(path.join(ROOT, 'node_modules', '@strapi', 'upload', 'dist', 'server', 'content-types', 'file.js'));
const getModel: ModelLookup = (uid) => {
  if (TYPES[uid]) return withStrapiAttributes(uid, require(path.join(ROOT, 'src', 'api', TYPES[uid], 'content-types', TYPES[uid], 'schema.json')).attributes);
  if (uid === 'shared.organisation') return { uid, attributes: require(path.join(ROOT, 'src', 'components', 'shared', 'organisation.json')).attributes };
  if (uid === 'plugin::upload.file') return { uid, attributes: (fileModel.default ?? fileModel).schema.attributes };
  return undefined;
};
const city = getModel('api::city.city')!;
const partnership = getModel('api::partnership.partnership')!;

describe('public read rules (schema-aware)', () => {
  it('serves published content only and refuses the parameters that select pending edits', () => {
    expect(publicReadProblem({ status: 'published' }, city, getModel)).toBeUndefined();
    expect(publicReadProblem({}, city, getModel)).toBeUndefined();
    expect(publicReadProblem({ status: 'draft' }, city, getModel)?.param).toBe('status');
    expect(publicReadProblem({ status: ['published', 'draft'] }, city, getModel)?.param).toBe('status');
    expect(publicReadProblem({ hasPublishedVersion: 'false' }, city, getModel)?.param).toBe('hasPublishedVersion');
    expect(publicReadProblem({ publicationFilter: 'never-published-document' }, city, getModel)?.param).toBe('publicationFilter');
  });

  it('never lets filters or sort reach other locales\' rows, admin authors or private fields', () => {
    for (const filters of [
      { localizations: { publishedAt: { $null: true } } },
      { localizations: { summary: { $containsi: 'secret' } } },
      { $or: [{ name: 'Lille' }, { localizations: { id: { $gt: 0 } } }] },
      { $not: { localizations: { id: 1 } } },
      { createdBy: { email: { $startsWith: 'a' } } },
      { partnerships: { localizations: { title: 'x' } } },
      { image: { related: { id: 1 } } },
      { image: { folderPath: '/' } },
      { description: { $containsi: 'x' } },
    ]) {
      expect(filtersProblem(filters, city, getModel)?.message).toMatch(/cannot be filtered on/);
    }
    for (const sort of ['localizations.summary', 'name,localizations.name:desc', ['createdBy.email'], { localizations: { name: 'asc' } }, 'description']) {
      expect(sortProblem(sort, city, getModel)?.message).toMatch(/cannot sort by/);
    }
  });

  it('accepts the filters and sorts a web developer writes', () => {
    expect(filtersProblem({ name: { $eq: 'Lille' } }, city, getModel)).toBeUndefined();
    expect(filtersProblem({ name: 'Lille', population: { $gt: '100', $lte: 5e6 } }, city, getModel)).toBeUndefined();
    expect(filtersProblem({ $or: [{ slug: 'lille' }, { slug: { $in: ['brno', 'siegen'] } }] }, city, getModel)).toBeUndefined();
    expect(filtersProblem({ partnerships: { city: { name: { $containsi: 'lil' } } } }, city, getModel)).toBeUndefined();
    expect(filtersProblem({ organisations: { name: { $containsi: 'council' } } }, partnership, getModel)).toBeUndefined();
    expect(filtersProblem({ image: { alternativeText: { $notNull: true } } }, city, getModel)).toBeUndefined();
    expect(filtersProblem({ startYear: { $between: [1960, 1970] } }, partnership, getModel)).toBeUndefined();
    expect(sortProblem('name:asc,population:DESC', city, getModel)).toBeUndefined();
    expect(sortProblem(['city.name:desc', { startYear: 'asc' }], partnership, getModel)).toBeUndefined();
  });

  it('limits relation filters and sorts to two levels', () => {
    expect(filtersProblem({ partnerships: { city: { name: 'x' } } }, city, getModel)).toBeUndefined();
    const deep = { partnerships: { city: { partnerships: { city: { partnerships: { city: { partnerships: { city: { name: 'x' } } } } } } } } };
    expect(filtersProblem(deep, city, getModel)?.message).toMatch(/^filters\[partnerships\]\[city\]\[partnerships\]: at most 2 levels/);
    expect(sortProblem('partnerships.city.partnerships.title', city, getModel)?.message).toMatch(/at most 2 levels/);
  });

  it('names the parameter of a malformed value', () => {
    expect(filtersProblem(['a', 'b'], city, getModel)?.message).toMatch(/^filters: expected conditions/);
    expect(filtersProblem({ $and: { name: 'x' } }, city, getModel)?.message).toMatch(/^filters\[\$and\]: \$and takes a list/);
    expect(filtersProblem({ name: { $regex: '.*' } }, city, getModel)?.message).toMatch(/^filters\[name\]\[\$regex\]: unknown operator/);
    expect(filtersProblem({ name: { $eq: { nested: 1 } } }, city, getModel)?.message).toMatch(/^filters\[name\]\[\$eq\]: \$eq takes one value/);
    expect(filtersProblem({ startYear: { $between: [1] } }, partnership, getModel)?.message).toMatch(/exactly two values/);
    expect(filtersProblem({ city: 'lille' }, partnership, getModel)?.message).toMatch(/^filters\[city\]: is a relation/);
    expect(filtersProblem({ publishedAt: { $or: ['', ''] } }, city, getModel)?.message).toMatch(/^filters\[publishedAt\]\[\$or\]\[0\]: each condition/);
    expect(sortProblem('name:sideways', city, getModel)?.message).toMatch(/^sort: "name:sideways"/);
    expect(fieldsProblem(['name', 'partnerships'], city)?.message).toMatch(/^fields: "partnerships" is not a field/);
    expect(fieldsProblem({ name: 1 }, city)?.message).toMatch(/^fields: expected a field name/);
  });

  it('checks populate, and the filters and sort inside it, against the populated type', () => {
    expect(populateProblem('*', city, getModel)).toBeUndefined();
    expect(populateProblem('partnerships.city', city, getModel)).toBeUndefined();
    expect(populateProblem({ partnerships: { fields: ['title'], sort: 'startYear:desc', populate: { city: true } } }, city, getModel)).toBeUndefined();
    // Populated other locales are their published versions: a language switcher may list them.
    expect(populateProblem({ localizations: { fields: ['name', 'locale'] } }, city, getModel)).toBeUndefined();
    expect(populateProblem({ partnerships: { filters: { localizations: { title: 'x' } } } }, city, getModel)?.message).toMatch(
      /^populate\[partnerships\]\[filters\]\[localizations\]: cannot be filtered on/,
    );
    expect(populateProblem({ city: { sort: 'localizations.name' } }, partnership, getModel)?.message).toMatch(/^populate\[city\]\[sort\]: cannot sort by/);
    expect(populateProblem({ city: { filters: { partnerships: { city: { name: 'x' } } } } }, partnership, getModel)?.message).toMatch(/at most 2 levels/);
    expect(populateProblem('createdBy', city, getModel)?.message).toMatch(/^populate: "createdBy" cannot be populated/);
    expect(populateProblem('partnerships.city.partnerships', city, getModel)?.message).toMatch(/at most 2 levels/);
    expect(populateProblem({ image: { populate: { related: true } } }, city, getModel)?.message).toMatch(/"related" cannot be populated/);
    expect(populateProblem({ city: { where: {} } }, partnership, getModel)?.message).toMatch(/^populate\[city\]\[where\]: unknown populate option/);
  });
});

describe('query shape (model-free, every content API route)', () => {
  it('refuses a repeated key where one value or an object belongs, naming the parameter', () => {
    expect(queryShapeProblem({ filters: ['a', 'b'] })?.param).toBe('filters');
    expect(queryShapeProblem({ filters: 'x' })?.param).toBe('filters');
    expect(queryShapeProblem({ locale: ['en', 'fr'] })?.param).toBe('locale');
    expect(queryShapeProblem({ status: { a: '1' } })?.param).toBe('status');
    expect(queryShapeProblem({ fields: { name: '1' } })?.param).toBe('fields');
    expect(queryShapeProblem({ pagination: 'abc' })?.param).toBe('pagination');
    expect(queryShapeProblem({ pagination: { page: ['1', '2'] } })?.param).toBe('pagination');
    expect(queryShapeProblem({ populate: [{ a: '1' }] })?.param).toBe('populate');
    expect(queryShapeProblem({ hasPublishedVersion: 'true' })?.param).toBe('hasPublishedVersion');
    expect(queryShapeProblem({ filters: { $or: { a: '1' } } })?.message).toMatch(/^filters\[\$or\]: \$or takes a list/);
    expect(queryShapeProblem({ _q: { a: 'x' } })?.param).toBe('_q');
    expect(queryShapeProblem({ where: { id: '1' } })?.param).toBe('where');
    expect(queryShapeProblem({ filters: { slug: { $eq: 'a\u0000b' } } })?.message).toBe('filters[slug][$eq]: contains a NUL character (%00)');
  });

  it('accepts every well-formed query', () => {
    expect(queryShapeProblem({})).toBeUndefined();
    expect(
      queryShapeProblem({ locale: 'fr', fallbackLocale: 'en', filters: { name: { $eq: 'Lille' } }, sort: ['name:asc'], fields: ['name'], populate: { city: { fields: ['name'] } }, pagination: { page: '2', pageSize: '10' } }),
    ).toBeUndefined();
  });

  it('counts populate depth in every syntax and refuses more than two levels', () => {
    expect(populateDepth('city.partnerships')).toBe(2);
    expect(populateDepth(['a', 'b.c.d'])).toBe(3);
    expect(populateDepth({ a: { populate: { b: { populate: { c: true } } } } })).toBe(3);
    expect(populateDepth({ a: { on: { x: { populate: { b: true } } } } })).toBe(2);
    expect(queryShapeProblem({ populate: 'city.partnerships.themes' })?.message).toMatch(/^populate: at most 2 levels .*asked for 3/);
  });
});

describe('content API routes', () => {
  it('recognises the API prefix the way the router does, whatever the case', () => {
    for (const path of ['/api/cities', '/API/cities', '/Api/international-relations-page', '/aPi/cities/']) expect(isContentApiPath(path, '/api')).toBe(true);
    for (const path of ['/admin/login', '/apis', '/_ready', '/']) expect(isContentApiPath(path, '/api')).toBe(false);
  });

  it('calls a route public only when the Public role may call every action it needs', () => {
    expect(isPublicRoute({ info: { type: 'content-api', apiName: 'city' }, config: { auth: { scope: ['api::city.city.find'] } } })).toBe(true);
    expect(isPublicRoute({ info: { type: 'content-api', apiName: 'city' }, config: { auth: false } })).toBe(true);
    expect(isPublicRoute({ info: { type: 'content-api', pluginName: 'upload' }, config: { auth: { scope: ['plugin::upload.content-api.find'] } } })).toBe(false);
    expect(isPublicRoute({ info: { type: 'content-api', pluginName: 'users-permissions' }, config: { auth: false } })).toBe(false);
    expect(isPublicRoute({ info: { type: 'content-api', apiName: 'city' }, config: { auth: { scope: ['api::city.city.update'] } } })).toBe(false);
    expect(isPublicRoute(undefined)).toBe(false);
  });
});
