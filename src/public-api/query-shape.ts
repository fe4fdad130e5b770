import { MAX_RELATION_DEPTH, UNPUBLISHED_PARAMS, type QueryProblem } from './query-rules';

/**
 * The shape of a content API query string, before Strapi parses it any further: each parameter
 * of the kind it must be. A repeated key (`filters=a&filters=b`) arrives as a list where an object
 * is expected; Strapi's query builder turned that into SQL on columns "0" and "1" and answered 500.
 * Model-free, so it covers every content API route (plugins' included); the schema-aware rules
 * are in ./query-rules.ts.
 */

const isPlainObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const isString = (value: unknown): value is string => typeof value === 'string';

const problem = (param: string, message: string): QueryProblem => ({ param, message: `${param}: ${message}` });

/** Parameters that name one thing: given twice (or with brackets) they are a list, and ambiguous. */
const SINGLE_VALUE_PARAMS = ['locale', 'fallbackLocale', 'status', 'q', '_q'];

const SHAPES: Record<string, { ok: (value: unknown) => boolean; expected: string }> = {
  filters: { ok: isPlainObject, expected: 'conditions in brackets, e.g. filters[name][$eq]=Lille' },
  populate: { ok: (value) => isString(value) || isPlainObject(value) || (Array.isArray(value) && value.every(isString)), expected: '*, relation names, or populate[relation][fields]=…' },
  sort: { ok: (value) => isString(value) || isPlainObject(value) || (Array.isArray(value) && value.every((item) => isString(item) || isPlainObject(item))), expected: 'field:asc, a list of them, or sort[field]=asc' },
  fields: { ok: (value) => isString(value) || (Array.isArray(value) && value.every(isString)), expected: 'a field name or fields[0]=name&fields[1]=slug' },
  pagination: { ok: (value) => isPlainObject(value) && Object.values(value).every(isString), expected: 'pagination[page]=1&pagination[pageSize]=25 (each once)' },
};

/** The first `$and` / `$or` whose value is not a list, anywhere in `value`. */
const listOperatorProblem = (value: unknown, path: string): QueryProblem | undefined => {
  if (!value || typeof value !== 'object') return undefined;
  for (const [key, entry] of Object.entries(value as Record<string, unknown>)) {
    const at = `${path}[${key}]`;
    if ((key === '$and' || key === '$or') && !Array.isArray(entry)) return problem(at, `${key} takes a list of conditions, e.g. ${at}[0][name][$eq]=Lille`);
    const nested = listOperatorProblem(entry, at);
    if (nested) return nested;
  }
  return undefined;
};

/**
 * How many relation levels a `populate` asks for, in every syntax Strapi accepts:
 * `*`, `a,b.c`, `['a', 'b.c']`, `{ a: true, b: { populate: { c: true } } }`, `{ a: { on: {...} } }`.
 */
export const populateDepth = (populate: unknown): number => {
  if (populate === undefined || populate === null || populate === false || populate === 'false') return 0;
  if (typeof populate === 'string') return Math.max(0, ...populate.split(',').map((path) => (path.trim() === '' ? 0 : path.split('.').length)));
  if (Array.isArray(populate)) return Math.max(0, ...populate.map(populateDepth));
  if (typeof populate !== 'object') return 1;
  return Math.max(0, ...Object.values(populate as Record<string, unknown>).map((entry) => 1 + nestedDepth(entry)));
};

const nestedDepth = (entry: unknown): number => {
  if (!entry || typeof entry !== 'object' || Array.isArray(entry)) return 0;
  const options = entry as { populate?: unknown; on?: Record<string, unknown> };
  const fromOn = options.on && typeof options.on === 'object' ? Math.max(0, ...Object.values(options.on).map(nestedDepth)) : 0;
  return Math.max(populateDepth(options.populate), fromOn);
};

/**
 * Pagination values: whole numbers whose OFFSET PostgreSQL and JavaScript both hold exactly
 * (pagination[start] beyond 64 bits answered 500). A page number may be as large as a timestamp in
 * milliseconds, which clients use to bypass caches; page sizes are capped at 100 anyway.
 */
const PAGINATION_VALUES: Record<string, RegExp> = {
  page: /^[1-9]\d{0,12}$/,
  pageSize: /^[1-9]\d{0,8}$/,
  start: /^(0|[1-9]\d{0,14})$/,
  limit: /^(-1|0|[1-9]\d{0,8})$/,
  withCount: /^(true|false)$/,
};

const PAGINATION_MAX: Record<string, string> = { page: '9999999999999', pageSize: '999999999', start: '999999999999999', limit: '999999999' };

/** The Query Engine's own parameters, which some plugin controllers would hand to it unchecked. */
const QUERY_ENGINE_PARAMS = ['where', 'select', 'orderBy', 'offset', '_where', '_sort', '_limit', '_start'];

/** The first text holding a NUL character, which PostgreSQL cannot store or compare (it answered 500). */
const nulProblem = (value: unknown, path: string): QueryProblem | undefined => {
  if (typeof value === 'string') return value.includes('\u0000') ? problem(path, 'contains a NUL character (%00)') : undefined;
  if (!value || typeof value !== 'object') return undefined;
  for (const [key, entry] of Object.entries(value as Record<string, unknown>)) {
    const nested = key.includes('\u0000') ? problem(`${path}[…]`, 'contains a NUL character (%00)') : nulProblem(entry, `${path}[${key}]`);
    if (nested) return nested;
  }
  return undefined;
};

export const queryShapeProblem = (query: Record<string, unknown>): QueryProblem | undefined => {
  for (const [name, value] of Object.entries(query)) {
    const nul = name.includes('\u0000') ? problem('query', 'a parameter name contains a NUL character (%00)') : nulProblem(value, name);
    if (nul) return nul;
  }
  for (const name of QUERY_ENGINE_PARAMS) {
    if (query[name] !== undefined) return problem(name, 'is not a parameter of this API; use filters, sort, fields, populate and pagination');
  }
  for (const name of UNPUBLISHED_PARAMS) {
    if (query[name] !== undefined) return problem(name, 'is not available on the public API, which serves published content only');
  }
  for (const name of SINGLE_VALUE_PARAMS) {
    if (query[name] !== undefined && !isString(query[name])) return problem(name, 'give it once, as plain text');
  }
  for (const [name, shape] of Object.entries(SHAPES)) {
    if (query[name] !== undefined && !shape.ok(query[name])) return problem(name, `expected ${shape.expected} (not a repeated key or a value of another kind)`);
  }
  if (isPlainObject(query.pagination)) {
    for (const [name, value] of Object.entries(query.pagination)) {
      const at = `pagination[${name}]`;
      if (!PAGINATION_VALUES[name]) return problem(at, `unknown; use ${Object.keys(PAGINATION_VALUES).join(', ')}`);
      if (!PAGINATION_VALUES[name].test(String(value))) return problem(at, name === 'withCount' ? 'expected true or false' : `a whole number from ${name === 'limit' ? -1 : name === 'start' ? 0 : 1} to ${PAGINATION_MAX[name]} is expected (got ${JSON.stringify(value)})`);
    }
  }
  const depth = populateDepth(query.populate);
  if (depth > MAX_RELATION_DEPTH) return problem('populate', `at most ${MAX_RELATION_DEPTH} levels of relations can be populated (asked for ${depth})`);
  return listOperatorProblem(query.filters, 'filters') ?? listOperatorProblem(query.populate, 'populate');
};
