import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { currentActor } from '../audit/actor';
import { appendAuditEntry, documentLabel } from '../audit/entries';
import { isLocalizedAttribute, type ContentTypeUid } from '../domain/content-types';
import { DEFAULT_LOCALE } from '../locales/locales';
import { forCouncilTypes, SAVE_ACTIONS, type DocumentContext, type DocumentMiddleware } from './kit';
import { queryOf } from '../database/models';

/**
 * Fields every locale shares (not localized: country code, coordinates, years, statuses, the
 * image) are decided by the English version, in each state: every draft carries the English
 * draft's values and every published version the published English values. So shared fields go
 * live only when English is published.
 *
 * Stock Strapi copies them from whichever locale was written last to all the others in the same
 * state: a translator publishing French would also publish the editor's unpublished English
 * edits, and a translator discarding their draft or starting a new translation would overwrite the
 * editor's pending edits with the published values. Here, after every write, the English rows
 * keep their values unless the write was English's own (or an editor changing a shared field
 * from another locale's form), and every other locale follows them. A locale cannot be published
 * while English has no published version. Changes this makes to what other locales publish are
 * recorded in the audit log as `sync-shared-fields`.
 */

/** The audit action for shared fields a publish changed in other locales' published versions. */
export const SHARED_FIELDS_AUDIT_ACTION = 'sync-shared-fields';

const NOT_SHARED_HERE = ['relation', 'component', 'dynamiczone', 'uid'];
const SYSTEM = ['id', 'documentId', 'locale', 'createdAt', 'updatedAt', 'publishedAt', 'createdBy', 'updatedBy', 'localizations'];

/** Shared fields this rule keeps in step (relations and slugs follow English in locale-sync). */
export const sharedFieldNames = (attributes: Record<string, any>): string[] =>
  Object.entries(attributes)
    .filter(([name, attribute]) => !SYSTEM.includes(name) && !isLocalizedAttribute(attribute) && !NOT_SHARED_HERE.includes(attribute.type))
    .map(([name]) => name);

type State = 'draft' | 'published';
type Row = { id: number; locale: string; publishedAt: unknown; values: Record<string, unknown> };

const mediaId = (file: unknown) => (file && typeof file === 'object' ? ((file as { id?: unknown }).id ?? null) : (file ?? null));

/** A shared value in one comparable form: media as file ids, everything else as stored. */
const comparable = (attribute: Record<string, any>, value: unknown): unknown => {
  if (attribute.type === 'media') return attribute.multiple ? [value ?? []].flat().map(mediaId) : mediaId(Array.isArray(value) ? value[0] : value);
  return value === undefined ? null : value;
};

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b) || (typeof a !== 'object' && typeof b !== 'object' && String(a ?? '') === String(b ?? ''));

const stateOf = (row: { publishedAt: unknown }): State => (row.publishedAt ? 'published' : 'draft');

const loadRows = async (strapi: Core.Strapi, uid: string, documentId: string, attributes: Record<string, any>, fields: string[]): Promise<Row[]> => {
  const media = fields.filter((name) => attributes[name].type === 'media');
  const rows: Array<Record<string, any>> = await queryOf(strapi, uid).findMany({
    where: { documentId },
    select: ['id', 'locale', 'publishedAt', ...fields.filter((name) => !media.includes(name))],
    populate: Object.fromEntries(media.map((name) => [name, { select: ['id'] }])),
  });
  return rows.map((row) => ({
    id: row.id,
    locale: row.locale,
    publishedAt: row.publishedAt,
    values: Object.fromEntries(fields.map((name) => [name, comparable(attributes[name], row[name])])),
  }));
};

const differingFields = (fields: string[], a: Record<string, unknown>, b: Record<string, unknown>) => fields.filter((name) => !same(a[name], b[name]));

const writeValues = (strapi: Core.Strapi, uid: string, row: Row, values: Record<string, unknown>, fields: string[]) =>
  queryOf(strapi, uid).update({ where: { id: row.id }, data: Object.fromEntries(fields.map((name) => [name, values[name]])) });

