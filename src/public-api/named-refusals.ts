import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { isContentApiPath } from './content-api-request';

const PUBLIC_READS = 'the public and read-only tokens may only read (find and findOne) published cities, partnerships, projects, themes and the international relations page';

/**
 * The message for a refusal Strapi answers with only its status text ("Forbidden",
 * "Unauthorized", "Not Found"), naming the request and why; undefined for any other status.
 */
export const refusalMessage = (status: number, request: { method: string; path: string; locale?: unknown; withToken: boolean }): string | undefined => {
  const what = `${request.method} ${request.path}`;
  if (status === 401) return `${what}: needs ${request.withToken ? 'a valid, unexpired API token' : 'an API token allowed to do this'} (Authorization: Bearer <token>); ${PUBLIC_READS}`;
  if (status === 403) return `${what}: not allowed ${request.withToken ? 'for this API token' : 'without a token'}; ${PUBLIC_READS}`;
  if (status === 404) {
    const locale = typeof request.locale === 'string' ? ` in locale "${request.locale}"` : '';
    return `${what}: nothing here${locale}: no such route, or no published document with this documentId${locale}`;
  }
  return undefined;
};

const GENERIC = new Set(['Forbidden', 'Unauthorized', 'Not Found']);

/**
 * Callers of the REST API learn why they were refused: Strapi's access checks (ctx.forbidden(),
 * ctx.unauthorized()) and its "no document" answer say only the status text (found by
 * tests/api/fuzz-public-reads.test.ts), and koa-router's 405 is plain text. Runs inside
 * strapi::errors, so thrown replacements are formatted like every other error.
 */
export default (_config: unknown, { strapi }: { strapi: Core.Strapi }) => {
  const prefix = strapi.config.get('api.rest.prefix', '/api') as string;
  return async (ctx: any, next: () => Promise<unknown>) => {
    if (!isContentApiPath(ctx.path, prefix)) return next();
    const request = () => ({ method: ctx.method, path: ctx.path, locale: ctx.query?.locale, withToken: ctx.get('Authorization') !== '' });
    try {
      await next();
    } catch (error) {
      const status = error instanceof errors.UnauthorizedError ? 401 : error instanceof errors.ForbiddenError ? 403 : error instanceof errors.NotFoundError ? 404 : 0;
      const message = GENERIC.has((error as Error)?.message) ? refusalMessage(status, request()) : undefined;
      if (!message) throw error;
      if (status === 401) throw new errors.UnauthorizedError(message);
      if (status === 403) throw new errors.ForbiddenError(message);
      throw new errors.NotFoundError(message);
    }
    // Nothing answered (no route, or findOne found nothing): strapi::errors would say only "Not Found".
    if (!ctx.response._explicitStatus) throw new errors.NotFoundError(refusalMessage(404, request()));
    if (ctx.status === 405) {
      const message = `${ctx.method} ${ctx.path}: method not allowed here (allowed: ${ctx.response.get('Allow') || 'none'})`;
      ctx.body = { data: null, error: { status: 405, name: 'MethodNotAllowedError', message, details: {} } };
      ctx.status = 405;
      return;
    }
    const answered = ctx.body?.error;
    const message = answered && GENERIC.has(answered.message) ? refusalMessage(ctx.status, request()) : undefined;
    if (message) ctx.body = { ...ctx.body, error: { ...answered, message } };
  };
};
