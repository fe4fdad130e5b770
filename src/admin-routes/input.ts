import { z } from 'zod';
import { errors } from '@strapi/utils';

/** What a request carries, before any of it is trusted: path parameters, query string and body. */
export type RawRequestInput = { params?: Record<string, unknown>; query?: Record<string, unknown>; body?: unknown };

const describe = (value: unknown) => (Array.isArray(value) ? 'more than once or as a list' : typeof value === 'object' && value !== null ? 'as an object' : `as ${typeof value}`);

const isPrimitive = (value: unknown) => ['string', 'number', 'boolean'].includes(typeof value);

/** Query string values are text; a body may say the same in JSON's own primitive types (`true`, `2`), never as a list or an object. */
const sameValue = (a: unknown, b: unknown) => {
  if (typeof a === typeof b) return JSON.stringify(a) === JSON.stringify(b);
  return isPrimitive(a) && isPrimitive(b) && String(a) === String(b);
};

/**
 * Reads a request's path, query and body into one object, once, for both the authorization check
 * and the handler. A query parameter must be given once, as text (`?locale=a&locale=b`,
 * `?locale[]=a` and `?locale[x]=a` are refused); a body must be a JSON object; a name given in more
 * than one place must say the same everywhere (a `?locale=fr` with a body naming `de` is refused,
 * never read one way by the check and the other by the handler).
 */
export const mergeRequestInput = ({ params = {}, query = {}, body }: RawRequestInput): Record<string, unknown> => {
  // Maps, not objects: a key named __proto__ is a key like any other, never a prototype.
  const merged = new Map<string, unknown>();
  const origin = new Map<string, string>();
  const add = (where: string, name: string, value: unknown) => {
    if (merged.has(name)) {
      if (!sameValue(merged.get(name), value)) {
        throw new errors.ValidationError(`${name}: the ${origin.get(name)} says ${JSON.stringify(merged.get(name))} but the ${where} says ${JSON.stringify(value)}; give it once`, { code: 'input-mismatch', field: name });
      }
      return;
    }
    merged.set(name, value);
    origin.set(name, where);
  };
  for (const [name, value] of Object.entries(params)) add('path', name, value);
  for (const [name, value] of Object.entries(query)) {
    if (typeof value !== 'string') throw new errors.ValidationError(`${name}: give it once, as plain text (it was sent ${describe(value)})`, { code: 'input-repeated', field: name });
    add('query', name, value);
  }
  if (body !== undefined && body !== null && body !== '') {
    if (typeof body !== 'object' || Array.isArray(body)) throw new errors.ValidationError('The body must be a JSON object', { code: 'input-body' });
    for (const [name, value] of Object.entries(body)) add('body', name, value);
  }
  return Object.fromEntries(merged);
};

const issueText = (issue: z.core.$ZodIssue) => `${issue.path.length ? issue.path.join('.') : 'input'}: ${issue.message}`;

/**
 * Checks the merged input against a route's schema; every failure is a 400 naming the fields.
 * A schema may load what the input names (a version by its id) and throw a 404 itself.
 */
export const validateInput = async <T>(schema: z.ZodType<T>, merged: Record<string, unknown>): Promise<T> => {
  const result = await schema.safeParseAsync(merged);
  if (!result.success) {
    throw new errors.ValidationError(result.error.issues.map(issueText).join('; '), { code: 'invalid-field', field: result.error.issues[0]?.path.join('.') ?? null, fields: result.error.issues.map((issue) => issue.path.join('.')) });
  }
  return result.data;
};

/** C0 control characters other than tab, line feed and carriage return: never in text the council keeps. */
// eslint-disable-next-line no-control-regex
export const CONTROL_CHARACTERS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

/** A record id: decimal digits only (`0x10` is not 16), within the database's integer range. */
const recordId = () =>
  z
    .union([z.string(), z.number()])
    .transform((value) => String(value))
    .refine((value) => /^[1-9][0-9]{0,9}$/.test(value) && Number(value) <= 2147483647, 'a whole number from 1 to 2147483647, in decimal digits')
    .transform(Number);

/** The field types every admin route's schema is built from. */
export const fields = {
  /** One line of text (trimmed), without control characters. */
  text: (max = 200) =>
    z
      .string()
      .trim()
      .min(1, 'must not be empty')
      .max(max, `at most ${max} characters`)
      .refine((value) => !CONTROL_CHARACTERS.test(value), 'must not contain control characters'),
  id: recordId,
  /** A page number from the query string. */
  page: (max = 100000) =>
    z
      .string()
      .refine((value) => /^[1-9][0-9]{0,5}$/.test(value) && Number(value) <= max, `a whole number from 1 to ${max}`)
      .transform(Number),
  /** true or false, as JSON or as text. */
  flag: () => z.union([z.boolean(), z.enum(['true', 'false']).transform((value) => value === 'true')]),
  /** One of a fixed list, with the list in the message. */
  oneOf: <const T extends readonly [string, ...string[]]>(values: T) => z.enum(values, { error: () => `one of ${values.join(', ')}` }),
  /** One of these locale codes (and the extra values named, such as `*` for all), with the list in the message. */
  locale: (codes: readonly string[], extra: readonly string[] = []) => {
    const allowed = [...codes, ...extra];
    const list = `${codes.join(', ')}${extra.length ? `, or ${extra.join(', ')}` : ''}`;
    return z.string({ error: `one of ${list} is required` }).refine((value) => allowed.includes(value), { error: `one of ${list}` });
  },
  /** A record named by its id in the path, loaded once for the check and the handler; 404 when there is none. */
  recordById: <Key extends string, Record>(key: Key, load: (id: number) => Promise<Record | null>, missing: (id: number) => string) =>
    z.object({ id: recordId() }).transform(async ({ id }) => {
      const found = await load(id);
      if (!found) throw new errors.NotFoundError(missing(id));
      return { [key]: found } as { [name in Key]: Record };
    }),
  /** A comma-separated list of values from a fixed list. */
  listOf: <const T extends readonly [string, ...string[]]>(values: T) =>
    z
      .string()
      .transform((value) => value.split(',').map((item) => item.trim()).filter(Boolean))
      .refine((items) => items.every((item) => (values as readonly string[]).includes(item)), `a comma-separated list of ${values.join(', ')}`)
      .transform((items) => items as Array<T[number]>),
};
