import type { Core } from '@strapi/strapi';

/**
 * What a database holds, counted the same way after a backup and after a restore so the two
 * reports can be compared line by line: every api:: content type (hidden ones included), the
 * media library and the locales.
 */
export type TypeCount = { uid: string; documents: number; drafts: number; published: number; locales: string[] };
export type ContentSummary = { types: TypeCount[]; files: number; fileKilobytes: number; folders: number; locales: string[] };

export const applicationContentTypes = (strapi: Core.Strapi): string[] =>
  Object.keys(strapi.contentTypes)
    .filter((uid) => uid.startsWith('api::'))
    .sort();

// Plain knex counts so that this works on PostgreSQL and on the development SQLite file alike.
const count = async (query: any, column = '*') => Number((await query.count({ n: column }))[0].n);

const countType = async (strapi: Core.Strapi, uid: string): Promise<TypeCount> => {
  const { tableName, attributes } = strapi.db.metadata.get(uid);
  const table = () => strapi.db.connection(tableName);
  const documents = Number((await table().countDistinct({ n: 'document_id' }))[0].n);
  const drafts = await count(table().whereNull('published_at'));
  const published = await count(table().whereNotNull('published_at'));
  const locales = 'locale' in attributes ? (await table().distinct('locale').orderBy('locale')).map((entry: { locale: string | null }) => entry.locale) : [];
  return { uid, documents, drafts, published, locales: locales.filter((locale): locale is string => Boolean(locale)) };
};

export const summariseContent = async (strapi: Core.Strapi): Promise<ContentSummary> => {
  const types = [];
  for (const uid of applicationContentTypes(strapi)) types.push(await countType(strapi, uid));
  const filesTable = () => strapi.db.connection(strapi.db.metadata.get('plugin::upload.file').tableName);
  const files = await count(filesTable());
  const fileKilobytes = Number((await filesTable().sum({ kilobytes: 'size' }))[0].kilobytes ?? 0);
  const folders = await strapi.db.query('plugin::upload.folder').count();
  const locales = (await strapi.db.query('plugin::i18n.locale').findMany({ select: ['code'], orderBy: { code: 'asc' } })).map((locale: { code: string }) => locale.code);
  return { types, files, fileKilobytes, folders, locales };
};

/** Rows a restore would replace: application content and media. Bootstrap's own rows (locales, roles) do not count. */
export const contentRows = (summary: ContentSummary): { what: string; rows: number }[] =>
  [
    ...summary.types.map((type) => ({ what: type.uid, rows: type.drafts + type.published })),
    { what: 'media files', rows: summary.files },
    { what: 'media folders', rows: summary.folders },
  ].filter((entry) => entry.rows > 0);

export const formatSummary = (summary: ContentSummary): string => {
  const width = Math.max(...summary.types.map((type) => type.uid.length), 'media files'.length);
  const lines = summary.types.map(
    (type) =>
      `  ${type.uid.padEnd(width)}  ${type.documents} documents, ${type.drafts} draft and ${type.published} published versions` +
      (type.locales.length ? ` in ${type.locales.length} locales (${type.locales.join(', ')})` : ''),
  );
  lines.push(`  ${'media files'.padEnd(width)}  ${summary.files} (${summary.fileKilobytes.toFixed(1)} KB), ${summary.folders} folders`);
  lines.push(`  ${'locales'.padEnd(width)}  ${summary.locales.join(', ') || 'none'}`);
  return lines.join('\n');
};
