import { isCouncilContentType } from '../domain/content-types';

/**
 * What a public (content API) read may ask for, as a pure function of the query and the schema:
 * an allowlist, not a blocklist. `filters`, `sort`, `fields` and `populate` may name only
 * attributes the public can read and relations to public types, to a limited depth; only
 * published content; no Document Service parameters that reveal pending edits. Stock Strapi lets
 * `filters[localizations][summary][$containsi]=…` and `sort=localizations.x` reach the draft rows
 * of published documents (an oracle on unpublished text) and accepts 8-hop relation filters.
 */

export type ModelSchema = { uid?: string; attributes: Record<string, any> };
export type ModelLookup = (uid: string) => ModelSchema | undefined;
export type QueryProblem = { param: string; message: string };

/** Relation levels a populate, filter or sort may go through (a 3-level populate costs seconds). */
export const MAX_RELATION_DEPTH = 2;

/** Document Service parameters that select drafts or pending edits: never on the public API. */
export const UNPUBLISHED_PARAMS = ['publicationFilter', 'hasPublishedVersion'] as const;

const MEDIA_UID = 'plugin::upload.file';

/** Columns every entry has besides its attributes. */
const SYSTEM_FIELDS = ['id', 'documentId', 'locale', 'createdAt', 'updatedAt', 'publishedAt'];

const SYSTEM_FIELD_TYPES: Record<string, string> = { id: 'integer', createdAt: 'datetime', updatedAt: 'datetime', publishedAt: 'datetime' };

/** Attributes that exist on every type but are not the public's: admin authors, other locales' rows. */
const HIDDEN_ATTRIBUTES = ['createdBy', 'updatedBy', 'localizations'];

/** Values filters and sort cannot compare meaningfully (JSON documents): refused rather than a SQL error. */
const UNCOMPARABLE_TYPES = ['json', 'blocks', 'dynamiczone', 'password'];

const SCALAR_OPERATORS = new Set([
  '$eq', '$eqi', '$ne', '$nei', '$lt', '$lte', '$gt', '$gte', '$contains', '$notContains', '$containsi', '$notContainsi',
  '$startsWith', '$startsWithi', '$endsWith', '$endsWithi', '$null', '$notNull',
]);
const LIST_OPERATORS = new Set(['$in', '$notIn', '$between']);
const LOGICAL_OPERATORS = new Set(['$and', '$or']);

type Target = { kind: 'scalar'; type: string } | { kind: 'nested'; uid: string; populatable: boolean };

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const isScalar = (value: unknown) => ['string', 'number', 'boolean'].includes(typeof value) || value === null;

/** Where an attribute leads, if the public may see it at all. */
const publicTarget = (model: ModelSchema, name: string, { includeLocalizations = false } = {}): Target | undefined => {
  if (SYSTEM_FIELDS.includes(name)) return { kind: 'scalar', type: SYSTEM_FIELD_TYPES[name] ?? 'string' };
  const attribute = model.attributes[name];
  if (!attribute || attribute.private === true || attribute.type === 'password') return undefined;
  if (HIDDEN_ATTRIBUTES.includes(name) && !(includeLocalizations && name === 'localizations')) return undefined;
  if (attribute.type === 'relation') return isCouncilContentType(attribute.target) ? { kind: 'nested', uid: attribute.target, populatable: true } : undefined;
  if (attribute.type === 'media') return { kind: 'nested', uid: MEDIA_UID, populatable: true };
  if (attribute.type === 'component') return { kind: 'nested', uid: attribute.component, populatable: true };
  if (attribute.type === 'dynamiczone') return undefined;
  return { kind: 'scalar', type: attribute.type };
};

const publicNames = (model: ModelSchema, keep: (target: Target) => boolean) =>
  [...new Set([...SYSTEM_FIELDS, ...Object.keys(model.attributes)])].filter((name) => {
    const target = publicTarget(model, name);
    return target !== undefined && keep(target);
  });

const comparable = (target: Target) => target.kind === 'nested' || !UNCOMPARABLE_TYPES.includes(target.type);

const listOf = (names: string[]) => (names.length > 8 ? `${names.slice(0, 8).join(', ')}, …` : names.join(', '));

const problem = (param: string, message: string): QueryProblem => ({ param, message: `${param}: ${message}` });

const tooDeep = (param: string) => problem(param, `at most ${MAX_RELATION_DEPTH} levels of relations (the public API's limit)`);

