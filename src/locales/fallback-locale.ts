import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { isCouncilContentType } from '../domain/content-types';
import { DEFAULT_LOCALE, unknownLocaleCodes, unknownLocaleMessage } from './locales';
import { knownLocaleCodes } from './known-locales';
import { documentLocale, forCouncilTypes, READ_ACTIONS, type DocumentContext, type DocumentMiddleware } from '../document-middlewares/kit';
import { queryOf } from '../database/models';


/** Lets strictParams accept `fallbackLocale` on every REST find and findOne. */
export const declareFallbackLocaleParam = (strapi: Core.Strapi) => {
  strapi.contentAPI.addQueryParams({ fallbackLocale: { schema: (z: any) => z.string().optional() } } as any);
};

const publishedAtFor = (status: unknown) => (status === 'published' ? { $notNull: true } : null);

/** Names of populated relations to council types, with their nested options. */
const populatedRelations = (attributes: Record<string, any>, populate: unknown): Array<[string, Record<string, any>]> => {
  const relationNames = Object.keys(attributes).filter((name) => attributes[name].type === 'relation' && isCouncilContentType(attributes[name].target));
  if (populate === '*' || populate === true) return relationNames.map((name) => [name, {}]);
  if (typeof populate === 'string') return populate.split(',').map((name) => name.trim().split('.')[0]).filter((name) => relationNames.includes(name)).map((name) => [name, {}]);
  if (Array.isArray(populate)) return populate.flatMap((entry) => populatedRelations(attributes, entry));
  if (populate && typeof populate === 'object') {
    return Object.entries(populate as Record<string, unknown>)
      .filter(([name]) => relationNames.includes(name))
      .map(([name, options]) => [name, options && typeof options === 'object' ? (options as Record<string, any>) : {}]);
  }
  return [];
};

/**
 * `fallbackLocale`: a document with no version in `locale` is served in `fallbackLocale`, in one
 * query, so filters, sort, pagination and counts stay exact; each entry's `locale` says which
 * version it is. Populated relations fall back the same way: every locale links what English
 * links (locale-sync), so the English links are looked up in `locale`, then `fallbackLocale`.
 */
export const fallbackLocale = (strapi: Core.Strapi): DocumentMiddleware =>
  forCouncilTypes(READ_ACTIONS, async (context, next) => {
    if (context.params?.fallbackLocale === undefined) return next();
    const { fallbackLocale: fallback, ...params } = context.params;
    const known = await knownLocaleCodes(strapi);
    const unknown = unknownLocaleCodes(fallback, known);
    if (unknown.length > 0 || fallback === '*') throw new errors.ValidationError(`fallbackLocale: ${unknownLocaleMessage(unknown.length ? unknown : ['*'], known)}`);
    context.params = params;
    const locale = documentLocale(context);
    if (fallback === locale) return next();

    if (context.action === 'findOne' || context.action === 'findFirst') {
      const found = (await next()) ?? (await (strapi.documents(context.uid as any) as any)[context.action]({ ...params, locale: fallback }));
      if (found) await fallBackRelations(strapi, context, [found], locale, fallback);
      return found;
    }

    const inLocale: Array<{ documentId: string }> = await queryOf(strapi, context.uid)
      .findMany({ where: { locale, publishedAt: publishedAtFor(params.status) }, select: ['documentId'] });
    const missingInLocale = inLocale.length > 0 ? [{ locale: fallback }, { documentId: { $notIn: inLocale.map((row) => row.documentId) } }] : [{ locale: fallback }];
    context.params = {
      ...params,
      locale: '*',
      filters: { $and: [...(params.filters ? [params.filters] : []), { $or: [{ locale }, { $and: missingInLocale }] }] },
    };
    const result = await next();
    if (context.action === 'findMany' && Array.isArray(result)) await fallBackRelations(strapi, context, result, locale, fallback);
    return result;
  });

const fallBackRelations = async (strapi: Core.Strapi, context: DocumentContext, entries: Array<Record<string, any>>, locale: string, fallback: string) => {
  const attributes = context.contentType.attributes;
  const relations = populatedRelations(attributes, context.params.populate);
  if (relations.length === 0 || entries.length === 0) return;
  const sources: Array<Record<string, any>> = await queryOf(strapi, context.uid).findMany({
    where: { documentId: { $in: entries.map((entry) => entry.documentId) }, locale: DEFAULT_LOCALE, publishedAt: publishedAtFor(context.params.status) },
    populate: Object.fromEntries(relations.map(([name]) => [name, { select: ['documentId'] }])),
  });
  for (const [name, options] of relations) {
    const attribute = attributes[name];
    const linksOf = (documentId: string) =>
      [sources.find((source) => source.documentId === documentId)?.[name]].flat().filter(Boolean).map((target: { documentId: string }) => target.documentId);
    const wanted = [...new Set(entries.flatMap((entry) => linksOf(entry.documentId)))];
    const targets: Array<Record<string, any>> = wanted.length
      ? await strapi.documents(attribute.target).findMany({
          ...(options.fields ? { fields: options.fields } : {}),
          ...(options.populate ? { populate: options.populate } : {}),
          status: context.params.status,
          locale,
          fallbackLocale: fallback,
          filters: { documentId: { $in: wanted } },
          limit: wanted.length,
        } as any)
      : [];
    const byId = new Map(targets.map((target) => [target.documentId, target]));
    for (const entry of entries) {
      const linked = linksOf(entry.documentId).flatMap((documentId) => (byId.has(documentId) ? [byId.get(documentId)] : []));
      entry[name] = attribute.relation.endsWith('ToOne') ? (linked[0] ?? null) : linked;
    }
  }
};
