import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { queryShapeProblem } from './query-shape';

/**
 * Refuses a malformed content API query string (a repeated key, a list where an object goes, a
 * populate three levels deep) with a 400 that names the parameter, before Strapi's query parser
 * turns it into a 500. Mounted on the content API router itself, so it runs for exactly the
 * requests a content API route answers, however their path is spelled.
 */
export const guardContentApiQueries = (strapi: Core.Strapi) => {
  strapi.server.api('content-api').use(async (ctx: any, next: () => Promise<unknown>) => {
    const problem = queryShapeProblem(ctx.query ?? {});
    if (problem) throw new errors.ValidationError(problem.message, { errors: [{ path: [problem.param], message: problem.message, name: 'ValidationError' }] });
    await next();
  });
};