const modelOf = (getModel: ModelLookup, uid: string, param: string): ModelSchema | QueryProblem =>
  getModel(uid) ?? problem(param, `refers to ${uid}, which is not part of the public API`);

const isProblem = (value: ModelSchema | QueryProblem): value is QueryProblem => 'message' in value;

// ---- filters ---------------------------------------------------------------------------------

// ---- values, checked against the attribute's type (PostgreSQL answered 500 for each of these) ----

/** Operators that compare text: meaningless (a SQL error) on numbers, booleans and dates. */
const TEXT_OPERATORS = new Set(['$eqi', '$nei', '$contains', '$notContains', '$containsi', '$notContainsi', '$startsWith', '$startsWithi', '$endsWith', '$endsWithi']);
const TEXT_TYPES = new Set(['string', 'text', 'richtext', 'uid', 'email', 'enumeration']);
const INTEGER_RANGES: Record<string, [bigint, bigint]> = {
  integer: [-2147483648n, 2147483647n],
  biginteger: [-9223372036854775808n, 9223372036854775807n],
};
const NUMBER_TYPES = new Set(['decimal', 'float']);
const BOOLEANS = ['true', 'false', true, false];
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const ISO_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,6})?)?(?:Z|[+-]\d{2}(?::?\d{2})?)?)?$/;
const ISO_TIME = /^(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,6})?)?$/;
const DECIMAL = /^-?(?:\d{1,30}(?:\.\d{0,30})?|\.\d{1,30})(?:[eE][-+]?\d{1,3})?$/;

const validDay = (year: string, month: string, day: string) => {
  const date = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)));
  return Number(year) >= 1 && date.getUTCFullYear() === Number(year) && date.getUTCMonth() === Number(month) - 1 && date.getUTCDate() === Number(day);
};

/** Why one value cannot be compared with an attribute of this type, or undefined. */
export const typedValueProblem = (type: string, value: unknown): string | undefined => {
  if (value === null) return undefined;
  const text = String(value);
  const range = INTEGER_RANGES[type];
  if (range) {
    if (!/^-?\d{1,20}$/.test(text)) return `a whole number is expected (got ${JSON.stringify(value)})`;
    const number = BigInt(text);
    return number < range[0] || number > range[1] ? `a whole number from ${range[0]} to ${range[1]} is expected (got ${text})` : undefined;
  }
  if (NUMBER_TYPES.has(type)) {
    const number = Number(text);
    return DECIMAL.test(text) && Number.isFinite(number) && Math.abs(number) < 1e300 ? undefined : `a number is expected (got ${JSON.stringify(value)})`;
  }
  if (type === 'boolean') return BOOLEANS.includes(value as string | boolean) ? undefined : `true or false is expected (got ${JSON.stringify(value)})`;
  if (type === 'date') {
    const match = ISO_DATE.exec(text);
    return match && validDay(match[1], match[2], match[3]) ? undefined : `a date such as 2026-12-08 is expected (got ${JSON.stringify(value)})`;
  }
  if (type === 'datetime' || type === 'timestamp') {
    const match = ISO_DATE_TIME.exec(text);
    const inRange = match && validDay(match[1], match[2], match[3]) && Number(match[4] ?? 0) < 24 && Number(match[5] ?? 0) < 60 && Number(match[6] ?? 0) < 60;
    return inRange ? undefined : `an ISO 8601 date or date-time such as 2026-12-08T10:00:00Z is expected (got ${JSON.stringify(value)})`;
  }
  if (type === 'time') {
    const match = ISO_TIME.exec(text);
    return match && Number(match[1]) < 24 && Number(match[2]) < 60 && Number(match[3] ?? 0) < 60 ? undefined : `a time such as 09:30 is expected (got ${JSON.stringify(value)})`;
  }
  return undefined;
};

const operatorValueProblem = (param: string, operator: string, value: unknown, type: string): QueryProblem | undefined => {
  if (operator === '$null' || operator === '$notNull') {
    return BOOLEANS.includes(value as string | boolean) ? undefined : problem(param, `${operator} takes true or false`);
  }
  if (TEXT_OPERATORS.has(operator) && !TEXT_TYPES.has(type)) return problem(param, `${operator} compares text; ${type} values take $eq, $ne, $lt, $lte, $gt, $gte, $in, $notIn or $between`);
  if (LIST_OPERATORS.has(operator)) {
    const values = Array.isArray(value) ? value : [value];
    if (!values.every(isScalar)) return problem(param, `${operator} takes a list of values, e.g. ${param}[0]=a&${param}[1]=b`);
    if (values.length === 0) return problem(param, `${operator} takes at least one value`);
    if (operator === '$between' && values.length !== 2) return problem(param, '$between takes exactly two values');
    for (const [index, item] of values.entries()) {
      const wrong = TEXT_OPERATORS.has(operator) ? undefined : typedValueProblem(type, item);
      if (wrong) return problem(`${param}[${index}]`, wrong);
    }
    return undefined;
  }
  if (!isScalar(value)) return problem(param, `${operator} takes one value, not a list or an object`);
  const wrong = TEXT_OPERATORS.has(operator) ? undefined : typedValueProblem(type, value);
  return wrong ? problem(param, wrong) : undefined;
};

