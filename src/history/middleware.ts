import type { Core } from '@strapi/strapi';
import { currentActor } from '../audit/actor';
import { versionAfterWrite } from '../audit/entries';
import { scopedAuditAction } from '../audit/scope';
import { attributesOf } from '../database/models';
import { translationSourceOf } from '../translations/fingerprints';
import { documentLocale, forCouncilTypes, type DocumentMiddleware } from '../document-middlewares/kit';
import { DEFAULT_LOCALE } from '../locales/locales';
import { historyConfig } from './retention';
import { sameVersion, versionData } from './snapshot';
import { latestVersion, recordVersion } from './versions';

/** The state each recorded action leaves, which the version keeps. */
const RECORDED: Record<string, 'draft' | 'published'> = { create: 'draft', update: 'draft', discardDraft: 'draft', publish: 'published' };

/**
 * Keeps a version of a locale version each time it changes: its fields and relations, who, when
 * and the action (create, update, publish, discardDraft, or the larger operation it belongs to:
 * XLIFF import, restore…). A translation's version also keeps the fingerprint of the English it
 * was made from, so that restoring it restores its translation status. Inside the write's
 * transaction; a save that changed nothing since the last version keeps none. With
 * HISTORY_ENABLED=false it keeps no version at all and passes every write straight through.
 */
export const versionHistory = (strapi: Core.Strapi): DocumentMiddleware =>
  forCouncilTypes(Object.keys(RECORDED), async (context, next) => {
    if (!historyConfig(strapi).enabled) return next();
    const locale = documentLocale(context);
    const result = await next();
    const documentId: string | undefined = context.params.documentId ?? result?.documentId;
    if (!documentId || locale === '*') return result;
    const row = await versionAfterWrite(strapi, context, context.uid, documentId, locale, RECORDED[context.action] === 'published');
    if (!row) return result;
    const data = versionData(attributesOf(strapi, context.uid), row);
    const previous = await latestVersion(strapi, context.uid, documentId, locale);
    if (context.action === 'update' && previous && sameVersion(previous.data, data)) return result;
    const translationSource = locale === DEFAULT_LOCALE ? null : await translationSourceOf(strapi, context.uid, documentId, locale);
    await recordVersion(strapi, {
      targetUid: context.uid,
      targetDocumentId: documentId,
      locale,
      action: scopedAuditAction() ?? (context.action === 'update' && !previous ? 'create' : context.action),
      data,
      sourceFingerprint: translationSource,
      ...currentActor(strapi),
    });
    return result;
  });
