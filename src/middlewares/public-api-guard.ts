import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { listOperatorProblem } from '../domain/filters';
import { MAX_POPULATE_DEPTH, populateDepth } from '../domain/populate';

/**
 * Read rules of the public REST API that stock Strapi leaves open:
 * - drafts are never served to readers: `?status=draft` is refused on GET (#25326);
 * - `populate` deeper than two levels is refused (it costs seconds per request on 2 cores);
 * - `$and` / `$or` that are not lists are refused (Strapi answered them with a 500).
 * Writes may still use `status=draft` to save without publishing.
 */
export const publicReadProblem = (method: string, query: Record<string, unknown>): string | undefined => {
  if (method !== 'GET' && method !== 'HEAD') return undefined;
  if (query.status !== undefined && query.status !== 'published') {
    return 'status: only published content is available on this API (status=draft is not allowed)';
  }
  const depth = populateDepth(query.populate);
  if (depth > MAX_POPULATE_DEPTH) {
    return `populate: at most ${MAX_POPULATE_DEPTH} levels of relations can be populated (asked for ${depth})`;
  }
  return listOperatorProblem(query.filters, 'filters') ?? listOperatorProblem(query.populate, 'populate');
};

export default (_config: unknown, { strapi }: { strapi: Core.Strapi }) => {
  const prefix = `${strapi.config.get('api.rest.prefix', '/api')}/`;
  return async (ctx: any, next: () => Promise<unknown>) => {
    if (ctx.path.startsWith(prefix)) {
      const problem = publicReadProblem(ctx.method, ctx.query ?? {});
      if (problem) throw new errors.ValidationError(problem);
    }
    await next();
  };
};