/** Conditions on one scalar attribute: a value (equality), a list of values (any of), or operators. */
const scalarConditionProblem = (param: string, value: unknown, type: string): QueryProblem | undefined => {
  if (isScalar(value)) return operatorValueProblem(param, '$eq', value, type);
  if (Array.isArray(value)) {
    if (!value.every(isScalar)) return problem(param, 'a list of values must hold plain values');
    return operatorValueProblem(param, '$in', value, type);
  }
  if (!isPlainObject(value)) return problem(param, 'expected a value or operators such as [$eq]');
  for (const [operator, operand] of Object.entries(value)) {
    const at = `${param}[${operator}]`;
    if (operator === '$not') {
      const nested = scalarConditionProblem(at, operand, type);
      if (nested) return nested;
    } else if (LOGICAL_OPERATORS.has(operator)) {
      if (!Array.isArray(operand)) return problem(at, `${operator} takes a list of conditions`);
      for (const [index, item] of operand.entries()) {
        if (!isPlainObject(item)) return problem(`${at}[${index}]`, `each condition of ${operator} is an operator with its value, e.g. ${at}[${index}][$eq]=x`);
        const nested = scalarConditionProblem(`${at}[${index}]`, item, type);
        if (nested) return nested;
      }
    } else if (SCALAR_OPERATORS.has(operator) || LIST_OPERATORS.has(operator)) {
      const wrong = operatorValueProblem(at, operator, operand, type);
      if (wrong) return wrong;
    } else {
      return problem(at, `unknown operator; use one of ${[...SCALAR_OPERATORS, ...LIST_OPERATORS, '$not'].join(', ')}`);
    }
  }
  return undefined;
};

/** `filters` (or a populated relation's `filters`) on `model`, `depth` relations deep already. */
export const filtersProblem = (filters: unknown, model: ModelSchema, getModel: ModelLookup, param = 'filters', depth = 0): QueryProblem | undefined => {
  if (filters === undefined || filters === null) return undefined;
  if (!isPlainObject(filters)) return problem(param, 'expected conditions in brackets, e.g. filters[name][$eq]=Lille (not a value or a repeated key)');
  for (const [key, value] of Object.entries(filters)) {
    const at = `${param}[${key}]`;
    if (LOGICAL_OPERATORS.has(key)) {
      if (!Array.isArray(value)) return problem(at, `${key} takes a list of conditions, e.g. ${at}[0][name][$eq]=Lille`);
      for (const [index, item] of value.entries()) {
        const nested = filtersProblem(item, model, getModel, `${at}[${index}]`, depth);
        if (nested) return nested;
      }
      continue;
    }
    if (key === '$not') {
      const nested = filtersProblem(value, model, getModel, at, depth);
      if (nested) return nested;
      continue;
    }
    const target = publicTarget(model, key);
    if (!target || !comparable(target)) {
      return problem(at, `cannot be filtered on; the public can filter on ${listOf(publicNames(model, comparable))}`);
    }
    if (target.kind === 'scalar') {
      const wrong = scalarConditionProblem(at, value, target.type);
      if (wrong) return wrong;
      continue;
    }
    if (depth + 1 > MAX_RELATION_DEPTH) return tooDeep(at);
    if (!isPlainObject(value)) return problem(at, `is a relation: filter on its fields, e.g. ${at}[id][$eq]=1`);
    const targetModel = modelOf(getModel, target.uid, at);
    if (isProblem(targetModel)) return targetModel;
    const nested = filtersProblem(value, targetModel, getModel, at, depth + 1);
    if (nested) return nested;
  }
  return undefined;
};

// ---- sort ------------------------------------------------------------------------------------

const SORT_DIRECTIONS = ['asc', 'desc'];

