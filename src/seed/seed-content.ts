import path from 'path';
import type { Core } from '@strapi/strapi';
import { CONTENT_TYPE_UIDS } from '../domain/content-types';
import { DEFAULT_LOCALE, SUPPORTED_LOCALE_CODES } from '../locales/locales';
import { documentData, loadSeedData, type SeedData, seedDataProblems, SEED_TYPES, type SeedFolder } from './seed-data';

export type SeedReport = { created: number; skipped: number };

export const seedDirectory = (strapi: Core.Strapi) => path.join(strapi.dirs.app.root, 'database', 'seed');

/**
 * Writes the seed content, published, in every locale. Only what is missing is created: a
 * document is found by its English slug, a translation by its locale, and what editors changed
 * is never overwritten, so running it again writes nothing.
 */
export const seedContent = async (strapi: Core.Strapi, data: SeedData = loadSeedData(seedDirectory(strapi))): Promise<SeedReport> => {
  const problems = seedDataProblems(data);
  if (problems.length > 0) throw new Error(`The seed files disagree:\n${problems.join('\n')}`);

  const report: SeedReport = { created: 0, skipped: 0 };
  const documentIds = new Map<string, string>();
  const documentIdOf = (folder: SeedFolder, key: string) => {
    const documentId = documentIds.get(`${folder}:${key}`);
    if (!documentId) throw new Error(`seed: ${folder} "${key}" has not been written yet`);
    return documentId;
  };

  for (const type of SEED_TYPES) {
    const query = strapi.db.query(type.uid);
    const documents = strapi.documents(type.uid as any);
    for (const entry of data[type.folder]) {
      const where = 'single' in type ? { locale: DEFAULT_LOCALE } : { locale: DEFAULT_LOCALE, slug: entry.key };
      let documentId: string | undefined = (await query.findOne({ where, select: ['documentId'] }))?.documentId;
      if (!documentId) {
        const created = await documents.create({
          locale: DEFAULT_LOCALE,
          status: 'published',
          data: documentData(type, entry, DEFAULT_LOCALE, documentIdOf) as any,
        });
        documentId = created.documentId as string;
        report.created += 1;
      } else {
        report.skipped += 1;
      }
      documentIds.set(`${type.folder}:${entry.key}`, documentId);

      for (const locale of SUPPORTED_LOCALE_CODES.filter((code) => code !== DEFAULT_LOCALE)) {
        if ((await query.count({ where: { documentId, locale } })) > 0) {
          report.skipped += 1;
          continue;
        }
        await documents.update({
          documentId,
          locale,
          status: 'published',
          data: documentData(type, entry, locale, documentIdOf) as any,
        });
        report.created += 1;
      }
    }
  }
  return report;
};

/** True when none of the council's types has a single row: a new database. */
export const isContentEmpty = async (strapi: Core.Strapi) => {
  for (const uid of CONTENT_TYPE_UIDS) {
    if ((await strapi.db.query(uid).count()) > 0) return false;
  }
  return true;
};
