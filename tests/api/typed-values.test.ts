import fc from 'fast-check';
import qs from 'qs';
import { fuzzOptions, refusalProblem } from '../helpers/fuzz';
import { adminLogin } from '../helpers/callers';
import { useApp } from '../helpers/strapi';

/**
 * Every filter value checked against its attribute's type, on every public content type: values of
 * every kind (numbers out of range, text where a number goes, impossible dates, NUL bytes, empty
 * and odd lists) with every operator never answer 5xx, and a refusal names the parameter.
 * Well-formed values of each type are answered 200, so the checks refuse only what is wrong.
 */
const TYPES = { 'api::city.city': 'cities', 'api::partnership.partnership': 'partnerships', 'api::project.project': 'projects', 'api::theme.theme': 'themes' } as const;
const SYSTEM = { id: 'integer', documentId: 'string', locale: 'string', createdAt: 'datetime', updatedAt: 'datetime', publishedAt: 'datetime' };
const SCALAR_TYPES = ['string', 'text', 'richtext', 'uid', 'email', 'enumeration', 'integer', 'biginteger', 'decimal', 'float', 'boolean', 'date', 'datetime', 'time', 'timestamp'];
const OPERATORS = [null, '$eq', '$ne', '$lt', '$lte', '$gt', '$gte', '$in', '$notIn', '$between', '$null', '$notNull', '$contains', '$containsi', '$startsWith', '$endsWithi', '$eqi', '$nei'];

const WELL_FORMED: Record<string, string> = {
  integer: '5', biginteger: '5', decimal: '53.8', float: '53.8', boolean: 'true', date: '2026-12-08', datetime: '2026-12-08T10:00:00Z', timestamp: '2026-12-08T10:00:00Z', time: '09:30',
  string: 'Lille', text: 'Lille', richtext: 'Lille', uid: 'lille', email: 'a@b.example', enumeration: 'active',
};

const hostile = fc.oneof(
  fc.constantFrom(
    '0x10', '1e999', '-1e999', '99999999999999999999999', '9223372036854775808', '-9223372036854775809', '2147483648', 'abc', '', ' ', '12abc', 'NaN', 'Infinity',
    '1.5', '.5', '5.', '2026-13-45', '2026-02-30', '0000-01-01', '2026-12-08T25:00:00Z', '10:99', '24:00', 'true', 'yes', 'null', '\u0000', 'a\u0000b', '\u0001', '[]', '{}', '1,2',
  ),
  fc.integer().map(String),
  fc.double().map(String),
  fc.bigInt().map(String),
  fc.string({ maxLength: 6 }),
);
const operand = fc.oneof({ weight: 4, arbitrary: hostile }, { weight: 2, arbitrary: fc.array(hostile, { maxLength: 3 }) }, { weight: 1, arbitrary: fc.constant([]) });