/** One `a.b.c` path ending in a comparable scalar attribute. */
const sortPathProblem = (parts: string[], model: ModelSchema, getModel: ModelLookup, param: string, depth: number): QueryProblem | undefined => {
  const [name, ...rest] = parts;
  const target = publicTarget(model, name);
  if (!target || !comparable(target)) return problem(param, `cannot sort by ${JSON.stringify(name)}; the public can sort by ${listOf(publicNames(model, comparable))}`);
  if (target.kind === 'scalar') return rest.length === 0 ? undefined : problem(param, `${name} has no fields to sort by`);
  if (rest.length === 0) return problem(param, `${name} is a relation: sort by one of its fields, e.g. ${name}.id`);
  if (depth + 1 > MAX_RELATION_DEPTH) return tooDeep(param);
  const targetModel = modelOf(getModel, target.uid, param);
  return isProblem(targetModel) ? targetModel : sortPathProblem(rest, targetModel, getModel, param, depth + 1);
};

const sortStringProblem = (value: string, model: ModelSchema, getModel: ModelLookup, param: string, depth: number): QueryProblem | undefined => {
  for (const item of value.split(',')) {
    const [path, direction, ...extra] = item.trim().split(':');
    if (extra.length > 0 || (direction !== undefined && !SORT_DIRECTIONS.includes(direction.toLowerCase()))) {
      return problem(param, `${JSON.stringify(item)}: write field or field:asc / field:desc`);
    }
    const wrong = sortPathProblem(path.split('.'), model, getModel, param, depth);
    if (wrong) return wrong;
  }
  return undefined;
};

export const sortProblem = (sort: unknown, model: ModelSchema, getModel: ModelLookup, param = 'sort', depth = 0): QueryProblem | undefined => {
  if (sort === undefined || sort === null || sort === '') return undefined;
  if (typeof sort === 'string') return sortStringProblem(sort, model, getModel, param, depth);
  if (Array.isArray(sort)) {
    for (const [index, item] of sort.entries()) {
      if (typeof item !== 'string' && !isPlainObject(item)) return problem(`${param}[${index}]`, 'expected field:asc or field:desc');
      const wrong = sortProblem(item, model, getModel, `${param}[${index}]`, depth);
      if (wrong) return wrong;
    }
    return undefined;
  }
  if (!isPlainObject(sort)) return problem(param, 'expected field:asc or field:desc');
  for (const [name, value] of Object.entries(sort)) {
    const at = `${param}[${name}]`;
    const target = publicTarget(model, name);
    if (!target || !comparable(target)) return problem(at, `cannot sort by ${JSON.stringify(name)}; the public can sort by ${listOf(publicNames(model, comparable))}`);
    if (target.kind === 'scalar') {
      if (typeof value !== 'string' || !SORT_DIRECTIONS.includes(value.toLowerCase())) return problem(at, 'expected asc or desc');
      continue;
    }
    if (depth + 1 > MAX_RELATION_DEPTH) return tooDeep(at);
    const targetModel = modelOf(getModel, target.uid, at);
    if (isProblem(targetModel)) return targetModel;
    const wrong = sortProblem(value, targetModel, getModel, at, depth + 1);
    if (wrong) return wrong;
  }
  return undefined;
};

// ---- fields ----------------------------------------------------------------------------------

export const fieldsProblem = (fields: unknown, model: ModelSchema, param = 'fields'): QueryProblem | undefined => {
  if (fields === undefined || fields === null || fields === '*') return undefined;
  const names = typeof fields === 'string' ? fields.split(',').map((name) => name.trim()) : fields;
  if (!Array.isArray(names) || !names.every((name) => typeof name === 'string')) return problem(param, 'expected a field name or a list of field names');
  for (const name of names as string[]) {
    if (name === '*') continue;
    const target = publicTarget(model, name);
    if (!target || target.kind !== 'scalar') {
      return problem(param, `${JSON.stringify(name)} is not a field the public can select; choose from ${listOf(publicNames(model, (candidate) => candidate.kind === 'scalar'))}`);
    }
  }
  return undefined;
};

// ---- populate --------------------------------------------------------------------------------

const POPULATE_OPTIONS = ['populate', 'fields', 'filters', 'sort', 'on', 'count'];
const TRUTHY = [true, 'true', '*', '1'];

