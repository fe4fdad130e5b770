import crypto from 'crypto';
import type { Core } from '@strapi/strapi';
import { rebuildSearchIndex } from '../search/index-store';
import { SEARCH_TABLE } from '../search/schema';
import { DEFAULT_LOCALE, SUPPORTED_LOCALE_CODES } from '../locales/locales';
import { responseCache } from '../http-cache';
import { sourceFingerprint } from '../translations/fingerprints';
import { queryOf } from '../database/models';

/** Slug prefix of generated projects, so they can be counted and never mixed up with real ones. */
export const SYNTHETIC_PREFIX = 'synthetic-project-';

const PROJECT = 'api::project.project';
const FINGERPRINT = 'api::translation-fingerprint.translation-fingerprint';
const BATCH = 1000;

const documentId = () => crypto.randomBytes(18).toString('base64url').toLowerCase().replace(/[^a-z0-9]/g, '').slice(0, 24).padEnd(24, '0');

const chunks = <T>(items: T[], size: number) => Array.from({ length: Math.ceil(items.length / size) }, (_, index) => items.slice(index * size, (index + 1) * size));

/**
 * Adds published synthetic projects in every locale straight into the tables (rows, relation
 * links, translation fingerprints), for benchmarks at 10,000 projects: the Document Service runs
 * every rule per locale version (about 0.1 s each) and would take over an hour. Table and
 * column names come from Strapi's metadata, so they follow the schema.
 */
export const insertSyntheticProjects = async (strapi: Core.Strapi, count: number) => {
  const knex = strapi.db.connection;
  const meta = strapi.db.metadata.get(PROJECT) as any;
  const column = (attribute: string) => meta.attributes[attribute].columnName ?? attribute;
  const existing = await strapi.db.query(PROJECT).count({ where: { locale: DEFAULT_LOCALE, publishedAt: null, slug: { $startsWith: SYNTHETIC_PREFIX } } });
  if (existing >= count) return 0;

  const versions = async (uid: string) => {
    const rows: Array<{ id: number; documentId: string; locale: string; publishedAt: string | null }> = await queryOf(strapi, uid)
      .findMany({ select: ['id', 'documentId', 'locale', 'publishedAt'] });
    const byKey = new Map(rows.map((row) => [`${row.documentId}:${row.locale}:${row.publishedAt ? 'p' : 'd'}`, row.id]));
    const documentIds = [...new Set(rows.filter((row) => row.locale === DEFAULT_LOCALE).map((row) => row.documentId))];
    return { byKey, documentIds };
  };
  const partnerships = await versions('api::partnership.partnership');
  const themes = await versions('api::theme.theme');
  const now = new Date();

  await strapi.db.transaction(async ({ trx }: any) => {
    const numbers = Array.from({ length: count - existing }, (_, index) => existing + index + 1);
    for (const batch of chunks(numbers, Math.floor(BATCH / (SUPPORTED_LOCALE_CODES.length * 2)))) {
      const documents = batch.map((n) => ({
        n,
        documentId: documentId(),
        partnership: partnerships.documentIds[n % partnerships.documentIds.length],
        themes: [...new Set([themes.documentIds[n % themes.documentIds.length], themes.documentIds[(n * 7) % themes.documentIds.length]])],
      }));
      const rows = documents.flatMap((document) =>
        SUPPORTED_LOCALE_CODES.flatMap((locale) =>
          [null, now].map((publishedAt) => ({
            [column('documentId')]: document.documentId,
            [column('title')]: `Synthetic project ${document.n}${locale === DEFAULT_LOCALE ? '' : ` (${locale})`}`,
            [column('slug')]: `${SYNTHETIC_PREFIX}${document.n}`,
            [column('summary')]: `Generated project ${document.n}${locale === DEFAULT_LOCALE ? '' : ` (${locale})`}.`,
            [column('startYear')]: 1990 + (document.n % 30),
            [column('projectStatus')]: 'ongoing',
            [column('locale')]: locale,
            [column('createdAt')]: now,
            [column('updatedAt')]: now,
            [column('publishedAt')]: publishedAt,
          })),
        ),
      );
      const inserted: Array<Record<string, any>> = await trx(meta.tableName).insert(rows).returning(['id', column('documentId'), column('locale'), column('publishedAt')]);

      const themeLink = meta.attributes.themes.joinTable;
      const partnershipLink = (strapi.db.metadata.get('api::partnership.partnership') as any).attributes.projects.joinTable;
      const themeLinks: Array<Record<string, number>> = [];
      const partnershipLinks: Array<Record<string, number>> = [];
      for (const row of inserted) {
        const document = documents.find((candidate) => candidate.documentId === row[column('documentId')])!;
        const key = (target: string) => `${target}:${row[column('locale')]}:${row[column('publishedAt')] ? 'p' : 'd'}`;
        document.themes.forEach((theme, order) => {
          const themeId = themes.byKey.get(key(theme));
          if (themeId) themeLinks.push({ [themeLink.joinColumn.name]: row.id, [themeLink.inverseJoinColumn.name]: themeId, [themeLink.orderColumnName]: order + 1 });
        });
        const partnershipId = partnerships.byKey.get(key(document.partnership));
        if (partnershipId) {
          partnershipLinks.push({ [partnershipLink.joinColumn.name]: partnershipId, [partnershipLink.inverseJoinColumn.name]: row.id, [partnershipLink.orderColumnName]: row.id });
        }
      }
      if (themeLinks.length) await trx(themeLink.name).insert(themeLinks);
      if (partnershipLinks.length) await trx(partnershipLink.name).insert(partnershipLinks);

      const fingerprintMeta = strapi.db.metadata.get(FINGERPRINT) as any;
      const fingerprintColumn = (attribute: string) => fingerprintMeta.attributes[attribute].columnName ?? attribute;
      const fingerprints = documents.flatMap((document) => {
        const english = { title: `Synthetic project ${document.n}`, summary: `Generated project ${document.n}.` };
        const hash = sourceFingerprint(strapi, PROJECT, english)!;
        return SUPPORTED_LOCALE_CODES.filter((locale) => locale !== DEFAULT_LOCALE).map((locale) => ({
          [fingerprintColumn('documentId')]: documentId(),
          [fingerprintColumn('targetUid')]: PROJECT,
          [fingerprintColumn('targetDocumentId')]: document.documentId,
          [fingerprintColumn('locale')]: locale,
          [fingerprintColumn('sourceFingerprint')]: hash,
          [fingerprintColumn('createdAt')]: now,
          [fingerprintColumn('updatedAt')]: now,
          [fingerprintColumn('publishedAt')]: now,
        }));
      });
      await trx(fingerprintMeta.tableName).insert(fingerprints);
    }
  });
  // Fresh planner statistics, as autovacuum would gather them a little later.
  const linkTables = [meta.attributes.themes.joinTable.name, (strapi.db.metadata.get('api::partnership.partnership') as any).attributes.projects.joinTable.name];
  for (const table of [meta.tableName, ...linkTables, (strapi.db.metadata.get(FINGERPRINT) as any).tableName]) await knex.raw('ANALYZE ??', [table]);
  // Written past the Document Service, so neither the search index nor the cache invalidation saw them.
  await rebuildSearchIndex(strapi);
  if (strapi.db.dialect.client === 'postgres') await knex.raw('ANALYZE ??', [SEARCH_TABLE]);
  responseCache(strapi).clear('synthetic projects inserted');
  return count - existing;
};
