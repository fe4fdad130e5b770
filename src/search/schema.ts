import type { Core } from '@strapi/strapi';

/**
 * The search index: one row per published version (type, document, locale) in `pcms_search`,
 * with a weighted tsvector (GIN) and the unaccented title for typo-tolerant name matching
 * (pg_trgm, GIN). Only a stock PostgreSQL's contrib extensions (unaccent, pg_trgm: both trusted,
 * so allowed on managed services) and text search configurations built from its own dictionaries.
 * Created at start, idempotently, under an advisory lock (several instances start at once).
 */
export const SEARCH_TABLE = 'pcms_search';

const LANGUAGE_CONFIGURATIONS: Array<[name: string, copy: string, dictionaries: string]> = [
  ['pcms_en', 'english', 'unaccent, english_stem'],
  ['pcms_fr', 'french', 'unaccent, french_stem'],
  ['pcms_de', 'german', 'unaccent, german_stem'],
  // Czech and Chinese are prepared in the app (src/search/text.ts); PostgreSQL only unaccents.
  ['pcms_simple', 'simple', 'unaccent, simple'],
];

export const isPostgres = (strapi: Core.Strapi) => strapi.db.dialect.client === 'postgres';

export const ensureSearchSchema = async (strapi: Core.Strapi) => {
  if (!isPostgres(strapi)) return;
  await strapi.db.connection.transaction(async (trx) => {
    await trx.raw('select pg_advisory_xact_lock(hashtext(?))', ['pcms_search_schema']);
    await trx.raw('create extension if not exists unaccent');
    await trx.raw('create extension if not exists pg_trgm');
    for (const [name, copy, dictionaries] of LANGUAGE_CONFIGURATIONS) {
      const exists = await trx.raw('select 1 from pg_ts_config where cfgname = ?', [name]);
      if (exists.rows.length > 0) continue;
      await trx.raw(`create text search configuration ${name} (copy = ${copy})`);
      await trx.raw(`alter text search configuration ${name} alter mapping for hword, hword_part, word with ${dictionaries}`);
    }
    await trx.raw(`
      create table if not exists ${SEARCH_TABLE} (
        uid text not null,
        document_id text not null,
        locale text not null,
        slug text,
        title text not null,
        summary text not null,
        body text not null,
        title_key text not null,
        vector tsvector not null,
        primary key (uid, document_id, locale)
      )`);
    await trx.raw(`create index if not exists ${SEARCH_TABLE}_vector on ${SEARCH_TABLE} using gin (vector)`);
    await trx.raw(`create index if not exists ${SEARCH_TABLE}_title_key on ${SEARCH_TABLE} using gin (title_key gin_trgm_ops)`);
  });
};
