import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { currentActor } from './actor';
import { changedFieldNames } from './changed-fields';
import { AUDIT_LOG_UID, appendAuditEntry, documentLabel, loadVersion, versionAfterWrite } from './entries';
import { scopedAuditAction } from './scope';
import { isCouncilContentType } from '../domain/content-types';
import { DEFAULT_LOCALE } from '../locales/locales';
import { READ_ACTIONS, type DocumentMiddleware } from '../document-middlewares/kit';

/** Which version each action changes, to compare before and after it; none for removals. */
const COMPARED_VERSION: Record<string, 'draft' | 'published' | undefined> = {
  create: 'draft',
  clone: 'draft',
  update: 'draft',
  discardDraft: 'draft',
  publish: 'published',
  unpublish: undefined,
  delete: undefined,
};

/** One locale, or null when the action spans every locale (`*`, a list, or delete without one). */
const singleLocale = (action: string, locale: unknown): string | null => {
  if (typeof locale === 'string' && locale !== '*') return locale;
  if (locale === undefined && action !== 'delete') return DEFAULT_LOCALE;
  return null;
};

/**
 * Records every change to the council's content — from the admin panel, the REST API or code —
 * in the audit log: when, who, what and which fields. Runs inside the write's transaction, so a
 * change whose entry cannot be written fails with it. The log itself is append-only: the
 * Document Service refuses to change it (entries are added by the Query Engine, not through here).
 */
export const auditLog =
  (strapi: Core.Strapi): DocumentMiddleware =>
  async (context, next) => {
    const { uid, action, params } = context;
    if (uid === AUDIT_LOG_UID && !READ_ACTIONS.includes(action)) {
      throw new errors.ForbiddenError('The audit log is append-only: its entries cannot be created, changed or deleted directly');
    }
    if (!isCouncilContentType(uid) || !(action in COMPARED_VERSION)) return next();

    const compared = COMPARED_VERSION[action];
    const locale = singleLocale(action, params.locale);
    const isNewDocument = action === 'create' || action === 'clone';
    const before =
      compared && locale && params.documentId && !isNewDocument ? await loadVersion(strapi, uid, params.documentId, locale, compared === 'published') : null;

    // Read before the change: after a delete there is nothing left to name.
    const labelBefore = params.documentId && !isNewDocument ? await documentLabel(strapi, uid, params.documentId, locale) : null;
    const result = await next();

    const documentId: string | null = (isNewDocument ? result?.documentId : params.documentId) ?? result?.documentId ?? null;
    const after = compared && locale && documentId ? await versionAfterWrite(strapi, context, uid, documentId, locale, compared === 'published') : null;
    const changedFields = compared ? changedFieldNames(context.contentType.attributes, before, after) : [];
    // A save that changed nothing (the Content Manager saves before it publishes) is not a change.
    if (action === 'update' && before && changedFields.length === 0) return result;
    // A translation is created by an update of a locale that had no version yet.
    const recordedAction = scopedAuditAction() ?? (action === 'update' && !before ? 'create' : action);
    await appendAuditEntry(strapi, {
      action: recordedAction,
      targetUid: uid,
      targetDocumentId: documentId,
      targetLabel: (documentId && action !== 'delete' ? await documentLabel(strapi, uid, documentId, locale) : null) ?? labelBefore,
      locale: locale ?? '*',
      changedFields,
      ...currentActor(strapi),
    });
    return result;
  };
