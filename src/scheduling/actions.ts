import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { currentActor, type AuditActor } from '../audit/actor';
import { documentLabel } from '../audit/entries';
import { queryOf } from '../database/models';
import type { ContentTypeUid } from '../domain/content-types';
import { inTrialTransaction } from '../database/trial';
import { DEFAULT_LOCALE } from '../locales/locales';
import { formatLondon, InvalidTime, parseScheduleTime } from './london-time';

export const SCHEDULED_ACTIONS_UID = 'api::scheduled-action.scheduled-action';
export const SCHEDULED_ACTIONS_TABLE = 'scheduled_actions';

/** Every locale of the document at once. */
export const ALL_LOCALES = '*';
export const SCHEDULED_ACTION_KINDS = ['publish', 'unpublish'] as const;
export const SCHEDULED_ACTION_STATES = ['pending', 'done', 'failed', 'cancelled'] as const;
export type ScheduledActionKind = (typeof SCHEDULED_ACTION_KINDS)[number];

export type ScheduledAction = {
  id: number;
  targetUid: string;
  targetDocumentId: string;
  targetLabel: string | null;
  locale: string;
  action: ScheduledActionKind;
  scheduledAt: string | Date;
  state: (typeof SCHEDULED_ACTION_STATES)[number];
  ranAt: string | Date | null;
  lateBySeconds: number | null;
  failure: string | null;
  ranBy: string | null;
} & AuditActor;

const iso = (value: string | Date | null) => (value ? new Date(value).toISOString() : null);

/** One action as the API answers it: UTC instants, and the due time as staff read it (UK time). */
export const scheduledActionResponse = (action: ScheduledAction) => ({
  id: action.id,
  uid: action.targetUid,
  documentId: action.targetDocumentId,
  label: action.targetLabel,
  locale: action.locale,
  action: action.action,
  at: iso(action.scheduledAt),
  atUkTime: formatLondon(new Date(action.scheduledAt)),
  state: action.state,
  ranAt: iso(action.ranAt),
  lateBySeconds: action.lateBySeconds,
  failure: action.failure,
  ranBy: action.ranBy,
  scheduledBy: { type: action.actorType, id: action.actorId, name: action.actorName, email: action.actorEmail },
});

/**
 * Publishes or unpublishes the action's target through the Document Service, so every rule of a
 * publish holds (validation, shared fields, fingerprints, audit, cache invalidation, webhooks).
 * All locales: English first, since a translation cannot be published before it; unpublished
 * the other way round.
 */
export const performScheduledAction = async (strapi: Core.Strapi, action: Pick<ScheduledAction, 'targetUid' | 'targetDocumentId' | 'locale' | 'action'>) => {
  // Every council type has draft and publish; the generic Document Service type does not say so.
  const documents = strapi.documents(action.targetUid as any);
  const documentId = action.targetDocumentId;
  const perform = (locale: string) => (action.action === 'publish' ? documents.publish({ documentId, locale }) : documents.unpublish({ documentId, locale }));
  const rows: Array<{ locale: string }> = await queryOf(strapi, action.targetUid).findMany({
    where: action.locale === ALL_LOCALES ? { documentId, publishedAt: null } : { documentId, locale: action.locale, publishedAt: null },
    select: ['locale'],
  });
  if (rows.length === 0) throw new errors.NotFoundError(`The document no longer exists${action.locale === ALL_LOCALES ? '' : ` in ${action.locale}`}`);
  if (action.locale !== ALL_LOCALES) return perform(action.locale);
  const locales = rows.map((row) => row.locale).sort((a, b) => Number(b === DEFAULT_LOCALE) - Number(a === DEFAULT_LOCALE) || a.localeCompare(b));
  for (const locale of action.action === 'publish' ? locales : locales.reverse()) {
    await perform(locale);
  }
  return null;
};

export type ScheduleRequest = { uid: ContentTypeUid; documentId: string; locale: string; action: ScheduledActionKind; at: string };

/**
 * Schedules `{ uid, documentId, locale, action, at }` (checked and authorized by its route) for the
 * signed-in admin. `at` is ISO 8601, with an offset or in UK time without one, and in the future.
 * A publish that would be refused now (validation, English not yet published) is refused now,
 * with the reason, rather than failing at its time: it is tried in a transaction that is rolled back.
 */
