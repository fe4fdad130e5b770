import type { Core } from '@strapi/strapi';
import { z } from 'zod';
import { adminRoute, fields, visibleEmail, type AccessTarget, type AdminRouter } from '../admin-routes';
import { CONTENT_TYPE_UIDS } from '../domain/content-types';
import { knownLocaleCodes } from '../locales/known-locales';
import {
  ALL_LOCALES,
  cancelScheduledAction,
  findScheduledAction,
  listScheduledActions,
  NotPending,
  SCHEDULED_ACTION_KINDS,
  SCHEDULED_ACTION_STATES,
  scheduledActionResponse,
  scheduleAction,
  type ScheduledAction,
} from './actions';

const PAGE_SIZE = 50;

/** The locale versions an action (or a filter) covers: `*` is every locale. */
const targetsOf = async (strapi: Core.Strapi, uids: readonly string[], locale: string | undefined, documentId?: string): Promise<AccessTarget[]> => {
  const locales = locale === undefined || locale === ALL_LOCALES ? await knownLocaleCodes(strapi) : [locale];
  return uids.flatMap((uid) => locales.map((code) => ({ uid, locale: code, ...(documentId !== undefined && { documentId }) })));
};

const localeOrAll = async (strapi: Core.Strapi) => fields.locale(await knownLocaleCodes(strapi), [ALL_LOCALES]);

/** An action named by its id: loaded once, for the check and the handler. */
const actionInput = (strapi: Core.Strapi) => fields.recordById('action', (id) => findScheduledAction(strapi, id), (id) => `No scheduled action ${id}`);

const response = (grant: Parameters<typeof visibleEmail>[0], action: ScheduledAction) => {
  const answer = scheduledActionResponse(action);
  return { ...answer, scheduledBy: { ...answer.scheduledBy, email: visibleEmail(grant, answer.scheduledBy.email) } };
};

/**
 * Scheduled publish and unpublish (admin JWT). Listing shows the actions on the types and locales
 * the caller may read; scheduling and cancelling need the Content Manager's publish right in each
 * locale the action covers (all of them for `*`).
 *   GET    /scheduled-actions[?state=&uid=&documentId=&locale=&page=]: pending soonest first, others latest first
 *   POST   /scheduled-actions { uid, documentId, locale (or *), action, at }
 *   DELETE /scheduled-actions/:id: cancels a pending action (409 once it ran)
 */
export const schedulingRoutes = (strapi: Core.Strapi): AdminRouter => ({
  prefix: '/scheduled-actions',
  routes: [
    adminRoute({
      method: 'GET',
      path: '/',
      input: async () =>
        z.object({
          state: fields.oneOf(SCHEDULED_ACTION_STATES).optional(),
          uid: fields.oneOf(CONTENT_TYPE_UIDS).optional(),
          documentId: fields.text(64).optional(),
          locale: (await localeOrAll(strapi)).optional(),
          page: fields.page().default(1),
        }),
      access: { content: ['read'], targets: ({ uid, locale }) => targetsOf(strapi, uid ? [uid] : CONTENT_TYPE_UIDS, locale), scope: 'any' },
      handler: async (ctx, filter, grant) => {
        const known = await knownLocaleCodes(strapi);
        // Per type, the locales the caller may read, and `*` actions where they may read them all.
        const readable = CONTENT_TYPE_UIDS.map((uid) => {
          const locales = grant.targets.filter((target) => target.uid === uid).map((target) => target.locale);
          return { uid, locales: locales.length === known.length ? [...locales, ALL_LOCALES] : locales };
        }).filter((scope) => scope.locales.length > 0);
        const { actions, pagination } = await listScheduledActions(strapi, filter, readable, filter.page, PAGE_SIZE);
        ctx.set('Cache-Control', 'no-store');
        ctx.body = { data: actions.map((action) => response(grant, action)), meta: { pagination } };
      },
    }),
    adminRoute({
      method: 'POST',
      path: '/',
      input: async () =>
        z.object({
          uid: fields.oneOf(CONTENT_TYPE_UIDS),
          documentId: fields.text(64),
          locale: await localeOrAll(strapi),
          action: fields.oneOf(SCHEDULED_ACTION_KINDS),
          at: fields.text(64),
        }),
      access: { content: ['publish'], targets: ({ uid, documentId, locale }) => targetsOf(strapi, [uid], locale, documentId) },
      handler: async (ctx, input, grant) => {
        ctx.status = 201;
        ctx.body = { data: response(grant, await scheduleAction(strapi, input)) };
      },
    }),
    adminRoute({
      method: 'DELETE',
      path: '/:id',
      input: actionInput,
      access: { content: ['publish'], targets: ({ action }) => targetsOf(strapi, [action.targetUid], action.locale, action.targetDocumentId) },
      handler: async (ctx, { action }, grant) => {
        try {
          ctx.body = { data: response(grant, await cancelScheduledAction(strapi, action)) };
        } catch (error) {
          if (!(error instanceof NotPending)) throw error;
          ctx.status = 409;
          ctx.body = { data: null, error: { status: 409, name: 'ConflictError', message: error.message, details: { code: 'not-pending' } } };
        }
      },
    }),
  ],
});
