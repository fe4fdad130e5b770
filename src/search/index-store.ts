import type { Core } from '@strapi/strapi';
import { queryOf } from '../database/models';
import { SEARCHABLE_TYPES, searchFields, typeOfUid, type SearchableType } from './documents';
import { SEARCH_TABLE, isPostgres } from './schema';
import { indexableText, SEARCH_CONFIGURATION } from './text';

/**
 * Writing the index. `reindexDocument` runs inside the write's transaction (the Document Service
 * middleware), so the index never disagrees with what is published; `rebuildSearchIndex` after a
 * restore and on a database that has content but no index yet.
 */
type Row = Record<string, any>;

/** Rows per INSERT: a rebuild of 50,000 versions is 250 statements, not 50,000. */
const BATCH = 200;

const insertRows = async (trx: any, uid: string, type: SearchableType, rows: Row[]) => {
  for (let start = 0; start < rows.length; start += BATCH) {
    const batch = rows.slice(start, start + BATCH);
    const bindings = batch.flatMap((row) => {
      const { title, summary, body } = searchFields(type, row);
      const locale = row.locale as string;
      const configuration = SEARCH_CONFIGURATION[locale] ?? 'pcms_simple';
      return [uid, row.documentId, locale, row.slug ?? null, title, summary, body, title, configuration, indexableText(locale, title), configuration, indexableText(locale, summary), configuration, indexableText(locale, body)];
    });
    const values = batch.map(
      () => `(?, ?, ?, ?, ?, ?, ?, lower(unaccent(?)), setweight(to_tsvector(?::regconfig, ?), 'A') || setweight(to_tsvector(?::regconfig, ?), 'B') || setweight(to_tsvector(?::regconfig, ?), 'C'))`,
    );
    await trx.raw(
      `insert into ${SEARCH_TABLE} (uid, document_id, locale, slug, title, summary, body, title_key, vector) values ${values.join(', ')} on conflict (uid, document_id, locale) do nothing`,
      bindings,
    );
  }
};

const publishedRows = (strapi: Core.Strapi, uid: string, where: Row = {}) => queryOf(strapi, uid).findMany({ where: { ...where, publishedAt: { $notNull: true } } });

/** Puts the published versions of one document in the index, in the transaction under way. */
export const reindexDocument = async (strapi: Core.Strapi, uid: string, documentId: string) => {
  const type = typeOfUid(uid);
  if (!type || !isPostgres(strapi)) return;
  await strapi.db.transaction(async ({ trx }) => {
    await trx.raw(`delete from ${SEARCH_TABLE} where uid = ? and document_id = ?`, [uid, documentId]);
    await insertRows(trx, uid, type, await publishedRows(strapi, uid, { documentId }));
  });
};

/** Rebuilds the whole index from the published content, in one transaction. */
export const rebuildSearchIndex = async (strapi: Core.Strapi) => {
  if (!isPostgres(strapi)) return 0;
  return strapi.db.transaction(async ({ trx }) => {
    await trx.raw(`delete from ${SEARCH_TABLE}`);
    let count = 0;
    for (const [type, uid] of Object.entries(SEARCHABLE_TYPES) as Array<[SearchableType, string]>) {
      const rows = await publishedRows(strapi, uid);
      await insertRows(trx, uid, type, rows);
      count += rows.length;
    }
    return count;
  });
};

/** At start: an index for a database that has published content but none indexed (an upgrade). */
export const indexIfMissing = async (strapi: Core.Strapi) => {
  if (!isPostgres(strapi)) return;
  const indexed = await strapi.db.connection(SEARCH_TABLE).count({ count: '*' }).first();
  if (Number(indexed?.count ?? 0) > 0) return;
  const count = await rebuildSearchIndex(strapi);
  if (count > 0) strapi.log.info(`Search index built: ${count} published versions`);
};
