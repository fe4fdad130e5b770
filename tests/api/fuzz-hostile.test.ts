import fc from 'fast-check';
import { fuzzOptions, refusalProblem } from '../helpers/fuzz';
import { createApiToken, withToken } from '../helpers/callers';
import { useApp } from '../helpers/strapi';

/**
 * Hostile fuzzing beside the plausible one (fuzz-public-reads): raw query strings no client
 * library would write — repeated keys, lists where objects go, brackets nested deep or left
 * open, operators in odd places, long and odd Unicode, broken percent-encoding — on every public
 * route and on spellings of its path the router also matches. Never a 5xx; every refusal names
 * its problem.
 */

const PARAMS = ['filters', 'sort', 'fields', 'populate', 'pagination', 'locale', 'status', 'fallbackLocale', 'publicationFilter', 'hasPublishedVersion', 'q', 'plugins', '_q', 'where'];
const SEGMENTS = [
  'name', 'slug', 'summary', 'city', 'partnerships', 'themes', 'localizations', 'createdBy', 'image', 'organisations', 'id', 'documentId', 'locale', 'publishedAt',
  '$eq', '$in', '$or', '$and', '$not', '$null', '$between', '$containsi', '$regex', '$where', 'populate', 'fields', 'filters', 'sort', 'on', 'count',
  '0', '1', '99', '-1', '', '__proto__', 'constructor', 'prototype', 'page', 'pageSize', 'start', 'limit', 'withCount',
];

/** Text people do not expect, including what breaks encoders and databases. */
const oddText = fc.oneof(
  fc.string({ maxLength: 20 }),
  fc.string({ unit: 'grapheme', maxLength: 12 }),
  fc.string({ unit: 'binary', maxLength: 12 }),
  fc.integer({ min: 200, max: 1500 }).map((length) => 'ä'.repeat(length)),
  fc.integer({ min: 200, max: 1500 }).map((length) => '%'.repeat(length)),
  fc.constantFrom(
    '\u0000', '\uD800', '\uDFFF', '\u202E\u202D', '\u200B', '\uFEFF', '𝕷𝖊𝖊𝖉𝖘', '👩‍👩‍👧‍👦', 'İı', 'ß', 'ﬃ', 'Z̤͔ͧ̑̓', '布尔诺', "' or '1'='1", '"; drop table cities; --',
    '1e309', 'NaN', '-0', '0x7fffffff', '99999999999999999999', 'true', 'null', '[]', '{}', '[object Object]', '*', ',', ':', '.', '..', 'a.b.c.d.e',
  ),
);

/** Percent-encoding that survives lone surrogates (encodeURIComponent throws on them). */
const encode = (value: string) => {
  try {
    return encodeURIComponent(value);
  } catch {
    return escape(value);
  }
};

/** How a text reaches the query string: encoded, raw, or with broken percent-escapes. */
const encoded = (text: fc.Arbitrary<string>) =>
  fc.oneof(
    text.map(encode),
    text.map((value) => value.replace(/[#&\s]/g, '')),
    fc.constantFrom('%', '%zz', '%E0%A4%A', '%C0%AF', '%00', '%ff%fe', '%u0041', '+%2B+', '%5B%5D', '%255B'),
  );

/** Short odd text for key segments (long values are the values' job). */
const oddSegment = fc.oneof(fc.string({ maxLength: 8 }), fc.string({ unit: 'grapheme', maxLength: 4 }), fc.constantFrom('\u0000', '\uD800', '\u202E', 'ß', '布', '%', '$', '.', '[', ']'));

const key = fc
  .tuple(fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...PARAMS) }, { weight: 1, arbitrary: oddSegment }), fc.array(fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...SEGMENTS) }, { weight: 1, arbitrary: oddSegment }), { maxLength: 7 }), fc.constantFrom('', '', '', '[', ']', '[]', '[[', ']]'))
  .map(([name, segments, tail]) => `${encode(name)}${segments.map((segment) => `[${encode(segment)}]`).join('')}${tail}`);

const pair = fc.tuple(key, encoded(oddText), fc.constantFrom('=', '=', '==', '')).map(([name, value, equals]) => `${name}${equals}${equals ? value : ''}`);

/** 1–8 pairs, often the same key more than once. */
const queryString = fc.oneof(
  fc.array(pair, { minLength: 1, maxLength: 8 }),
  fc.tuple(pair, fc.integer({ min: 2, max: 6 })).map(([one, times]) => Array.from({ length: times }, () => one)),
  fc.tuple(key, fc.array(encoded(oddText), { minLength: 2, maxLength: 5 })).map(([name, values]) => values.map((value) => `${name}=${value}`)),
).map((pairs) => pairs.join('&'))
  // Node refuses request heads over 16 KB before the app sees them (431); stay under it.
  .filter((query) => Buffer.byteLength(query) * 3 < 12_000);

jest.setTimeout(240_000);

describe('fuzz: hostile query strings on every public route', () => {
  const app = useApp();
  let paths: string[] = [];
  let token = '';

  beforeAll(async () => {
    token = await createApiToken(app(), 'read-only');
    const document = (await app().http().get('/api/openapi.json')).body;
    const templates = Object.entries(document.paths as Record<string, Record<string, unknown>>)
      .filter(([, operations]) => operations.get)
      .map(([path]) => path);
    for (const template of templates) {
      const match = /^(.*)\/\{[^}]+\}$/.exec(template);
      if (!match) {
        paths.push(template, template.replace('/api/', '/API/'), `${template}/`);
        continue;
      }
      const list = await app().http().get(match[1]);
      if (Array.isArray(list.body?.data)) paths.push(`${match[1]}/${list.body.data[0].documentId}`, `${match[1].toUpperCase()}/${list.body.data[0].documentId}`);
    }
    // The public routes: those an anonymous caller may call (the document also lists token-only ones).
    const open = await Promise.all(paths.map(async (path) => ((await app().http().get(path)).status === 403 ? undefined : path)));
    paths = [...new Set(open.filter((path): path is string => path !== undefined))];
  });

  it('covers every public GET route, and spellings of them', () => {
    expect(paths).toEqual(expect.arrayContaining(['/api/cities', '/API/cities', '/api/cities/', '/api/cities/geojson', '/api/international-relations-page', '/api/themes']));
  });

  it('never answers 5xx, and names the problem in every refusal', async () => {
    const statuses = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...paths), queryString, fc.boolean(), async (path, query, withReadOnlyToken) => {
        const request = app().http().get(`${path}?${query}`);
        const response = await (withReadOnlyToken ? request.set(withToken(token)) : request);
        statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
        const problem = refusalProblem(response);
        if (problem) throw new Error(`${problem} — GET ${path}?${query.length > 300 ? `${query.slice(0, 300)}… (${query.length} characters)` : query}`);
      }),
      fuzzOptions('fuzz-hostile', Number(process.env.FUZZ_HOSTILE_RUNS ?? 1500)),
    );
    // eslint-disable-next-line no-console
    console.log(`[fuzz-hostile] statuses ${JSON.stringify(Object.fromEntries(statuses))}`);
    expect([...statuses.keys()].some((status) => status >= 400)).toBe(true);
  });
});