/** A populatable attribute of `model`: a relation to a public type, media or a component. */
const populated = (model: ModelSchema, name: string, getModel: ModelLookup, param: string): ModelSchema | QueryProblem => {
  const target = publicTarget(model, name, { includeLocalizations: true });
  const choices = () => publicNames(model, (candidate) => candidate.kind === 'nested').concat(model.attributes.localizations ? ['localizations'] : []);
  if (!target || target.kind !== 'nested') return problem(param, `${JSON.stringify(name)} cannot be populated; choose from ${listOf(choices())}`);
  return modelOf(getModel, target.uid, param);
};

const populatePathProblem = (parts: string[], model: ModelSchema, getModel: ModelLookup, param: string, depth: number): QueryProblem | undefined => {
  if (parts.length === 0 || (parts.length === 1 && ['*', ''].includes(parts[0]))) return depth + (parts[0] === '*' ? 1 : 0) > MAX_RELATION_DEPTH ? tooDeep(param) : undefined;
  if (depth + 1 > MAX_RELATION_DEPTH) return tooDeep(param);
  const [name, ...rest] = parts;
  const target = populated(model, name, getModel, param);
  if (isProblem(target)) return target;
  return populatePathProblem(rest, target, getModel, param, depth + 1);
};

export const populateProblem = (populate: unknown, model: ModelSchema, getModel: ModelLookup, param = 'populate', depth = 0): QueryProblem | undefined => {
  if (populate === undefined || populate === null || populate === false || populate === 'false') return undefined;
  if (TRUTHY.includes(populate as string | boolean)) return depth + 1 > MAX_RELATION_DEPTH ? tooDeep(param) : undefined;
  if (typeof populate === 'string') {
    for (const path of populate.split(',')) {
      const wrong = populatePathProblem(path.trim().split('.'), model, getModel, param, depth);
      if (wrong) return wrong;
    }
    return undefined;
  }
  if (Array.isArray(populate)) {
    for (const [index, item] of populate.entries()) {
      if (typeof item !== 'string') return problem(`${param}[${index}]`, 'expected a relation name such as city or city.partnerships');
      const wrong = populateProblem(item, model, getModel, `${param}[${index}]`, depth);
      if (wrong) return wrong;
    }
    return undefined;
  }
  if (!isPlainObject(populate)) return problem(param, 'expected *, relation names, or populate[relation][fields]=…');
  for (const [name, options] of Object.entries(populate)) {
    const at = `${param}[${name}]`;
    if (depth + 1 > MAX_RELATION_DEPTH) return tooDeep(at);
    const target = populated(model, name, getModel, at);
    if (isProblem(target)) return target;
    if (options === undefined || options === null || TRUTHY.includes(options as string | boolean) || options === false || options === 'false') continue;
    if (!isPlainObject(options)) return problem(at, 'expected true, * or options such as [fields], [filters], [sort], [populate]');
    const unknown = Object.keys(options).find((option) => !POPULATE_OPTIONS.includes(option));
    if (unknown) return problem(`${at}[${unknown}]`, `unknown populate option; use ${POPULATE_OPTIONS.join(', ')}`);
    const wrong =
      fieldsProblem(options.fields, target, `${at}[fields]`) ??
      filtersProblem(options.filters, target, getModel, `${at}[filters]`, depth + 1) ??
      sortProblem(options.sort, target, getModel, `${at}[sort]`, depth + 1) ??
      populateProblem(options.populate, target, getModel, `${at}[populate]`, depth + 1) ??
      (options.on !== undefined ? problem(`${at}[on]`, 'this API has no dynamic zones') : undefined) ??
      (options.count !== undefined && !['true', 'false', true, false].includes(options.count as string | boolean) ? problem(`${at}[count]`, 'expected true or false') : undefined);
    if (wrong) return wrong;
  }
  return undefined;
};

// ---- the whole read --------------------------------------------------------------------------

/**
 * The first problem of a public read's parameters (Document Service params of a content API
 * request: `filters`, `sort`, `fields`, `populate`, `status`, …), or undefined.
 */
export const publicReadProblem = (params: Record<string, unknown>, model: ModelSchema, getModel: ModelLookup): QueryProblem | undefined => {
  for (const name of UNPUBLISHED_PARAMS) {
    if (params[name] !== undefined) return problem(name, 'is not available on the public API, which serves published content only');
  }
  if (params.status !== undefined && params.status !== 'published') {
    return problem('status', `only published content is available on this API (got ${JSON.stringify(params.status)})`);
  }
  return (
    filtersProblem(params.filters, model, getModel) ??
    sortProblem(params.sort, model, getModel) ??
    fieldsProblem(params.fields, model) ??
    populateProblem(params.populate, model, getModel)
  );
};
