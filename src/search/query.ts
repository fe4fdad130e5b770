import type { Core } from '@strapi/strapi';
import { documentsOf } from '../database/models';
import { SLUG_SOURCE_FIELD } from '../domain/content-types';
import { SEARCHABLE_TYPES, searchFields, typeOfUid, type SearchableType } from './documents';
import { SEARCH_TABLE, isPostgres } from './schema';
import { escapeHtml, localSnippet, markedWords, MATCH_END, MATCH_START, SEARCH_CONFIGURATION, searchableQuery, snippetAround, wordMatches } from './text';

/**
 * Search over the published content of one locale (and, with `fallbackLocale`, of documents not
 * yet in it): language-aware full-text matching (stems, unaccented), names also by similarity
 * (typos), ranked titles over summaries over bodies, with an HTML snippet of the match.
 */
export type SearchRequest = { q: string; locale: string; types: SearchableType[]; fallbackLocale?: string; page: number; pageSize: number };
export type SearchHit = { type: SearchableType; uid: string; documentId: string; slug: string | null; locale: string; title: string; snippet: string };

/** Names within this word similarity of the query match even when misspelt. */
const NAME_SIMILARITY = 0.45;
const SNIPPET_OPTIONS = `StartSel=${MATCH_START}, StopSel=${MATCH_END}, MaxWords=28, MinWords=12, MaxFragments=2, FragmentDelimiter=" … "`;
const LOCALLY_MATCHED = new Set(['cs', 'zh-Hans']);

const branch = (locale: string, q: string) => ({ locale, configuration: SEARCH_CONFIGURATION[locale] ?? 'pcms_simple', prepared: searchableQuery(locale, q) });

export const searchContent = async (strapi: Core.Strapi, request: SearchRequest): Promise<{ hits: SearchHit[]; total: number }> =>
  isPostgres(strapi) ? searchPostgres(strapi, request) : searchByContains(strapi, request);

const searchPostgres = async (strapi: Core.Strapi, { q, locale, types, fallbackLocale, page, pageSize }: SearchRequest) => {
  const uids = types.map((type) => SEARCHABLE_TYPES[type]);
  const branches = [branch(locale, q), ...(fallbackLocale ? [branch(fallbackLocale, q)] : [])];
  // One select per locale searched; the fallback only for documents without a version in `locale`.
  // Rank: text relevance by weight (title A > summary B > body C), bounded to [0, 1), plus the
  // trigram similarity of the whole title to the query, so "Lille" puts Lille before Leeds–Lille.
  // Matching uses the two GIN indexes (tsvector @@, trigram <%); the headline, the costly part,
  // is computed for the page's rows only.
  const selects = branches.map(
    (searched, index) => `
      select s.uid, s.document_id, s.locale, s.slug, s.title, s.summary, s.body, ?::text as configuration, query,
        ts_rank_cd('{0.2, 0.4, 0.7, 1.0}', s.vector, query, 32) + similarity(lower(unaccent(?)), s.title_key) as rank
      from ${SEARCH_TABLE} s, websearch_to_tsquery(?::regconfig, ?) query
      where s.locale = ? and s.uid = any(?)
        and (s.vector @@ query or lower(unaccent(?)) <% s.title_key)
        ${index === 0 ? '' : `and not exists (select 1 from ${SEARCH_TABLE} t where t.uid = s.uid and t.document_id = s.document_id and t.locale = ?)`}`,
  );
  const bindings = branches.flatMap((searched, index) => [searched.configuration, q, searched.configuration, searched.prepared, searched.locale, uids, q, ...(index === 0 ? [] : [locale])]);
  // Czech and Chinese snippets are made here (localSnippet): no headline for them.
  const rows = await withNameThreshold(strapi, `
    select page.*, case when page.locale = any(?) then null
      else ts_headline(page.configuration::regconfig, left(page.summary || ' ' || page.body, 3000), page.query, ?) end as headline
    from (select *, count(*) over () as total from (${selects.join(' union all ')}) hits order by rank desc, title asc limit ? offset ?) page
    order by page.rank desc, page.title asc`,
    [[...LOCALLY_MATCHED], SNIPPET_OPTIONS, ...bindings, pageSize, (page - 1) * pageSize],
  );
  return {
    total: rows.length > 0 ? Number(rows[0].total) : await countOnly(strapi, selects, bindings, page),
    hits: rows.map((row) => ({
      type: typeOfUid(row.uid)!,
      uid: row.uid,
      documentId: row.document_id,
      slug: row.slug,
      locale: row.locale,
      title: row.title,
      snippet: snippetOf(row, q),
    })),
  };
};

/**
 * The hit's snippet from its summary and body. For English, French and German, PostgreSQL's
 * headline says which words its stemming matched; the snippet marks them in the text as stored.
 */
const snippetOf = (row: Record<string, any>, q: string) => {
  const text = `${row.summary} ${row.body}`.trim();
  if (LOCALLY_MATCHED.has(row.locale)) return localSnippet(row.locale, text, q);
  return snippetAround(text, wordMatches(text, markedWords(row.headline ?? '')));
};

/** The total for a page past the last one (the windowed count came back with no row). */
const countOnly = async (strapi: Core.Strapi, selects: string[], bindings: unknown[], page: number) => {
  if (page === 1) return 0;
  const [counted] = await withNameThreshold(strapi, `select count(*) as total from (${selects.join(' union all ')}) hits`, bindings);
  return Number(counted.total);
};

/** Runs a search statement with the name-similarity threshold its `<%` matching uses (SET LOCAL: a transaction of its own). */
const withNameThreshold = (strapi: Core.Strapi, sql: string, bindings: unknown[]): Promise<Array<Record<string, any>>> =>
  strapi.db.connection.transaction(async (trx: any) => {
    await trx.raw(`set local pg_trgm.word_similarity_threshold = ${NAME_SIMILARITY}`);
    return (await trx.raw(sql, bindings)).rows;
  });

/**
 * On SQLite (development only, when asked for) there is no full-text search: a case-insensitive
 * match of the title or summary, unranked. Good enough to try the API; not what production does.
 */
const searchByContains = async (strapi: Core.Strapi, { q, locale, types, page, pageSize }: SearchRequest) => {
  const hits: SearchHit[] = [];
  for (const type of types) {
    const uid = SEARCHABLE_TYPES[type];
    const titleField = SLUG_SOURCE_FIELD[uid]!;
    const summaryField = type === 'theme' ? 'description' : 'summary';
    const found = await documentsOf(strapi, uid).findMany({ locale, status: 'published', filters: { $or: [{ [titleField]: { $containsi: q } }, { [summaryField]: { $containsi: q } }] } as any });
    for (const row of found as Array<Record<string, any>>) {
      const { title, summary } = searchFields(type, row);
      hits.push({ type, uid, documentId: row.documentId, slug: row.slug ?? null, locale: row.locale, title, snippet: escapeHtml(summary.slice(0, 200)) });
    }
  }
  return { total: hits.length, hits: hits.slice((page - 1) * pageSize, page * pageSize) };
};
