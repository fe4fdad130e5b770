import type { Core } from '@strapi/strapi';
import { CONTENT_TYPE_UIDS, isCouncilContentType } from '../domain/content-types';
import { DEFAULT_LOCALE } from '../locales/locales';
import type { DocumentMiddleware } from './kit';

/**
 * Strapi 5 stores slugs and relations per locale, so a translation would otherwise drift from
 * the English source (different city, missing themes, another URL). Every locale version takes
 * the slug and the relations of the English version in the same status. The i18n plugin already
 * does this for non-localized scalar fields.
 */
const SYNCED_ACTIONS = ['create', 'update', 'publish', 'unpublish', 'discardDraft'];
const PUBLISHED_AT = { draft: null, published: { $notNull: true } } as const;

type RelationAttribute = { type: 'relation'; relation: string; target: string; mappedBy?: string };

/**
 * Relations this type owns (its side writes the join table), to council types. Attributes that
 * are not writable, such as i18n's virtual `localizations`, are not content.
 */
export const ownedRelations = (attributes: Record<string, any>): string[] =>
  Object.entries(attributes)
    .filter(
      ([, attribute]) =>
        attribute.type === 'relation' && !attribute.mappedBy && attribute.writable !== false && isCouncilContentType(attribute.target),
    )
    .map(([name]) => name);

/** Every (type, attribute) whose owned relation points at `targetUid`. */
const relationsPointingAt = (strapi: Core.Strapi, targetUid: string) =>
  CONTENT_TYPE_UIDS.flatMap((uid) => {
    const attributes = strapi.getModel(uid).attributes as Record<string, any>;
    return ownedRelations(attributes)
      .filter((name) => (attributes[name] as RelationAttribute).target === targetUid)
      .map((attribute) => ({ uid, attribute }));
  });

/** The English version's slug and, per owned relation, the documentIds it links, in order. */
const englishLinks = async (strapi: Core.Strapi, uid: string, documentId: string, publishedAt: unknown) => {
  const relations = ownedRelations(strapi.getModel(uid as any).attributes as Record<string, any>);
  const source = await strapi.db.query(uid as any).findOne({
    where: { documentId, locale: DEFAULT_LOCALE, publishedAt },
    populate: Object.fromEntries(relations.map((name) => [name, { select: ['documentId'] }])),
  });
  if (!source) return undefined;
  const links = relations.map((name) => [name, ([source[name]].flat().filter(Boolean) as Array<{ documentId: string }>).map((target) => target.documentId)] as const);
  return { slug: source.slug as string | undefined, links };
};

/**
 * The versions of the given documents in one locale and status, in the given order. Documents
 * without a version there are left out rather than refused: the link appears once it exists.
 */
const versionsIn = async (strapi: Core.Strapi, uid: string, documentIds: string[], locale: string, publishedAt: unknown) => {
  if (documentIds.length === 0) return [];
  const rows: Array<{ id: number; documentId: string }> = await strapi.db
    .query(uid as any)
    .findMany({ where: { documentId: { $in: documentIds }, locale, publishedAt }, select: ['id', 'documentId'] });
  return documentIds.flatMap((documentId) => rows.filter((row) => row.documentId === documentId));
};

/** Relation data in the shape its attribute takes: one value for x-to-one, a list otherwise. */
const relationValue = (attribute: RelationAttribute, values: unknown[]) => (attribute.relation.endsWith('ToOne') ? (values[0] ?? null) : values);

export const mirrorDefaultLocale = async (strapi: Core.Strapi, uid: string, documentId: string) => {
  const attributes = strapi.getModel(uid as any).attributes as Record<string, any>;
  if (ownedRelations(attributes).length === 0 && !('slug' in attributes)) return;
  for (const publishedAt of Object.values(PUBLISHED_AT)) {
    const english = await englishLinks(strapi, uid, documentId, publishedAt);
    if (!english) continue;
    const copies: Array<{ id: number; locale: string }> = await strapi.db
      .query(uid as any)
      .findMany({ where: { documentId, locale: { $ne: DEFAULT_LOCALE }, publishedAt }, select: ['id', 'locale'] });
    for (const copy of copies) {
      const data: Record<string, unknown> = 'slug' in attributes ? { slug: english.slug } : {};
      for (const [name, targets] of english.links) {
        const attribute = attributes[name] as RelationAttribute;
        data[name] = relationValue(attribute, (await versionsIn(strapi, attribute.target, targets, copy.locale, publishedAt)).map((row) => row.id));
      }
      await strapi.db.query(uid as any).update({ where: { id: copy.id }, data });
    }
  }
};

/**
 * The English draft's relations as Document Service data for a write in another locale. Set
 * before the write so that a translation created and published in one call (REST PUT without
 * ?status=draft) already has its required city.
 */
const englishRelationsFor = async (strapi: Core.Strapi, uid: string, documentId: string, locale: string) => {
  const english = await englishLinks(strapi, uid, documentId, PUBLISHED_AT.draft);
  if (!english) return {};
  const attributes = strapi.getModel(uid as any).attributes as Record<string, any>;
  const data: Record<string, unknown> = {};
  for (const [name, targets] of english.links) {
    const attribute = attributes[name] as RelationAttribute;
    data[name] = relationValue(attribute, (await versionsIn(strapi, attribute.target, targets, locale, PUBLISHED_AT.draft)).map((row) => row.documentId));
  }
  return data;
};

/**
 * Mirrors the written document and, since a new locale version of it may now be a valid target,
 * every document whose owned relations point at it.
 */
export const syncDocumentLocales = async (strapi: Core.Strapi, uid: string, documentId: string) => {
  await mirrorDefaultLocale(strapi, uid, documentId);
  for (const { uid: sourceUid, attribute } of relationsPointingAt(strapi, uid)) {
    const referencing = await strapi.db.query(sourceUid).findMany({ where: { [attribute]: { documentId } }, select: ['documentId'] });
    for (const referencingDocumentId of new Set(referencing.map((row: { documentId: string }) => row.documentId))) {
      await mirrorDefaultLocale(strapi, sourceUid, referencingDocumentId);
    }
  }
};

export const localeSync =
  (strapi: Core.Strapi): DocumentMiddleware =>
  async (context, next) => {
    if (!isCouncilContentType(context.uid) || !SYNCED_ACTIONS.includes(context.action)) return next();
    const { documentId: targetDocumentId, locale } = context.params;
    if (context.action === 'update' && targetDocumentId && locale && locale !== DEFAULT_LOCALE) {
      context.params.data = { ...context.params.data, ...(await englishRelationsFor(strapi, context.uid, targetDocumentId, locale)) };
    }
    const result = await next();
    const documentId: string | undefined = context.params.documentId ?? result?.documentId;
    if (documentId) await syncDocumentLocales(strapi, context.uid, documentId);
    return result;
  };
