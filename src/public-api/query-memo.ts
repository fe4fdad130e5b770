import type { Core } from '@strapi/strapi';
import { LRUCache } from 'lru-cache';
import { readableTypes } from './output-sanitizer';

/**
 * Strapi's validation and sanitizing of a content API query string, remembered. They walk the
 * parsed query against the schema (a tenth of an uncached populated list), and their answer is a
 * function of the query, the route, the schema (fixed once the app has started) and the caller's
 * permissions, which they only consult through `strapi.auth.verify(auth, { scope })`. So the
 * same query from a caller with the same permissions gets the same answer: it is kept here under
 * a key of all of those. A query Strapi refuses is never kept, so it is refused every time.
 */

type Auth = { strategy?: { name?: string }; ability?: { rules?: unknown } } | undefined;
type QueryContext = { query?: unknown; state?: { auth?: Auth; route?: { method?: string; path?: string; handler?: unknown } } };

/**
 * What the caller's permissions are, as far as the query checks can tell. users-permissions
 * answers a scope from the ability's rules alone; any other strategy is asked about every type.
 */
const permissionsKey = async (strapi: Core.Strapi, auth: Auth): Promise<string> => {
  if (auth?.strategy?.name === 'users-permissions' && Array.isArray(auth.ability?.rules)) return `users-permissions ${JSON.stringify(auth.ability.rules)}`;
  return `readable ${[...(await readableTypes(strapi, Object.keys(strapi.contentTypes), auth))].join(',')}`;
};

export const queryMemo = (strapi: Core.Strapi, { max = 1000 } = {}) => {
  const sanitized = new LRUCache<string, Record<string, unknown>>({ max });
  const keys = new WeakMap<object, string>();
  const validated = new WeakSet<object>();

  const keyOf = async (ctx: QueryContext) => {
    const known = keys.get(ctx);
    if (known !== undefined) return known;
    const route = ctx.state?.route;
    const key = `${await permissionsKey(strapi, ctx.state?.auth)}\n${route?.method} ${route?.path} ${String(route?.handler)}\n${JSON.stringify(ctx.query)}`;
    keys.set(ctx, key);
    return key;
  };

  return {
    /** Strapi's `validateQuery`, skipped for a query already validated and sanitized for these permissions. */
    async validate(ctx: QueryContext, validateQuery: () => Promise<unknown>) {
      if (sanitized.has(await keyOf(ctx))) return;
      await validateQuery();
      validated.add(ctx);
    },
    /** Strapi's `sanitizeQuery`, or a copy of its answer for this query and these permissions. */
    async sanitize(ctx: QueryContext, sanitizeQuery: () => Promise<Record<string, unknown>>): Promise<Record<string, unknown>> {
      const key = await keyOf(ctx);
      const known = sanitized.get(key);
      if (known) return structuredClone(known);
      const query = await sanitizeQuery();
      // Kept only when Strapi's validation passed in this request (the core actions validate first),
      // and only as a copy: what the request goes on to do with its query must not change the memo.
      if (validated.has(ctx)) {
        try {
          sanitized.set(key, structuredClone(query));
        } catch {
          // a value that cannot be copied (a query parameter's own transform made it): not kept
        }
      }
      return query;
    },
  };
};
