import type { Core } from '@strapi/strapi';
import { DEFAULT_LOCALE, SUPPORTED_LOCALE_CODES } from '../domain/locales';

/** Slug prefix of generated projects, so they can be counted and never mixed up with real ones. */
export const SYNTHETIC_PREFIX = 'synthetic-project-';

/**
 * Adds published projects, in every locale, linked round-robin to the seeded partnerships and
 * themes, until `count` synthetic projects exist: load for benchmarks at realistic sizes.
 */
export const ensureSyntheticProjects = async (strapi: Core.Strapi, count: number) => {
  const query = strapi.db.query('api::project.project');
  const existing = await query.count({ where: { locale: DEFAULT_LOCALE, publishedAt: null, slug: { $startsWith: SYNTHETIC_PREFIX } } });
  const partnerships = await strapi.db.query('api::partnership.partnership').findMany({ where: { locale: DEFAULT_LOCALE, publishedAt: null }, select: ['documentId'] });
  const themes = await strapi.db.query('api::theme.theme').findMany({ where: { locale: DEFAULT_LOCALE, publishedAt: null }, select: ['documentId'] });
  if (partnerships.length === 0 || themes.length === 0) throw new Error('seed the database first: synthetic projects link to partnerships and themes');
  const documents = strapi.documents('api::project.project');
  for (let n = existing + 1; n <= count; n += 1) {
    const created = await documents.create({
      locale: DEFAULT_LOCALE,
      status: 'published',
      data: {
        title: `Synthetic project ${n}`,
        slug: `${SYNTHETIC_PREFIX}${n}`,
        summary: `Generated project ${n} for load tests.`,
        startYear: 1990 + (n % 30),
        projectStatus: 'ongoing',
        partnerships: [partnerships[n % partnerships.length].documentId],
        themes: [...new Set([themes[n % themes.length].documentId, themes[(n * 7) % themes.length].documentId])],
      } as any,
    });
    for (const locale of SUPPORTED_LOCALE_CODES.filter((code) => code !== DEFAULT_LOCALE)) {
      await documents.update({
        documentId: created.documentId,
        locale,
        status: 'published',
        data: { title: `Synthetic project ${n} (${locale})`, summary: `Generated project ${n} (${locale}).` } as any,
      });
    }
  }
  return Math.max(0, count - existing);
};
