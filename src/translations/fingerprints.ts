import type { Core } from '@strapi/strapi';
import { isLocalizedAttribute, translatedAttributes } from '../domain/content-types';
import { fingerprint, translatableText } from './source-text';
import { DEFAULT_LOCALE } from '../locales/locales';
import { attributesOf, modelOf, queryOf } from '../database/models';

const FINGERPRINTS = 'api::translation-fingerprint.translation-fingerprint';

/** Populate for the localized components of a type (their text counts). */
export const textPopulate = (strapi: Core.Strapi, uid: string) =>
  Object.entries(attributesOf(strapi, uid))
    .filter(([, attribute]) => attribute.type === 'component' && isLocalizedAttribute(attribute))
    .map(([name]) => name);

/**
 * The English versions translations are made from, by documentId: the published one, or the
 * draft of a document never published.
 */
export const englishSources = async (strapi: Core.Strapi, uid: string, documentIds?: string[]) => {
  const rows: Array<Record<string, any>> = await queryOf(strapi, uid).findMany({
    where: { locale: DEFAULT_LOCALE, ...(documentIds ? { documentId: { $in: documentIds } } : {}) },
    populate: textPopulate(strapi, uid),
    orderBy: { id: 'asc' },
  });
  const sources = new Map<string, Record<string, any>>();
  for (const row of rows) {
    const known = sources.get(row.documentId);
    if (!known || (row.publishedAt && !known.publishedAt)) sources.set(row.documentId, row);
  }
  return sources;
};

export const sourceFingerprint = (strapi: Core.Strapi, uid: string, source: Record<string, any> | undefined) =>
  source
    ? fingerprint(translatableText(translatedAttributes(uid, attributesOf(strapi, uid)), source, (name) => modelOf(strapi, name)))
    : undefined;

/** Records that `locale` of the document now matches the current English text. */
export const recordTranslation = async (strapi: Core.Strapi, uid: string, documentId: string, locale: string) => {
  const source = (await englishSources(strapi, uid, [documentId])).get(documentId);
  const sourceHash = sourceFingerprint(strapi, uid, source);
  if (!sourceHash) return;
  const query = strapi.db.query(FINGERPRINTS);
  const where = { targetUid: uid, targetDocumentId: documentId, locale };
  const existing = await query.findOne({ where });
  if (existing) {
    if (existing.sourceFingerprint !== sourceHash) await query.update({ where: { id: existing.id }, data: { sourceFingerprint: sourceHash } });
  } else {
    await query.create({ data: { ...where, sourceFingerprint: sourceHash } });
  }
};

/** Stored fingerprints of one type and locale, by documentId. */
export const storedFingerprints = async (strapi: Core.Strapi, uid: string, locale: string) => {
  const rows: Array<{ targetDocumentId: string; sourceFingerprint: string }> = await strapi.db
    .query(FINGERPRINTS)
    .findMany({ where: { targetUid: uid, locale }, select: ['targetDocumentId', 'sourceFingerprint'] });
  return new Map(rows.map((row) => [row.targetDocumentId, row.sourceFingerprint]));
};
