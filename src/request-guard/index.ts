import { errors } from '@strapi/utils';

/** Percent-encoded C0 control characters (%00-%1F) and raw ones: never part of a path of this app. */
// eslint-disable-next-line no-control-regex
const CONTROL_IN_PATH = /%[01][0-9a-f]|[\u0000-\u001f]/i;
/** NUL in a query string: PostgreSQL can neither store nor compare it (it answered 500). */
const NUL_IN_QUERY = /%00|\u0000/;

/** Why a request's path or query cannot be answered, or undefined. Pure, for the unit test. */
export const requestCharactersProblem = (path: string, querystring: string): string | undefined => {
  if (CONTROL_IN_PATH.test(path)) return 'The path contains a control character (such as %00): no page or record has one in its address';
  if (NUL_IN_QUERY.test(querystring)) return 'The query string contains a NUL character (%00)';
  return undefined;
};

/**
 * global::request-guard — refuses (400) control characters in any path and NUL in any query,
 * before a router hands them to a controller as an id or a filter: a document id `a%00b` made
 * PostgreSQL answer 500 on the content API and in the Content Manager alike.
 */
export default () =>
  async (ctx: { path: string; querystring: string }, next: () => Promise<unknown>) => {
    const problem = requestCharactersProblem(ctx.path, ctx.querystring);
    if (problem) throw new errors.ValidationError(problem, { code: 'control-character' });
    await next();
  };
