import type { Core } from '@strapi/strapi';
import { CONTENT_TYPE_UIDS, SLUG_SOURCE_FIELD, type ContentTypeUid } from '../domain/content-types';
import { englishSources, sourceFingerprint, storedFingerprints } from './fingerprints';

export type TranslationState = 'missing' | 'outdated' | 'current';
export type Counts = Record<TranslationState, number> & { total: number };
export type DocumentStatus = { uid: string; documentId: string; label: string; status: TranslationState; updatedAt: string | null };

const emptyCounts = (): Counts => ({ total: 0, current: 0, outdated: 0, missing: 0 });

/**
 * For every document of the given types and one non-default locale: `missing` (no version in
 * that locale), `outdated` (the English text changed since the translation was last saved) or
 * `current`. Exact, from fingerprints of the English text, not guessed from timestamps.
 */
export const translationStatus = async (strapi: Core.Strapi, locale: string, uids: readonly ContentTypeUid[] = CONTENT_TYPE_UIDS) => {
  const documents: DocumentStatus[] = [];
  const byType: Record<string, Counts> = {};
  for (const uid of uids) {
    const [sources, stored, translated] = await Promise.all([
      englishSources(strapi, uid),
      storedFingerprints(strapi, uid, locale),
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
      documents.push({ uid, documentId, label: String(source[labelField] ?? documentId), status, updatedAt: translatedAt.get(documentId) ?? null });
    }
  }
  const totals = Object.values(byType).reduce(
    (sum, counts) => ({ total: sum.total + counts.total, current: sum.current + counts.current, outdated: sum.outdated + counts.outdated, missing: sum.missing + counts.missing }),
    emptyCounts(),
  );
  return { locale, counts: totals, byType, documents };
};
