import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import type { AdminRouter } from '../bootstrap/admin-routes';
import { positiveInteger, text } from '../audit/query';
import { cancelScheduledAction, listScheduledActions, NotPending, SCHEDULED_ACTION_STATES, scheduledActionResponse, scheduleAction } from './actions';

const SIGNED_IN = 'admin::isAuthenticatedAdmin';
const PAGE_SIZE = 50;

const actionId = (value: unknown) => {
  const id = Number(value);
  if (!Number.isInteger(id) || id < 1) throw new errors.ValidationError(`scheduled action id: a positive whole number is expected (got ${JSON.stringify(value)})`);
  return id;
};

/**
 * Scheduled publish and unpublish (admin JWT):
 *   GET    /scheduled-actions[?state=&uid=&documentId=&locale=&page=]: pending soonest first, others latest first
 *   POST   /scheduled-actions { uid, documentId, locale (or *), action, at }: editors, or that locale's translators
 *   DELETE /scheduled-actions/:id: cancels a pending action (409 once it ran)
 */
export const schedulingRoutes = (strapi: Core.Strapi): AdminRouter => ({
  prefix: '/scheduled-actions',
  routes: [
    {
      method: 'GET',
      path: '/',
      handler: async (ctx: any) => {
        const state = text(ctx.query, 'state');
        if (state !== undefined && !(SCHEDULED_ACTION_STATES as readonly string[]).includes(state)) {
          throw new errors.ValidationError(`state: one of ${SCHEDULED_ACTION_STATES.join(', ')}`);
        }
        const filter = { state, uid: text(ctx.query, 'uid'), documentId: text(ctx.query, 'documentId'), locale: text(ctx.query, 'locale') };
        const { actions, pagination } = await listScheduledActions(strapi, filter, positiveInteger(ctx.query, 'page', 1), PAGE_SIZE);
        ctx.set('Cache-Control', 'no-store');
        ctx.body = { data: actions.map(scheduledActionResponse), meta: { pagination } };
      },
      config: { policies: [SIGNED_IN] },
    },
    {
      method: 'POST',
      path: '/',
      handler: async (ctx: any) => {
        const body = ctx.request.body;
        if (!body || typeof body !== 'object' || Array.isArray(body)) throw new errors.ValidationError('A JSON object { uid, documentId, locale, action, at } is expected');
        ctx.status = 201;
        ctx.body = { data: scheduledActionResponse(await scheduleAction(strapi, ctx.state.user, body)) };
      },
      config: { policies: [SIGNED_IN] },
    },
    {
      method: 'DELETE',
      path: '/:id',
      handler: async (ctx: any) => {
        try {
          ctx.body = { data: scheduledActionResponse(await cancelScheduledAction(strapi, ctx.state.user, actionId(ctx.params.id))) };
        } catch (error) {
          if (!(error instanceof NotPending)) throw error;
          ctx.status = 409;
          ctx.body = { data: null, error: { status: 409, name: 'ConflictError', message: error.message, details: { code: 'not-pending' } } };
        }
      },
      config: { policies: [SIGNED_IN] },
    },
  ],
});
