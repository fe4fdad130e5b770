import type { Core } from '@strapi/strapi';
import { SLUG_SOURCE_FIELD, type ContentTypeUid } from '../domain/content-types';
import { DEFAULT_LOCALE } from '../locales/locales';
import { englishSources, sourceFingerprint } from './fingerprints';
import { responseCache } from '../http-cache';
import { changeTags, listTag } from '../http-cache/tags';
import { afterCommit } from '../database/after-commit';
import { typeName } from '../http-cache/models';
import { DocumentRowsMemo, staleDocuments } from './rows-memo';

/**
 * The fingerprint of each document's current English text, kept with the version of the English
 * row it was computed from (`<row id>:<updatedAt>`: a publish makes a new row, a save moves
 * updatedAt). A cache, not content: rows whose version no longer matches are recomputed when
 * read, so it needs no hook on any write path, and a restored database just recomputes it.
 * Translation status and the XLIFF export then read every document's state in one query instead
 * of loading and fingerprinting every English text (983 ms → tens of ms at 10,000 projects), and
 * keep those rows, reloading only the documents a change names (`translationRows`).
 */
export const SOURCE_FINGERPRINTS_TABLE = 'pcms_source_fingerprints';

const TRANSLATION_FINGERPRINTS = 'api::translation-fingerprint.translation-fingerprint';
/** Rows recomputed per batch: bounds the memory of a first read after a bulk import. */
const BATCH = 500;
/** Rows recomputed at once from which the table's planner statistics are refreshed. */
const ANALYZE_AFTER = 1000;

export const ensureSourceFingerprintTable = async (strapi: Core.Strapi) => {
  const knex = strapi.db.connection;
  if (await knex.schema.hasTable(SOURCE_FINGERPRINTS_TABLE)) return;
  await knex.schema
    .createTable(SOURCE_FINGERPRINTS_TABLE, (table) => {
      table.string('uid', 255).notNullable();
      table.string('document_id', 255).notNullable();
      table.string('source_version', 255).notNullable();
      table.string('fingerprint', 255).notNullable();
      table.primary(['uid', 'document_id']);
    })
    // Several instances starting at once: the one that lost the race finds the table there.
    .catch(async (error: unknown) => {
      if (!(await knex.schema.hasTable(SOURCE_FINGERPRINTS_TABLE))) throw error;
    });
};

/** One document's translation facts in one locale, as one query reads them. */
export type TranslationRow = {
  documentId: string;
  label: string;
  /** The row id of the English draft (the order documents are listed in) and of the English source. */
  draftId: number;
  sourceId: number;
  /** Whether the English is published: only published English is exported for translation. */
  published: boolean;
  /** `<source row id>:<updatedAt>`: changes with every save or publish of the English. */
  sourceVersion: string;
  /** When the locale's draft was last saved; null: no version in that locale. */
  translatedAt: string | null;
  /** `<row id>:<updatedAt>` of the locale's draft (null: none): changes with every save of it, a discarded draft's too. */
  translationVersion: string | null;
  /** Whether the translation's fingerprint row keeps the English it was made from (what changed is shown from it). */
  sourceTextsKept: boolean;
  /** The English fingerprint the translation was last saved against. */
  storedFingerprint: string | null;
  /** The fingerprint of the English text now (null: it has no text to translate). */
  sourceFingerprint: string | null;
};

/** `missing` (no version in the locale), `current` (saved against today's English) or `outdated`. */
export const translationState = (row: TranslationRow) =>
  row.translatedAt === null ? 'missing' : row.storedFingerprint === row.sourceFingerprint ? 'current' : 'outdated';

const columnOf = (strapi: Core.Strapi, uid: string, attribute: string): string =>
  (strapi.db.metadata.get(uid).attributes as Record<string, { columnName?: string }>)[attribute]?.columnName ?? attribute;

const versionOf = (id: number, updatedAt: unknown) => `${id}:${new Date(updatedAt as string).getTime()}`;

/** Refreshes in progress, per type: after a bulk import, concurrent requests would each fingerprint the same thousands of texts. */
const refreshing = new Map<string, Promise<unknown>>();

/**
 * Every document of a type (its English draft: every document has one) with its label, the
 * locale's draft, the stored translation fingerprint and the current English fingerprint, in one
 * query (`documentIds`: only those documents); English texts whose cached fingerprint is out of
 * date are recomputed and stored (by one request at a time per type: the others wait for it, then
 * read again).
 */
