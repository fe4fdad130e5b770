import { isIsoCountryCode } from './countries';

/**
 * Content rules that Strapi's schema cannot express (ISO codes, cross-field years) or that
 * stock Strapi skips on drafts (regex, min/max). Pure: given the merged document values,
 * return every problem, each naming its field.
 */
export type FieldProblem = { path: string[]; message: string };
type Values = Record<string, unknown>;
type Rule = (values: Values, options: RuleOptions) => FieldProblem[];
export type RuleOptions = { currentYear: number };

const URL_PATTERN = /^https?:\/\/[^\s/$.?#][^\s]*$/i;
const WIKIDATA_PATTERN = /^Q[0-9]+$/;

const isBlank = (value: unknown) => value === undefined || value === null || (typeof value === 'string' && value.trim() === '');

const asNumber = (value: unknown): number | undefined => {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) return Number(value);
  return undefined;
};

const problem = (path: string | string[], message: string): FieldProblem => ({
  path: Array.isArray(path) ? path : [path],
  message: `${Array.isArray(path) ? path.join('.') : path}: ${message}`,
});

const required =
  (field: string, label = 'is required'): Rule =>
  (values) =>
    isBlank(values[field]) ? [problem(field, label)] : [];

const countryCode =
  (field: string, isRequired: boolean, path: string[] = [field]): Rule =>
  (values) => {
    const value = values[field];
    if (isBlank(value)) return isRequired ? [problem(path, 'is required (ISO 3166-1 alpha-2 code such as GB or FR)')] : [];
    return isIsoCountryCode(value)
      ? []
      : [problem(path, `must be an ISO 3166-1 alpha-2 country code in capitals, such as GB or FR (got ${JSON.stringify(value)})`)];
  };

const numberInRange =
  (field: string, min: number, max: number, { integer = false } = {}): Rule =>
  (values) => {
    const raw = values[field];
    if (isBlank(raw)) return [];
    const value = asNumber(raw);
    if (value === undefined || (integer && !Number.isInteger(value)))
      return [problem(field, `must be ${integer ? 'a whole number' : 'a number'} (got ${JSON.stringify(raw)})`)];
    return value < min || value > max ? [problem(field, `must be between ${min} and ${max} (got ${value})`)] : [];
  };

const yearRange =
  (field: string, maxAhead: number): Rule =>
  (values, { currentYear }) =>
    numberInRange(field, 1900, currentYear + maxAhead, { integer: true })(values, { currentYear });

const endNotBeforeStart: Rule = (values) => {
  const start = asNumber(values.startYear);
  const end = asNumber(values.endYear);
  if (start === undefined || end === undefined) return [];
  return end < start ? [problem('endYear', `must not be before startYear (${end} < ${start})`)] : [];
};

const url =
  (field: string, path: string[] = [field]): Rule =>
  (values) => {
    const value = values[field];
    if (isBlank(value)) return [];
    return typeof value === 'string' && URL_PATTERN.test(value) && isParsableUrl(value)
      ? []
      : [problem(path, `must be an absolute http(s) URL such as https://www.leeds.gov.uk (got ${JSON.stringify(value)})`)];
  };

const isParsableUrl = (value: string) => {
  try {
    return ['http:', 'https:'].includes(new URL(value).protocol);
  } catch {
    return false;
  }
};

const pattern =
  (field: string, regex: RegExp, description: string): Rule =>
  (values) => {
    const value = values[field];
    if (isBlank(value)) return [];
    return typeof value === 'string' && regex.test(value) ? [] : [problem(field, `${description} (got ${JSON.stringify(value)})`)];
  };

const oneOf =
  (field: string, allowed: string[]): Rule =>
  (values) => {
    const value = values[field];
    if (isBlank(value)) return [];
    return allowed.includes(value as string) ? [] : [problem(field, `must be one of ${allowed.join(', ')} (got ${JSON.stringify(value)})`)];
  };

