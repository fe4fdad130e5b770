import fc from 'fast-check';
import type { Response } from 'supertest';
import { SUPPORTED_LOCALE_CODES } from '../../src/locales/locales';
import type { TestApp } from './strapi';

/**
 * Shared pieces of the property-based tests (tests/api/fuzz-*.test.ts): the seed and run count,
 * the "named refusal" property, a snapshot of every content table, and arbitraries for the
 * values people (and scanners) put in query strings and payloads.
 */

/** Fixed for CI reproducibility; FUZZ_SEED=<n> replays another run. Printed by every fuzz file. */
export const FUZZ_SEED = Number(process.env.FUZZ_SEED ?? 20261128);

export const fuzzOptions = (file: string, numRuns: number) => {
  // eslint-disable-next-line no-console
  console.log(`[${file}] fast-check seed ${FUZZ_SEED}, ${numRuns} runs (replay with FUZZ_SEED=${FUZZ_SEED})`);
  return { seed: FUZZ_SEED, numRuns, endOnFailure: true };
};

/** Messages that say only what the status code already says. */
const GENERIC_MESSAGES = ['', 'internal server error', 'bad request', 'forbidden', 'not found', 'unauthorized', 'invalid', 'error', 'validationerror'];

/**
 * Never a 5xx; a refusal is a 4xx with a JSON error whose message names the problem: not empty
 * and not just the status text. Returns the problem as text, or undefined when the answer is fine.
 */
export const refusalProblem = (response: Response): string | undefined => {
  if (response.status >= 500) return `answered ${response.status}: ${JSON.stringify(response.body?.error ?? response.text).slice(0, 300)}`;
  if (response.status < 400) return undefined;
  const message = response.body?.error?.message;
  if (typeof message !== 'string') return `answered ${response.status} without a JSON error message: ${String(response.text).slice(0, 200)}`;
  if (GENERIC_MESSAGES.includes(message.trim().toLowerCase())) return `answered ${response.status} with the generic message "${message}"`;
  return undefined;
};

/**
 * Row count and a digest of every row of each table that holds content (content types, their
 * relation and component tables, files, translation fingerprints). Admin, token and plugin tables
 * are left out: API tokens record their last use on every request.
 */
export const contentSnapshot = async (app: TestApp): Promise<Record<string, string>> => {
  const { rows: tables } = await app.strapi.db.connection.raw(`
    select table_name from information_schema.tables
    where table_schema = current_schema() and table_type = 'BASE TABLE'
      and table_name not like 'strapi\\_%' and table_name not like 'admin\\_%' and table_name not like 'up\\_%'
      and table_name not like 'i18n\\_%'
    order by table_name`);
  const digests = (tables as Array<{ table_name: string }>).map(
    ({ table_name: table }) => `select '${table}' as name, count(*)::text || ':' || coalesce(md5(string_agg(t::text, '|' order by t::text)), '') as digest from "${table}" t`,
  );
  const { rows } = await app.strapi.db.connection.raw(digests.join(' union all '));
  return Object.fromEntries((rows as Array<{ name: string; digest: string }>).map((row) => [row.name, row.digest]));
};

/** Strings people do not expect: unicode of every plane, control characters, SQL and markup. */
export const nastyString = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.string({ unit: 'grapheme', maxLength: 8 }),
  fc.string({ unit: 'binary', maxLength: 8 }),
  fc.constantFrom("' or 1=1 --", '%', '_', '\\', '\u0000', '😀', 'ß', '布尔诺', '<script>', '../../etc/passwd', '${x}', '   ', 'null', 'undefined', 'true', '[object Object]'),
);

/** Numbers as query strings carry them: huge, negative, fractional, exponent, not numbers. */
export const numberish = fc.oneof(
  fc.integer({ min: -3, max: 150 }).map(String),
  fc.constantFrom('0', '-1', '1.5', '1e3', '1e309', '-1e309', '9007199254740993', '99999999999999999999999999', 'NaN', 'Infinity', '0x10', '', ' 7', '2147483648'),
  fc.double().map(String),
  fc.bigInt().map(String),
);

export const scalar = fc.oneof(nastyString, numberish, fc.constantFrom('true', 'false'));

export const localeish = fc.oneof(
  fc.constantFrom(...SUPPORTED_LOCALE_CODES),
  fc.constantFrom('*', 'all', 'xx', 'EN', 'zh', 'zh-hans', 'en-GB', ''),
  nastyString,
);

/** A value or, sometimes, the same key repeated (an array where a scalar is expected). */
export const maybeArray = <T>(arbitrary: fc.Arbitrary<T>) => fc.oneof({ weight: 4, arbitrary }, { weight: 1, arbitrary: fc.array(arbitrary, { minLength: 1, maxLength: 3 }) });