const loadTranslationRows = async (strapi: Core.Strapi, uid: ContentTypeUid, locale: string, documentIds?: string[], { waited = false } = {}): Promise<Map<string, TranslationRow>> => {
  const knex = strapi.db.connection;
  const table = strapi.db.metadata.get(uid).tableName;
  const fingerprints = strapi.db.metadata.get(TRANSLATION_FINGERPRINTS).tableName;
  const column = (attribute: string) => columnOf(strapi, uid, attribute);
  const [documentId, localeColumn, publishedAt, updatedAt] = ['documentId', 'locale', 'publishedAt', 'updatedAt'].map(column);
  const label = column(SLUG_SOURCE_FIELD[uid] ?? 'title');
  const stored = (attribute: string) => `f.${columnOf(strapi, TRANSLATION_FINGERPRINTS, attribute)}`;

  const query = knex(`${table} as d`)
    .leftJoin(`${table} as p`, (join) => {
      join.on(`p.${documentId}`, `d.${documentId}`).andOn(`p.${localeColumn}`, knex.raw('?', [DEFAULT_LOCALE])).andOnNotNull(`p.${publishedAt}`);
    })
    .leftJoin(`${table} as t`, (join) => {
      join.on(`t.${documentId}`, `d.${documentId}`).andOn(`t.${localeColumn}`, knex.raw('?', [locale])).andOnNull(`t.${publishedAt}`);
    })
    .leftJoin(`${SOURCE_FINGERPRINTS_TABLE} as c`, (join) => {
      join.on('c.uid', knex.raw('?', [uid])).andOn('c.document_id', `d.${documentId}`);
    })
    .leftJoin(`${fingerprints} as f`, (join) => {
      join
        .on(stored('targetUid'), knex.raw('?', [uid]))
        .andOn(stored('targetDocumentId'), `d.${documentId}`)
        .andOn(stored('locale'), knex.raw('?', [locale]));
    })
    .where(`d.${localeColumn}`, DEFAULT_LOCALE)
    .whereNull(`d.${publishedAt}`)
    .orderBy('d.id')
    // The source is the published English version, or the draft of a document never published.
    .select({
      documentId: `d.${documentId}`,
      draftId: 'd.id',
      label: knex.raw(`coalesce(p.??, d.??)`, [label, label]),
      sourceId: knex.raw('coalesce(p.id, d.id)'),
      published: knex.raw('p.id is not null'),
      sourceUpdatedAt: knex.raw(`coalesce(p.??, d.??)`, [updatedAt, updatedAt]),
      translatedAt: `t.${updatedAt}`,
      translationId: 't.id',
      sourceTextsKept: knex.raw('?? is not null', [stored('sourceTexts')]),
      cachedVersion: 'c.source_version',
      cachedFingerprint: 'c.fingerprint',
      storedFingerprint: stored('sourceFingerprint'),
    });
  if (documentIds) query.whereIn(`d.${documentId}`, documentIds);
  const rows: Array<Record<string, any>> = await query;

  // A duplicated fingerprint row (two saves racing) would repeat a document: the last one counts, as before.
  const byDocument = new Map<string, Record<string, any>>();
  for (const row of rows) byDocument.set(row.documentId, { ...row, sourceVersion: versionOf(row.sourceId, row.sourceUpdatedAt) });
  const stale = [...byDocument.values()].filter((row) => row.cachedVersion !== row.sourceVersion);
  const running = refreshing.get(uid);
  if (stale.length > 0 && running && !waited) {
    await running.catch(() => undefined);
    return loadTranslationRows(strapi, uid, locale, documentIds, { waited: true });
  }
  let fresh = new Map<string, string>();
  if (stale.length > 0) {
    const refresh = refreshFingerprints(strapi, uid, stale.map((row) => row.documentId));
    refreshing.set(uid, refresh);
    try {
      fresh = await refresh;
    } finally {
      if (refreshing.get(uid) === refresh) refreshing.delete(uid);
    }
  }

  const result = new Map<string, TranslationRow>();
  for (const row of byDocument.values()) {
    result.set(row.documentId, {
      documentId: row.documentId,
      label: String(row.label ?? row.documentId),
      draftId: Number(row.draftId),
      sourceId: Number(row.sourceId),
      published: Boolean(row.published),
      sourceVersion: row.sourceVersion,
      translatedAt: row.translatedAt ? new Date(row.translatedAt).toISOString() : null,
      translationVersion: row.translationId === null ? null : versionOf(row.translationId, row.translatedAt),
      sourceTextsKept: Boolean(row.sourceTextsKept),
      storedFingerprint: row.storedFingerprint ?? null,
      sourceFingerprint: fresh.get(row.documentId) ?? row.cachedFingerprint ?? null,
    });
  }
  return result;
};