describe('filter values checked against their types', () => {
  const app = useApp();

  const attributesOf = (uid: string): Array<[string, string]> => {
    const { attributes } = app().strapi.getModel(uid as never) as unknown as { attributes: Record<string, { type: string; private?: boolean }> };
    const own = Object.entries(attributes).filter(([, attribute]) => SCALAR_TYPES.includes(attribute.type) && !attribute.private).map(([name, attribute]): [string, string] => [name, attribute.type]);
    return [...Object.entries(SYSTEM), ...own];
  };

  const condition = (operator: string | null, value: unknown) => (operator === null ? value : { [operator]: value });
  const get = (path: string) => app().http().get(path);

  it('answers a well-formed value of every attribute with every comparing operator', async () => {
    const problems: string[] = [];
    for (const [uid, path] of Object.entries(TYPES)) {
      for (const [name, type] of attributesOf(uid)) {
        const value = WELL_FORMED[type];
        const textual = ['string', 'text', 'richtext', 'uid', 'email', 'enumeration'].includes(type);
        const operators = textual ? ['$eq', '$containsi', '$in'] : ['$eq', '$lt', '$in', '$between'];
        for (const operator of operators) {
          const operandValue = operator === '$in' ? [value] : operator === '$between' ? [value, value] : value;
          const query = qs.stringify({ filters: { [name]: condition(operator, operandValue) } }, { encodeValuesOnly: true });
          const response = await get(`/api/${path}?${query}`);
          if (response.status !== 200) problems.push(`${path} ${query} → ${response.status} ${response.body?.error?.message ?? ''}`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it('never answers 5xx for a value of the wrong type or range, with any operator', async () => {
    const targets = Object.entries(TYPES).flatMap(([uid, path]) => attributesOf(uid).map(([name, type]) => ({ path, name, type })));
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...targets), fc.constantFrom(...OPERATORS), operand, async ({ path, name }, operator, value) => {
        const query = qs.stringify({ filters: { [name]: condition(operator, value) } }, { encodeValuesOnly: true });
        const response = await get(`/api/${path}?${query}`);
        const wrong = refusalProblem(response);
        if (wrong) throw new Error(`/api/${path}?${query}: ${wrong}`);
      }),
      fuzzOptions('typed-values', 600),
    );
  });

  it('refuses the values of the last probe with a 400 naming them', async () => {
    const refused: Array<[string, string]> = [
      ['/api/cities?filters[id][$eq]=abc', 'filters[id][$eq]'],
      ['/api/cities?filters[latitude][$gt]=north', 'filters[latitude][$gt]'],
      ['/api/cities?filters[population][$eq]=99999999999999999999', 'filters[population][$eq]'],
      ['/api/cities?filters[id][$between][0]=1&filters[id][$between][1]=x', 'filters[id][$between][1]'],
      ['/api/cities?filters[createdAt][$containsi]=2026', 'filters[createdAt][$containsi]'],
      ['/api/cities?filters[createdAt][$lt]=yesterday', 'filters[createdAt][$lt]'],
      ['/api/cities?pagination[start]=99999999999999999999', 'pagination[start]'],
      ['/api/cities?pagination[page]=0x10', 'pagination[page]'],
    ];
    for (const [path, param] of refused) {
      const response = await get(path);
      expect({ path, status: response.status, message: response.body?.error?.message?.startsWith(`${param}:`) }).toEqual({ path, status: 400, message: true });
    }
  });

  it('answers 4xx, never 5xx, for control characters and odd ids in path segments, public and admin', async () => {
    const admin = (await adminLogin(app())).headers;
    const segments = ['%00', 'a%00b', '%01', '0x10', '99999999999999999999', '-1', '%FF', '%E2%82'];
    const paths = segments.flatMap((segment) => [
      `/api/cities/${segment}`,
      `/api/partnerships/${segment}?populate=city`,
      `/history/${segment}`,
      `/history/${segment}/restore`,
      `/scheduled-actions/${segment}`,
      `/content-manager/collection-types/api::city.city/${segment}`,
    ]);
    const problems: string[] = [];
    for (const path of paths) {
      for (const method of ['get', 'post', 'delete'] as const) {
        const response = await app().http()[method](path).set(path.startsWith('/api/') ? {} : admin);
        if (response.status >= 500) problems.push(`${method.toUpperCase()} ${path} → ${response.status}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('refuses control characters in content with a 400 on REST and in the Content Manager, drafts included; tab and line feed are fine', async () => {
    const editor = (await adminLogin(app(), 'international-relations-editor')).headers;
    const cm = '/content-manager/collection-types/api::theme.theme';
    for (const bad of ['A\u0001B', 'A\u0000B', 'A\u001bB', 'A\rB']) {
      const response = await app().http().post(`${cm}?locale=en`).set(editor).send({ name: `Theme ${bad}`, locale: 'en' });
      expect({ bad: JSON.stringify(bad), status: response.status, message: /control character U\+00/.test(response.body?.error?.message ?? '') }).toEqual({ bad: JSON.stringify(bad), status: 400, message: true });
    }
    const fine = await app().http().post(`${cm}?locale=en`).set(editor).send({ name: 'Theme with\ttab', description: 'Two\nlines', locale: 'en' });
    expect(fine.status).toBe(201);
    const rest = await app().strapi.documents('api::theme.theme').create({ locale: 'en', data: { name: 'Plain' } as never }).catch((error: Error) => error);
    expect(rest).not.toBeInstanceOf(Error);
    await expect(app().strapi.documents('api::theme.theme').update({ documentId: fine.body.data.documentId, locale: 'en', data: { description: 'x\u0002y' } as never })).rejects.toThrow(/control character U\+0002/);
  });
});
