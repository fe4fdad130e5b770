import type { Core } from '@strapi/strapi';
import { isLocalizedAttribute, translatedAttributes } from '../domain/content-types';
import { fingerprint, translatableText } from './source-text';
import { DEFAULT_LOCALE } from '../locales/locales';
import { attributesOf, modelOf, queryOf } from '../database/models';
import { type SourceSnapshot, snapshotOf } from './english-changes';
import { entryTexts } from './xliff-format';

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

/** Per app and type: an export asks for them once per document (5 % of a 10,000-project export's time). */
const sourceAttributesByApp = new WeakMap<Core.Strapi, Map<string, Record<string, any>>>();

/** A type's attributes that translations cover: every one but those derived from others. */
export const sourceAttributes = (strapi: Core.Strapi, uid: string) => {
  let known = sourceAttributesByApp.get(strapi);
  if (!known) sourceAttributesByApp.set(strapi, (known = new Map()));
  let attributes = known.get(uid);
  if (!attributes) known.set(uid, (attributes = translatedAttributes(uid, attributesOf(strapi, uid))));
  return attributes;
};
/** Schemas by uid, for the text functions that walk into components. */
export const modelLookup = (strapi: Core.Strapi) => (name: string) => modelOf(strapi, name) as { attributes: Record<string, any> };

/** The text units of an entry (XLIFF units, and what "what changed in English" compares). */
export const textUnitsOf = (strapi: Core.Strapi, uid: string, entry: Record<string, any> | null | undefined) => entryTexts(sourceAttributes(strapi, uid), entry, modelLookup(strapi));

export const sourceFingerprint = (strapi: Core.Strapi, uid: string, source: Record<string, any> | undefined) =>
  source
    ? fingerprint(translatableText(sourceAttributes(strapi, uid), source, modelLookup(strapi)))
    : undefined;

/** The English text of each unit, kept to show translators what changed since. */
export const sourceSnapshot = (strapi: Core.Strapi, uid: string, source: Record<string, any>) => snapshotOf(textUnitsOf(strapi, uid, source));

/** Records that `locale` of the document now matches the current English text, and keeps that text. */
export const recordTranslation = async (strapi: Core.Strapi, uid: string, documentId: string, locale: string) => {
  const source = (await englishSources(strapi, uid, [documentId])).get(documentId);
  const sourceHash = sourceFingerprint(strapi, uid, source);
  if (!sourceHash) return;
  const query = strapi.db.query(FINGERPRINTS);
  const where = { targetUid: uid, targetDocumentId: documentId, locale };
  const existing = await query.findOne({ where });
  if (existing) {
    // Same words (formatting aside): the text kept stays the one the translator saw.
    if (existing.sourceFingerprint !== sourceHash || !existing.sourceTexts) {
      await query.update({ where: { id: existing.id }, data: { sourceFingerprint: sourceHash, sourceTexts: sourceSnapshot(strapi, uid, source!) } });
    }
  } else {
    await query.create({ data: { ...where, sourceFingerprint: sourceHash, sourceTexts: sourceSnapshot(strapi, uid, source!) } });
  }
};

/** The English text kept with each translation of one type and locale, by documentId (none for rows older than this). */
export const storedSourceTexts = async (strapi: Core.Strapi, uid: string, locale: string, documentIds?: string[]) => {
  const rows: Array<{ targetDocumentId: string; sourceTexts: SourceSnapshot | null }> = await strapi.db.query(FINGERPRINTS).findMany({
    where: { targetUid: uid, locale, ...(documentIds ? { targetDocumentId: { $in: documentIds } } : {}) },
    select: ['targetDocumentId', 'sourceTexts'],
  });
  return new Map(rows.filter((row) => Array.isArray(row.sourceTexts)).map((row) => [row.targetDocumentId, row.sourceTexts as SourceSnapshot]));
};

/** What a translation's fingerprint row holds: the English it was made from (version history keeps it). */
export type TranslationSource = { sourceFingerprint: string; sourceTexts: SourceSnapshot | null };

export const translationSourceOf = async (strapi: Core.Strapi, uid: string, documentId: string, locale: string): Promise<TranslationSource | null> => {
  const row = await strapi.db.query(FINGERPRINTS).findOne({ where: { targetUid: uid, targetDocumentId: documentId, locale }, select: ['sourceFingerprint', 'sourceTexts'] });
  return row ? { sourceFingerprint: row.sourceFingerprint, sourceTexts: row.sourceTexts ?? null } : null;
};

/** Puts back the English a translation was made from (a restored version's), whatever its last save recorded. */
export const restoreTranslationSource = (strapi: Core.Strapi, uid: string, documentId: string, locale: string, source: TranslationSource) =>
  strapi.db.query(FINGERPRINTS).updateMany({ where: { targetUid: uid, targetDocumentId: documentId, locale }, data: source });
