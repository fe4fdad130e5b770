import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { SLUG_SOURCE_FIELD, type ContentTypeUid } from '../domain/content-types';
import { DEFAULT_LOCALE } from '../locales/locales';
import { firstFreeSlug, SLUG_PATTERN, slugify } from '../domain/slug';
import { queryOf } from '../database/models';
import { documentLocale, englishVersion, forCouncilTypes, SAVE_ACTIONS, type DocumentMiddleware } from './kit';

const slugError = (message: string) =>
  new errors.ValidationError(`slug: ${message}`, { errors: [{ path: ['slug'], message: `slug: ${message}`, name: 'ValidationError' }] });

/**
 * One slug per document, the same in every locale, so a page's URL does not change with its
 * language. The English version decides it (generated from its name/title when not given);
 * translations take it from there. `locale-sync` keeps them equal when the English slug changes.
 */
export const slugGeneration = (strapi: Core.Strapi): DocumentMiddleware =>
  forCouncilTypes(SAVE_ACTIONS, async (context, next) => {
    const sourceField = SLUG_SOURCE_FIELD[context.uid as ContentTypeUid];
    if (!sourceField) return next();

    const query = queryOf(strapi, context.uid);
    const { documentId } = context.params;
    const locale = documentLocale(context);
    const data: Record<string, any> = context.params.data ?? {};

    if (locale !== DEFAULT_LOCALE && documentId) {
      const source = await englishVersion(strapi, context.uid, documentId, { select: ['slug'] });
      if (source?.slug) {
        context.params.data = { ...data, slug: source.slug };
        return next();
      }
    }

    const isTaken = async (candidate: string) =>
      (await query.count({
        where: { slug: candidate, locale, ...(documentId ? { documentId: { $ne: documentId } } : {}) },
      })) > 0;

    if (typeof data.slug === 'string' && data.slug.trim() !== '') {
      if (!SLUG_PATTERN.test(data.slug)) throw slugError(`use lower-case letters, digits and single hyphens, such as "${slugify(data.slug) || 'leeds-lille'}" (got ${JSON.stringify(data.slug)})`);
      if (await isTaken(data.slug)) throw slugError(`"${data.slug}" is already used by another ${context.contentType.info?.singularName ?? 'entry'} in ${locale}`);
      return next();
    }

    const current =
      context.action === 'update' && documentId
        ? await query.findOne({ where: { documentId, locale, publishedAt: null }, select: ['slug', sourceField] })
        : null;
    if (data.slug === undefined && current?.slug) return next();

    const name = data[sourceField] ?? current?.[sourceField];
    const base = slugify(typeof name === 'string' ? name : '') || (context.contentType.info?.singularName ?? 'entry');
    context.params.data = { ...data, slug: await firstFreeSlug(base, isTaken) };
    return next();
  });
