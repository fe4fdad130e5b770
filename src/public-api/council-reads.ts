import type { Core, UID } from '@strapi/strapi';
import { outputSanitizer } from './output-sanitizer';

const sanitizers = new WeakMap<Core.Strapi, ReturnType<typeof outputSanitizer>>();

/**
 * What the council's content controllers change in Strapi's core controller: the output is
 * sanitized in one pass (src/public-api/output-sanitizer.ts), the same rules as Strapi's own.
 * Spread into `factories.createCoreController(uid, ({ strapi }) => ({ ...councilReads(strapi, uid) }))`.
 */
export const councilReads = (strapi: Core.Strapi, uid: UID.ContentType) => {
  if (!sanitizers.has(strapi)) sanitizers.set(strapi, outputSanitizer(strapi));
  const sanitize = sanitizers.get(strapi)!;
  return {
    async sanitizeOutput(data: unknown, ctx: { state?: { auth?: unknown } }) {
      // Strapi's controllers pass `{}` when a request has no auth, so relations are checked then too.
      return sanitize(data, strapi.contentType(uid) as never, ctx?.state?.auth ?? {});
    },
  };
};
