import type { Core } from '@strapi/strapi';

const READY_TIMEOUT_MS = 2000;

/**
 * GET /_ready: 200 {"database":"ok"} when a query succeeds within 2 s, 503 {"database":"unavailable"} otherwise. Load
 * balancers send traffic only to ready instances; Strapi's own /_health (left as it is) only
 * says the process runs. Registered on the server's router like /_health, outside /api.
 */
export const registerReadinessRoute = (strapi: Core.Strapi) => {
  strapi.server.router.get('/_ready', async (ctx: any) => {
    let timer: NodeJS.Timeout | undefined;
    ctx.set('Cache-Control', 'no-store');
    try {
      await Promise.race([
        strapi.db.connection.raw('select 1'),
        new Promise((_, reject) => {
          timer = setTimeout(() => reject(new Error(`no answer within ${READY_TIMEOUT_MS} ms`)), READY_TIMEOUT_MS);
        }),
      ]);
      ctx.body = { database: 'ok' };
    } catch (error) {
      // The reason stays in the log: a driver's message names hosts, users and databases.
      strapi.log.warn(`/_ready: database unavailable (${(error as Error).message.split('\n')[0]})`);
      ctx.status = 503;
      ctx.body = { database: 'unavailable' };
    } finally {
      clearTimeout(timer);
    }
  });
};
