import type { Core, UID } from '@strapi/strapi';
import { outputSanitizer } from './output-sanitizer';
import { queryMemo } from './query-memo';

type Helpers = { sanitizeOutput: ReturnType<typeof outputSanitizer>; queries: ReturnType<typeof queryMemo> };
const helpers = new WeakMap<Core.Strapi, Helpers>();

type BaseController = { validateQuery(ctx: unknown): Promise<void>; sanitizeQuery(ctx: unknown): Promise<Record<string, unknown>> };
// Every property optional: Strapi's controller type also reads these methods as route handlers (ctx, next).
type RequestContext = { query?: unknown; state?: { auth?: any; route?: any } };

/**
 * What the council's content controllers change in Strapi's core controller, for speed only: the
 * output is sanitized in one pass (src/public-api/output-sanitizer.ts) and a query string's
 * validation and sanitizing are remembered per caller's permissions (src/public-api/query-memo.ts),
 * both giving Strapi's own answers. Spread into the factory's callback:
 * `factories.createCoreController(uid, ({ strapi }) => ({ ...councilReads(strapi, uid) }))`.
 */
export const councilReads = (strapi: Core.Strapi, uid: UID.ContentType) => {
  if (!helpers.has(strapi)) helpers.set(strapi, { sanitizeOutput: outputSanitizer(strapi), queries: queryMemo(strapi) });
  const { sanitizeOutput, queries } = helpers.get(strapi)!;
  // The core controller's own helpers, which these wrap.
  const base = (controller: unknown) => Object.getPrototypeOf(controller) as BaseController;
  return {
    async sanitizeOutput(data: unknown, ctx: RequestContext) {
      // Strapi's controllers pass `{}` when a request has no auth, so relations are checked then too.
      return sanitizeOutput(data, strapi.contentType(uid) as never, ctx?.state?.auth ?? {});
    },
    async validateQuery(this: unknown, ctx: RequestContext) {
      return queries.validate(ctx, () => base(this).validateQuery.call(this, ctx));
    },
    async sanitizeQuery(this: unknown, ctx: RequestContext) {
      return queries.sanitize(ctx, () => base(this).sanitizeQuery.call(this, ctx));
    },
  };
};
