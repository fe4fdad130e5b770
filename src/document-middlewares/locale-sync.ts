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
 * The versions of the given documents in the given locales and one status, by locale, each in the
 * given order: one query for every locale. Documents without a version there are left out rather
 * than refused: the link appears once it exists.
 */
const versionsIn = async (strapi: Core.Strapi, uid: string, documentIds: string[], locales: string[], publishedAt: unknown) => {
  const byLocale = new Map<string, Array<{ id: number; documentId: string }>>(locales.map((locale) => [locale, []]));
  if (documentIds.length === 0 || locales.length === 0) return byLocale;
  const rows: Array<{ id: number; documentId: string; locale: string }> = await queryOf(strapi, uid).findMany({
    where: { documentId: { $in: documentIds }, locale: locales.length === 1 ? locales[0] : { $in: locales }, publishedAt },
    select: ['id', 'documentId', 'locale'],
  });
  for (const locale of locales) byLocale.set(locale, documentIds.flatMap((documentId) => rows.filter((row) => row.documentId === documentId && row.locale === locale)));
  return byLocale;
};

/** Relation data in the shape its attribute takes: one value for x-to-one, a list otherwise. */
const relationValue = (attribute: RelationAttribute, values: unknown[]) => (attribute.relation.endsWith('ToOne') ? (values[0] ?? null) : values);

/** Row ids of a populated relation value, in order. */
const linkedIds = (value: unknown) => ([value].flat().filter(Boolean) as Array<{ id: number }>).map((row) => row.id);

/** Whether a copy already has the slug and links it would be given. */
const alreadyMirrored = (copy: Record<string, any>, data: Record<string, unknown>) =>
  Object.entries(data).every(([name, value]) => (name === 'slug' ? copy.slug === value : JSON.stringify(linkedIds(copy[name])) === JSON.stringify([value].flat().filter((id) => id !== null))));

/** Which copies to bring in line: some locales (all but English when not given) and states. */
export type MirrorScope = { locales?: string[]; states?: readonly State[] };

export const mirrorDefaultLocale = async (strapi: Core.Strapi, uid: string, documentId: string, { locales, states = ['draft', 'published'] }: MirrorScope = {}) => {
  const attributes = attributesOf(strapi, uid);
  const relations = ownedRelations(attributes);
  if (relations.length === 0 && !('slug' in attributes)) return;
  const copyLocales = locales?.filter((locale) => locale !== DEFAULT_LOCALE);
  if (copyLocales?.length === 0) return;
  for (const state of states) {
    const publishedAt = PUBLISHED_AT[state];
    const english = await englishLinks(strapi, uid, documentId, state);
    if (!english) continue;
    const copies: Array<Record<string, any>> = await queryOf(strapi, uid).findMany({
      where: { documentId, locale: copyLocales ? { $in: copyLocales } : { $ne: DEFAULT_LOCALE }, publishedAt },
      select: ['id', 'locale', ...('slug' in attributes ? ['slug'] : [])],
      populate: Object.fromEntries(relations.map((name) => [name, { select: ['id'] }])),
    });
    if (copies.length === 0) continue;
    // Each relation's targets in every copy's locale at once: one query per relation, not per copy.
    const targetsByRelation = new Map<string, Map<string, Array<{ id: number }>>>();
    for (const [name, targets] of english.links) {
      const attribute = attributes[name] as RelationAttribute;
      targetsByRelation.set(name, await versionsIn(strapi, attribute.target, targets, [...new Set(copies.map((copy) => copy.locale as string))], publishedAt));
    }
    for (const copy of copies) {
      const data: Record<string, unknown> = 'slug' in attributes ? { slug: english.slug } : {};
      for (const [name] of english.links) {
        data[name] = relationValue(attributes[name] as RelationAttribute, (targetsByRelation.get(name)?.get(copy.locale) ?? []).map((row) => row.id));
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
    data[name] = relationValue(attribute, ((await versionsIn(strapi, attribute.target, targets, [locale], PUBLISHED_AT.draft)).get(locale) ?? []).map((row) => row.documentId));
  }
  return data;
};

/**
 * Mirrors the written document (`own`: the copies its write can have changed) and, when asked
 * (`referencing`: a version of it in some locale and state appeared, went away or was replaced,
 * so links to it there may now resolve differently), the copies in that locale and state of
 * every document whose owned relations point at it.
 */
export const syncDocumentLocales = async (strapi: Core.Strapi, uid: string, documentId: string, { own = {}, referencing }: { own?: MirrorScope; referencing?: MirrorScope | false }) => {
  await mirrorDefaultLocale(strapi, uid, documentId, own);
  if (!referencing || referencing.locales?.every((locale) => locale === DEFAULT_LOCALE)) return;
  for (const { uid: sourceUid, attribute } of relationsPointingAt(strapi, uid)) {
    const rows = await queryOf(strapi, sourceUid).findMany({ where: { [attribute]: { documentId } }, select: ['documentId'] });
    for (const referencingDocumentId of new Set(rows.map((row: { documentId: string }) => row.documentId))) {
      await mirrorDefaultLocale(strapi, sourceUid, referencingDocumentId, referencing);
    }
  }
};

/**
 * The versions of the document an action replaces or creates in its locale: links from other
 * documents' copies to exactly those rows need making again. English versions are linked from
 * English versions only, which Strapi keeps; their copies link copies.
 */
const REPLACED_STATES: Record<string, readonly State[]> = {
  publish: ['published'],
  unpublish: ['published'],
  discardDraft: ['draft'],
  create: ['draft', 'published'],
  update: ['draft', 'published'],
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
    const locales = locale === '*' ? undefined : [locale];
    if (documentId) {
      await syncDocumentLocales(strapi, context.uid, documentId, {
        // An English write can change every copy's links; a translation's write only its own. A
        // save changes drafts only (publishing is an action of its own).
        own: { locales: locale === DEFAULT_LOCALE ? undefined : locales, states: context.action === 'update' && context.params.status !== 'published' ? ['draft'] : undefined },
        referencing: (newVersion || !SAVE_ACTIONS.includes(context.action)) && { locales, states: REPLACED_STATES[context.action] },
      });
    }
    return result;
  });
