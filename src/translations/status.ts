import type { Core } from '@strapi/strapi';
import { CONTENT_TYPE_UIDS, SLUG_SOURCE_FIELD, type ContentTypeUid } from '../domain/content-types';
import { englishSources, sourceFingerprint, storedFingerprints, storedSourceTexts, textUnitsOf } from './fingerprints';
import { type FieldChange, type SourceSnapshot, fieldChanges } from './english-changes';
import { attributesOf } from '../database/models';
import { MODEL_VIEWS } from '../content-manager/field-help';

export type TranslationState = 'missing' | 'outdated' | 'current';
export type Counts = Record<TranslationState, number> & { total: number };
/** `changes`: with `includeChanges`, per field of an outdated translation, the English then and now (null when not known). */
export type DocumentStatus = { uid: string; documentId: string; label: string; status: TranslationState; updatedAt: string | null; changes?: FieldChange[] | null };

/** The Content Manager's label of a field (`organisations.role`: "Organisations: Role"), or its name. */
const fieldLabel = (strapi: Core.Strapi, uid: string, field: string) => {
  const [name, nested] = field.split('.');
  const own = MODEL_VIEWS[uid]?.fields[name]?.label ?? name;
  if (!nested) return own;
  const component = attributesOf(strapi, uid)[name]?.component as string | undefined;
  return `${own}: ${(component && MODEL_VIEWS[component]?.fields[nested]?.label) ?? nested}`;
};

const emptyCounts = (): Counts => ({ total: 0, current: 0, outdated: 0, missing: 0 });

/**
 * For every document of the given types and one non-default locale: `missing` (no version in
 * that locale), `outdated` (the English text changed since the translation was last saved) or
 * `current`. Exact, from fingerprints of the English text, not guessed from timestamps.
 */
export const translationStatus = async (
  strapi: Core.Strapi,
  locale: string,
  uids: readonly ContentTypeUid[] = CONTENT_TYPE_UIDS,
  { includeChanges = false }: { includeChanges?: boolean } = {},
) => {
  const documents: DocumentStatus[] = [];
  const byType: Record<string, Counts> = {};
  for (const uid of uids) {
    const [sources, stored, snapshots, translated] = await Promise.all([
      englishSources(strapi, uid),
      storedFingerprints(strapi, uid, locale),
      includeChanges ? storedSourceTexts(strapi, uid, locale) : new Map<string, SourceSnapshot>(),
      strapi.db.query(uid).findMany({ where: { locale, publishedAt: null }, select: ['documentId', 'updatedAt'] }),
    ]);
    const translatedAt = new Map(translated.map((row: { documentId: string; updatedAt: string }) => [row.documentId, row.updatedAt]));
    const labelField = SLUG_SOURCE_FIELD[uid] ?? 'title';
    const counts = (byType[uid] = emptyCounts());
    for (const [documentId, source] of sources) {
      const status: TranslationState = !translatedAt.has(documentId)
        ? 'missing'
        : stored.get(documentId) === sourceFingerprint(strapi, uid, source)
          ? 'current'
          : 'outdated';
      counts[status] += 1;
      counts.total += 1;
      const entry: DocumentStatus = { uid, documentId, label: String(source[labelField] ?? documentId), status, updatedAt: translatedAt.get(documentId) ?? null };
      if (includeChanges && status === 'outdated') {
        const snapshot = snapshots.get(documentId);
        entry.changes = snapshot ? fieldChanges(snapshot, textUnitsOf(strapi, uid, source)).map((change) => ({ ...change, label: fieldLabel(strapi, uid, change.field) })) : null;
      }
      documents.push(entry);
    }
  }
  const totals = Object.values(byType).reduce(
    (sum, counts) => ({ total: sum.total + counts.total, current: sum.current + counts.current, outdated: sum.outdated + counts.outdated, missing: sum.missing + counts.missing }),
    emptyCounts(),
  );
  return { locale, counts: totals, byType, documents };
};
