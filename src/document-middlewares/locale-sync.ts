import type { Core } from '@strapi/strapi';
import { CONTENT_TYPE_UIDS, isCouncilContentType } from '../domain/content-types';
import { DEFAULT_LOCALE } from '../locales/locales';
import { documentLocale, englishVersion, forCouncilTypes, PUBLISHED_AT, SAVE_ACTIONS, type DocumentMiddleware, type State } from './kit';
import { attributesOf, queryOf } from '../database/models';

/**
 * Strapi 5 stores slugs and relations per locale, so a translation would otherwise drift from
 * the English source (different city, missing themes, another URL). Every locale version takes
 * the slug and the relations of the English version in the same status. The i18n plugin already
 * does this for non-localized scalar fields.
 */
const SYNCED_ACTIONS = ['create', 'update', 'publish', 'unpublish', 'discardDraft'];

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
const englishLinks = async (strapi: Core.Strapi, uid: string, documentId: string, state: State) => {
  const relations = ownedRelations(attributesOf(strapi, uid));
  const source = await englishVersion(strapi, uid, documentId, { state, populate: Object.fromEntries(relations.map((name) => [name, { select: ['documentId'] }])) });
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
  const rows: Array<{ id: number; documentId: string }> = await queryOf(strapi, uid)
    .findMany({ where: { documentId: { $in: documentIds }, locale, publishedAt }, select: ['id', 'documentId'] });
  return documentIds.flatMap((documentId) => rows.filter((row) => row.documentId === documentId));
};

/** Relation data in the shape its attribute takes: one value for x-to-one, a list otherwise. */
const relationValue = (attribute: RelationAttribute, values: unknown[]) => (attribute.relation.endsWith('ToOne') ? (values[0] ?? null) : values);

/** Row ids of a populated relation value, in order. */
const linkedIds = (value: unknown) => ([value].flat().filter(Boolean) as Array<{ id: number }>).map((row) => row.id);

/** Whether a copy already has the slug and links it would be given. */
const alreadyMirrored = (copy: Record<string, any>, data: Record<string, unknown>) =>
  Object.entries(data).every(([name, value]) => (name === 'slug' ? copy.slug === value : JSON.stringify(linkedIds(copy[name])) === JSON.stringify([value].flat().filter((id) => id !== null))));

export const mirrorDefaultLocale = async (strapi: Core.Strapi, uid: string, documentId: string) => {
  const attributes = attributesOf(strapi, uid);
  const relations = ownedRelations(attributes);
  if (relations.length === 0 && !('slug' in attributes)) return;
  for (const state of ['draft', 'published'] as const) {
    const publishedAt = PUBLISHED_AT[state];
    const english = await englishLinks(strapi, uid, documentId, state);
    if (!english) continue;
    const copies: Array<Record<string, any>> = await queryOf(strapi, uid).findMany({
      where: { documentId, locale: { $ne: DEFAULT_LOCALE }, publishedAt },
      select: ['id', 'locale', ...('slug' in attributes ? ['slug'] : [])],
      populate: Object.fromEntries(relations.map((name) => [name, { select: ['id'] }])),
    });
    for (const copy of copies) {
      const data: Record<string, unknown> = 'slug' in attributes ? { slug: english.slug } : {};
      for (const [name, targets] of english.links) {
        const attribute = attributes[name] as RelationAttribute;
        data[name] = relationValue(attribute, (await versionsIn(strapi, attribute.target, targets, copy.locale, publishedAt)).map((row) => row.id));
      }
      // A write that changes nothing would still move the copy's updatedAt, and the Content Manager
      // (and the one-step publish) would take a published version for newer than its draft.
      if (alreadyMirrored(copy, data)) continue;
      await queryOf(strapi, uid).update({ where: { id: copy.id }, data });
    }
  }
};

/**
 * The English draft's relations as Document Service data for a write in another locale. Set
 * before the write so that a translation created and published in one call (REST PUT without
 * ?status=draft) already has its required city.
 */
const englishRelationsFor = async (strapi: Core.Strapi, uid: string, documentId: string, locale: string) => {
  const english = await englishLinks(strapi, uid, documentId, 'draft');
  if (!english) return {};
  const attributes = attributesOf(strapi, uid);
  const data: Record<string, unknown> = {};
  for (const [name, targets] of english.links) {
    const attribute = attributes[name] as RelationAttribute;
    data[name] = relationValue(attribute, (await versionsIn(strapi, attribute.target, targets, locale, PUBLISHED_AT.draft)).map((row) => row.documentId));
  }
  return data;
};

/**
 * Mirrors the written document and, when asked (a locale version of it appeared or went away, so
 * links to it may now resolve differently), every document whose owned relations point at it.
 */
export const syncDocumentLocales = async (strapi: Core.Strapi, uid: string, documentId: string, { referencing = true } = {}) => {
  await mirrorDefaultLocale(strapi, uid, documentId);
  if (!referencing) return;
  for (const { uid: sourceUid, attribute } of relationsPointingAt(strapi, uid)) {
    const rows = await queryOf(strapi, sourceUid).findMany({ where: { [attribute]: { documentId } }, select: ['documentId'] });
    for (const referencingDocumentId of new Set(rows.map((row: { documentId: string }) => row.documentId))) {
      await mirrorDefaultLocale(strapi, sourceUid, referencingDocumentId);
    }
  }
};

/** Whether the document has a draft in the locale: a save without one creates a new version. */
const hasDraftIn = async (strapi: Core.Strapi, uid: string, documentId: string | undefined, locale: string) =>
  documentId !== undefined && (await queryOf(strapi, uid).count({ where: { documentId, locale, publishedAt: null } })) > 0;

export const localeSync = (strapi: Core.Strapi): DocumentMiddleware =>
  forCouncilTypes(SYNCED_ACTIONS, async (context, next) => {
    const { documentId: targetDocumentId } = context.params;
    const locale = documentLocale(context);
    if (context.action === 'update' && targetDocumentId && locale !== DEFAULT_LOCALE) {
      context.params.data = { ...context.params.data, ...(await englishRelationsFor(strapi, context.uid, targetDocumentId, locale)) };
    }
    // Saving an existing version changes no other document's links; re-linking every document that
    // points at this one (a theme: dozens of partnerships and projects in five locales) made each
    // save of a translation, and so an XLIFF import, take seconds.
    const newVersion = SAVE_ACTIONS.includes(context.action) && !(await hasDraftIn(strapi, context.uid, targetDocumentId, locale));
    const result = await next();
    const documentId: string | undefined = targetDocumentId ?? result?.documentId;
    if (documentId) await syncDocumentLocales(strapi, context.uid, documentId, { referencing: newVersion || !SAVE_ACTIONS.includes(context.action) });
    return result;
  });