export const scheduleAction = async (strapi: Core.Strapi, { uid, documentId, locale, action, at }: ScheduleRequest, now = new Date()) => {
  let scheduledAt: Date;
  try {
    scheduledAt = parseScheduleTime(at);
  } catch (error) {
    if (error instanceof InvalidTime) throw new errors.ValidationError(`at: ${error.message}`, { code: 'invalid-field', field: 'at' });
    throw error;
  }
  if (scheduledAt.getTime() <= now.getTime()) throw new errors.ValidationError(`at: ${formatLondon(scheduledAt)} has passed; choose a time in the future`, { code: 'time-passed', field: 'at' });

  const where = locale === ALL_LOCALES ? { documentId } : { documentId, locale };
  if ((await queryOf(strapi, uid).count({ where })) === 0) {
    throw new errors.NotFoundError(`No ${locale === ALL_LOCALES ? '' : `${locale} `}version of document ${documentId} to ${action}`);
  }
  if (action === 'publish') {
    await inTrialTransaction(strapi, () =>
      performScheduledAction(strapi, { targetUid: uid, targetDocumentId: documentId, locale, action }).catch((error) => {
        if (!(error instanceof errors.ApplicationError)) throw error;
        throw new errors.ValidationError(`Publishing would fail: ${error.message}`, { code: 'would-fail', reason: error.message });
      }),
    );
  }
  const created: ScheduledAction = await queryOf(strapi, SCHEDULED_ACTIONS_UID).create({
    data: {
      targetUid: uid,
      targetDocumentId: documentId,
      targetLabel: await documentLabel(strapi, uid, documentId, locale === ALL_LOCALES ? DEFAULT_LOCALE : locale),
      locale,
      action,
      scheduledAt,
      state: 'pending',
      ...currentActor(strapi),
    },
  });
  return created;
};

export class NotPending extends Error {}

export const findScheduledAction = (strapi: Core.Strapi, id: number): Promise<ScheduledAction | null> => queryOf(strapi, SCHEDULED_ACTIONS_UID).findOne({ where: { id } });

/** Cancels a pending action; one that already ran, or is running, or was cancelled, cannot be. */
export const cancelScheduledAction = async (strapi: Core.Strapi, action: ScheduledAction) => {
  const { id } = action;
  const query = queryOf(strapi, SCHEDULED_ACTIONS_UID);
  // Conditional on still pending: the runner may claim it at this very moment.
  const { count } = await query.updateMany({ where: { id, state: 'pending' }, data: { state: 'cancelled' } });
  if (count === 0) throw new NotPending(`The scheduled action ${id} is ${action.state === 'pending' ? 'running' : action.state}: it can no longer be cancelled`);
  return { ...action, state: 'cancelled' as const };
};

export type ScheduledActionFilter = { state?: string; uid?: string; documentId?: string; locale?: string };

/** Per type, the locales (and `*`) whose actions a caller may see. */
export type ReadableScope = Array<{ uid: string; locales: string[] }>;

/** Pending actions soonest first, the others most recent first, within what the caller may read. */
export const listScheduledActions = async (strapi: Core.Strapi, filter: ScheduledActionFilter, readable: ReadableScope, page: number, pageSize: number) => {
  const filters = Object.fromEntries(
    Object.entries({ state: filter.state, targetUid: filter.uid, targetDocumentId: filter.documentId, locale: filter.locale }).filter(([, value]) => value !== undefined),
  );
  const where = { $and: [filters, { $or: readable.map(({ uid, locales }) => ({ targetUid: uid, locale: { $in: locales } })) }] };
  const query = queryOf(strapi, SCHEDULED_ACTIONS_UID);
  const orderBy = filter.state === 'pending' ? [{ scheduledAt: 'asc' }, { id: 'asc' }] : [{ scheduledAt: 'desc' }, { id: 'desc' }];
  const [actions, total] = await Promise.all([query.findMany({ where, orderBy, offset: (page - 1) * pageSize, limit: pageSize }), query.count({ where })]);
  return { actions: actions as ScheduledAction[], pagination: { page, pageSize, pageCount: Math.ceil(total / pageSize), total } };
};
