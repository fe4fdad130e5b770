import type { Core } from '@strapi/strapi';
import { isDatabaseUnavailableError } from './database-errors';
import { databaseWatchdog } from './database-watchdog';

/** Seconds a client should wait before retrying (Retry-After). */
export const RETRY_AFTER_SECONDS = 5;

export const SERVICE_UNAVAILABLE_BODY = {
  data: null,
  error: {
    status: 503,
    name: 'ServiceUnavailableError',
    message: 'The database cannot be reached just now; please try again shortly.',
    details: {},
  },
};

/**
 * While PostgreSQL cannot be reached, every request that needs it (REST, admin panel API) answers
 * 503 with Strapi's error shape and Retry-After instead of a 500 or a hanging socket; the pool
 * reconnects on its own when the database is back. Sits inside strapi::errors so it sees the
 * original error, and after the HTTP cache so cached reads still answer.
 */
export default (_config: unknown, { strapi }: { strapi: Core.Strapi }) => {
  const watchdog = databaseWatchdog(strapi);

  const answerUnavailable = (ctx: any, reason: string) => {
    strapi.log.warn(`${ctx.method} ${ctx.path}: 503, database unreachable (${reason})`);
    ctx.status = 503;
    ctx.set('Retry-After', String(RETRY_AFTER_SECONDS));
    ctx.set('Cache-Control', 'no-store');
    ctx.body = SERVICE_UNAVAILABLE_BODY;
  };
  // A refusal or failure while the database was failing is the database's doing: users-permissions,
  // for one, turns a failed permission lookup into 401.
  const causedByOutage = (status: number, started: number) => [401, 403, 500].includes(status) && watchdog.failedSince(started);

  return async (ctx: any, next: () => Promise<unknown>) => {
    const started = Date.now();
    const done = watchdog.watch();
    try {
      await next();
      if (causedByOutage(ctx.status, started)) answerUnavailable(ctx, `answer ${ctx.status} while connections failed`);
    } catch (error: any) {
      if (isDatabaseUnavailableError(error)) answerUnavailable(ctx, error.message);
      else if (causedByOutage(error?.status ?? 500, started)) answerUnavailable(ctx, `${error?.name}: ${error?.message}`);
      else throw error;
    } finally {
      done();
    }
  };
};
