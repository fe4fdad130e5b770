import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { withAuditAction } from '../audit/scope';
import { queryOf } from '../database/models';
import { isLocalizedAttribute } from '../domain/content-types';
import { restoreTranslationSource, sourceAttributes } from '../translations/fingerprints';
import { DEFAULT_LOCALE } from '../locales/locales';
import type { VersionData } from './snapshot';
import type { VersionRecord } from './versions';

/** Kept by the rules that make them, never restored: the slug follows the English name. */
const NOT_RESTORED = ['slug'];

/**
 * What a restore writes: for the English version every field a save may set (shared fields and
 * relations included); for a translation only its own localized text, as shared fields and
 * relations follow the English version anyway (and translators may write nothing else).
 */
export const restorableData = (strapi: Core.Strapi, version: Pick<VersionRecord, 'targetUid' | 'locale' | 'data'>): VersionData => {
  const attributes = sourceAttributes(strapi, version.targetUid);
  return Object.fromEntries(
    Object.entries(version.data).filter(([name]) => {
      const attribute = attributes[name];
      // The other side of a relation (a city's partnerships) belongs to the documents that own it.
      if (!attribute || NOT_RESTORED.includes(name) || attribute.mappedBy) return false;
      if (version.locale === DEFAULT_LOCALE) return true;
      return isLocalizedAttribute(attribute) && attribute.type !== 'relation';
    }),
  );
};

/**
 * Writes a version back as the draft of its locale (never straight to published), through the
 * Document Service, so every rule holds and the audit log records a `restore`. A translation's
 * fingerprint goes back to the English it was made from: restoring old French text does not mark
 * it current against today's English.
 */
export const restoreVersion = async (strapi: Core.Strapi, version: VersionRecord) => {
  const { targetUid: uid, targetDocumentId: documentId, locale } = version;
  const exists = await queryOf(strapi, uid).count({ where: { documentId, locale: DEFAULT_LOCALE } });
  if (!exists) throw new errors.NotFoundError(`The document ${documentId} no longer exists`);
  return withAuditAction('restore', () =>
    strapi.db.transaction(async () => {
      const result = await strapi.documents(uid as any).update({ documentId, locale, data: restorableData(strapi, version) as any });
      if (locale !== DEFAULT_LOCALE && version.sourceFingerprint) {
        await restoreTranslationSource(strapi, uid, documentId, locale, version.sourceFingerprint);
      }
      return result;
    }),
  );
};