/** The locales an action writes: a list, or every one. */
const actingLocales = (context: DocumentContext): string[] | '*' => {
  const { locale } = context.params;
  if (locale === '*') return '*';
  if (Array.isArray(locale)) return locale.map(String);
  return [typeof locale === 'string' ? locale : DEFAULT_LOCALE];
};

const publishes = (context: DocumentContext) => context.action === 'publish' || (SAVE_ACTIONS.includes(context.action) && context.params.status === 'published');

const englishFirst = (fields: string[]) =>
  new errors.ValidationError(
    `locale: publish the English version first. A translation goes live with the English version's ${fields.join(', ')}, which are shared by every locale and published with English`,
    { errors: [{ path: ['locale'], message: 'publish the English version first', name: 'ValidationError' }] },
  );

export const sharedFieldsFollowEnglish = (strapi: Core.Strapi): DocumentMiddleware =>
  forCouncilTypes(['create', 'update', 'publish', 'discardDraft'], async (context, next) => {
    const attributes = context.contentType.attributes;
    const fields = sharedFieldNames(attributes);
    if (fields.length === 0) return next();
    const locales = actingLocales(context);
    const englishActs = locales === '*' || locales.includes(DEFAULT_LOCALE);
    const { documentId } = context.params;

    const before = documentId ? await loadRows(strapi, context.uid, documentId, attributes, fields) : [];
    const englishBefore = (state: State) => before.find((row) => row.locale === DEFAULT_LOCALE && stateOf(row) === state);
    if (publishes(context) && !englishActs && !englishBefore('published')) throw englishFirst(fields);

    // An editor changing a shared field from another locale's form means it for every locale.
    const data: Record<string, unknown> = context.params.data ?? {};
    const englishDraft = englishBefore('draft');
    const sharedEdit =
      SAVE_ACTIONS.includes(context.action) &&
      englishDraft !== undefined &&
      fields.some((name) => data[name] !== undefined && !same(comparable(attributes[name], data[name]), englishDraft.values[name]));

    const result = await next();
    const written = documentId ?? result?.documentId;
    if (!written) return result;

    const after = await loadRows(strapi, context.uid, written, attributes, fields);
    const english = new Map<State, Record<string, unknown>>();
    for (const row of after.filter((candidate) => candidate.locale === DEFAULT_LOCALE)) {
      const kept = englishActs || sharedEdit ? undefined : englishBefore(stateOf(row));
      if (kept && differingFields(fields, row.values, kept.values).length > 0) await writeValues(strapi, context.uid, row, kept.values, fields);
      english.set(stateOf(row), kept?.values ?? row.values);
    }
    for (const row of after.filter((candidate) => candidate.locale !== DEFAULT_LOCALE)) {
      const values = english.get(stateOf(row));
      if (values && differingFields(fields, row.values, values).length > 0) await writeValues(strapi, context.uid, row, values, fields);
    }

    await auditPublishedSideEffects(strapi, context, written, fields, before, locales, english.get('published'));
    return result;
  });

/** One audit entry per other locale whose published shared fields this write changed. */
const auditPublishedSideEffects = async (
  strapi: Core.Strapi,
  context: DocumentContext,
  documentId: string,
  fields: string[],
  before: Row[],
  locales: string[] | '*',
  publishedEnglish: Record<string, unknown> | undefined,
) => {
  if (locales === '*' || !publishedEnglish) return;
  for (const row of before.filter((candidate) => stateOf(candidate) === 'published' && !locales.includes(candidate.locale))) {
    const changedFields = differingFields(fields, row.values, publishedEnglish);
    if (changedFields.length === 0) continue;
    await appendAuditEntry(strapi, {
      action: SHARED_FIELDS_AUDIT_ACTION,
      targetUid: context.uid,
      targetDocumentId: documentId,
      targetLabel: await documentLabel(strapi, context.uid as ContentTypeUid, documentId, row.locale),
      locale: row.locale,
      changedFields,
      ...currentActor(strapi),
    });
  }
};