/** Per app, per type and locale: the rows kept up to date by the changes the app is told of, with the type's list tag. */
const memos = new WeakMap<Core.Strapi, Map<string, { memo: DocumentRowsMemo<TranslationRow>; typeTag: string }>>();

/**
 * The memo of one type and locale. Every change to a document reaches every instance as a cache
 * invalidation (after COMMIT, here at once, elsewhere over LISTEN/NOTIFY: src/http-cache), which
 * marks that document's rows stale; a read reloads only those. A status read after one save costs
 * a query for one document instead of the type's every document (at 10,000 projects, ~150 ms of
 * joins per locale).
 */
const memoOf = (strapi: Core.Strapi, uid: ContentTypeUid, locale: string) => {
  let byKey = memos.get(strapi);
  if (!byKey) {
    const created = (byKey = new Map());
    memos.set(strapi, created);
    responseCache(strapi).onInvalidate((invalidation) => {
      for (const { memo, typeTag } of created.values()) {
        const stale = staleDocuments(invalidation, typeTag);
        if (stale) memo.invalidate(stale);
      }
    });
  }
  const key = `${uid}|${locale}`;
  let entry = byKey.get(key);
  if (!entry) {
    entry = { memo: new DocumentRowsMemo((documentIds) => loadTranslationRows(strapi, uid, locale, documentIds), (a, b) => a.draftId - b.draftId), typeTag: listTag(typeName(strapi, uid)) };
    byKey.set(key, entry);
  }
  return entry.memo;
};

/**
 * Every document of a type with its translation facts in `locale`, in the order of their English
 * drafts. Read inside a transaction, the rows are loaded afresh: that transaction's own changes are
 * not committed, so no invalidation has told the memo of them (and they may yet roll back). The
 * rows returned are shared: read them, do not change them.
 */
export const translationRows = async (strapi: Core.Strapi, uid: ContentTypeUid, locale: string): Promise<readonly TranslationRow[]> =>
  strapi.db.inTransaction() ? [...(await loadTranslationRows(strapi, uid, locale)).values()] : memoOf(strapi, uid, locale).read();

/**
 * Tells every instance that the translation facts of a document changed outside a document write
 * (marking a translation current writes only its fingerprint): as a write would, after COMMIT.
 */
export const announceTranslationChange = (strapi: Core.Strapi, uid: ContentTypeUid, documentId: string) =>
  afterCommit(strapi, 'translation change', () => responseCache(strapi).invalidate(changeTags(typeName(strapi, uid), documentId), `translation of ${uid} changed`));

/** Fingerprints the current English text of the given documents and stores them with their versions. */
const refreshFingerprints = async (strapi: Core.Strapi, uid: string, documentIds: string[]) => {
  const fresh = new Map<string, string>();
  for (let start = 0; start < documentIds.length; start += BATCH) {
    const sources = await englishSources(strapi, uid, documentIds.slice(start, start + BATCH));
    const rows = [...sources].flatMap(([documentId, source]) => {
      const fingerprint = sourceFingerprint(strapi, uid, source);
      if (!fingerprint) return [];
      fresh.set(documentId, fingerprint);
      return [{ uid, document_id: documentId, source_version: versionOf(source.id, source.updatedAt), fingerprint }];
    });
    if (rows.length > 0) await strapi.db.connection(SOURCE_FINGERPRINTS_TABLE).insert(rows).onConflict(['uid', 'document_id']).merge();
  }
  // After a bulk import the table grew from nothing: without fresh statistics PostgreSQL's planner
  // takes it for empty and joins it row by row (2.4 s instead of 0.1 s at 10,000 projects).
  if (documentIds.length >= ANALYZE_AFTER && strapi.db.dialect.client === 'postgres') await strapi.db.connection.raw(`analyze ${SOURCE_FINGERPRINTS_TABLE}`);
  return fresh;
};
