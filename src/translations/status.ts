import type { Core } from '@strapi/strapi';
import { CONTENT_TYPE_UIDS, type ContentTypeUid } from '../domain/content-types';
import { englishSources, storedSourceTexts, textUnitsOf } from './fingerprints';
import { translationRows, translationState } from './source-fingerprints';
import { type FieldChange, fieldChanges } from './english-changes';
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
 * `current`. Exact, from fingerprints of the English text, not guessed from timestamps; read in
 * one query per type (src/translations/source-fingerprints.ts).
 */
export const translationStatus = async (
  strapi: Core.Strapi,
  locale: string,
  uids: readonly ContentTypeUid[] = CONTENT_TYPE_UIDS,
  { includeChanges = false }: { includeChanges?: boolean } = {},
) => {
  const documents: DocumentStatus[] = [];
  const byType: Record<string, Counts> = {};
  // One query per type, all at once (each waits on PostgreSQL, not on the others).
  const rowsByType = await Promise.all(uids.map((uid) => translationRows(strapi, uid, locale)));
  for (const [index, uid] of uids.entries()) {
    const rows = rowsByType[index];
    const counts = (byType[uid] = emptyCounts());
    const outdated: string[] = [];
    for (const row of rows) {
      const status: TranslationState = translationState(row);
      counts[status] += 1;
      counts.total += 1;
      if (status === 'outdated') outdated.push(row.documentId);
      documents.push({ uid, documentId: row.documentId, label: row.label, status, updatedAt: row.translatedAt });
    }
    // What changed in English: the texts then and now, read for the outdated documents only.
    if (includeChanges && outdated.length > 0) {
      const [sources, snapshots] = await Promise.all([englishSources(strapi, uid, outdated), storedSourceTexts(strapi, uid, locale, outdated)]);
      for (const entry of documents) {
        if (entry.uid !== uid || entry.status !== 'outdated') continue;
        const snapshot = snapshots.get(entry.documentId);
        entry.changes = snapshot ? fieldChanges(snapshot, textUnitsOf(strapi, uid, sources.get(entry.documentId))).map((change) => ({ ...change, label: fieldLabel(strapi, uid, change.field) })) : null;
      }
    }
  }
  const totals = Object.values(byType).reduce(
    (sum, counts) => ({ total: sum.total + counts.total, current: sum.current + counts.current, outdated: sum.outdated + counts.outdated, missing: sum.missing + counts.missing }),
    emptyCounts(),
  );
  return { locale, counts: totals, byType, documents };
};