const organisations: Rule = (values, options) => {
  const list = values.organisations;
  if (list === undefined || list === null) return [];
  if (!Array.isArray(list)) return [problem('organisations', 'must be a list of organisations')];
  return list.flatMap((entry, index) => {
    if (!entry || typeof entry !== 'object') return [problem(['organisations', String(index)], 'must be an object')];
    const org = entry as Values;
    const at = (field: string) => ['organisations', String(index), field];
    return [
      ...(isBlank(org.name) ? [problem(at('name'), 'is required')] : []),
      ...url('url', at('url'))(org, options),
      ...countryCode('countryCode', false, at('countryCode'))(org, options),
    ];
  });
};

export const CONTENT_RULES: Record<string, Rule[]> = {
  'api::city.city': [
    required('name'),
    countryCode('countryCode', true),
    numberInRange('latitude', -90, 90),
    numberInRange('longitude', -180, 180),
    numberInRange('population', 0, Number.MAX_SAFE_INTEGER, { integer: true }),
    pattern('wikidataId', WIKIDATA_PATTERN, 'must be a Wikidata item id such as Q39121'),
    url('website'),
  ],
  'api::partnership.partnership': [
    required('title'),
    required('startYear'),
    yearRange('startYear', 0),
    yearRange('endYear', 0),
    endNotBeforeStart,
    oneOf('kind', ['twinning', 'partner-city', 'friendship']),
    oneOf('partnershipStatus', ['active', 'dormant', 'ended']),
    organisations,
  ],
  'api::project.project': [
    required('title'),
    // Projects may be planned a few years ahead.
    yearRange('startYear', 10),
    yearRange('endYear', 10),
    endNotBeforeStart,
    oneOf('projectStatus', ['planned', 'ongoing', 'completed']),
    url('website'),
    organisations,
  ],
  'api::theme.theme': [required('name')],
  'api::international-relations-page.international-relations-page': [required('title')],
};

export const validateContent = (uid: string, values: Values, options: RuleOptions): FieldProblem[] =>
  (CONTENT_RULES[uid] ?? []).flatMap((rule) => rule(values, options));

/**
 * Whether a relation value in Document Service data leaves an x-to-one relation empty.
 * `undefined` on update means "unchanged"; the caller decides what that means on create.
 */
export const relationIsEmptied = (value: unknown): boolean | undefined => {
  if (value === undefined) return undefined;
  if (value === null || value === '') return true;
  if (typeof value === 'string' || typeof value === 'number') return false;
  if (Array.isArray(value)) return value.length === 0;
  if (typeof value !== 'object') return true;
  const relation = value as { set?: unknown[]; connect?: unknown[]; disconnect?: unknown[]; documentId?: unknown; id?: unknown };
  if (relation.documentId !== undefined || relation.id !== undefined) return false;
  if (Array.isArray(relation.set)) return relation.set.length === 0;
  if (Array.isArray(relation.connect) && relation.connect.length > 0) return false;
  if (Array.isArray(relation.disconnect) && relation.disconnect.length > 0) return true;
  return undefined;
};

/** C0 control characters other than tab and line feed: never part of council text (and the search snippets use two of them as markers). */
// eslint-disable-next-line no-control-regex
const FORBIDDEN_CONTROL = /[\u0000-\u0008\u000B-\u001F]/;

const describeControl = (text: string) => {
  const found = FORBIDDEN_CONTROL.exec(text)?.[0] ?? '';
  return `U+${found.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
};

/**
 * Every text in the data of a write (fields, components, rich text blocks, at any depth) that holds
 * a control character other than tab and line feed, each named by its path.
 */
export const controlCharacterProblems = (data: unknown, path: string[] = []): FieldProblem[] => {
  if (typeof data === 'string') {
    return FORBIDDEN_CONTROL.test(data) ? [problem(path.length ? path : ['data'], `contains the control character ${describeControl(data)}; remove it (tab and line breaks are fine)`)] : [];
  }
  if (Array.isArray(data)) return data.flatMap((item, index) => controlCharacterProblems(item, [...path, String(index)]));
  if (data && typeof data === 'object') return Object.entries(data).flatMap(([key, value]) => controlCharacterProblems(value, [...path, key]));
  return [];
};
