import type { Core } from '@strapi/strapi';
import type { AuditActor } from './actor';
import { SLUG_SOURCE_FIELD, type ContentTypeUid } from '../domain/content-types';
import { DEFAULT_LOCALE } from '../locales/locales';
import { auditedAttributes } from './changed-fields';
import { attributesOf, modelOf, queryOf } from '../database/models';

export const AUDIT_LOG_UID = 'api::audit-log-entry.audit-log-entry';

export type AuditEntry = AuditActor & {
  action: string;
  targetUid: string;
  targetDocumentId: string | null;
  /** The document's name or title when the change was made, so the log reads without lookups. */
  targetLabel: string | null;
  locale: string | null;
  changedFields: string[];
  /** Why, where the action alone does not say (a scheduled publish that failed: the reason). */
  note?: string | null;
};

/**
 * Appends one entry through the Query Engine, inside whatever transaction is open: the write it
 * records and the entry commit or roll back together.
 */
export const appendAuditEntry = (strapi: Core.Strapi, entry: AuditEntry) =>
  strapi.db.query(AUDIT_LOG_UID).create({ data: { ...entry, occurredAt: new Date() } });

/** One version of a document (draft or published) with its relations, components and media loaded. */
export const loadVersion = async (
  strapi: Core.Strapi,
  uid: string,
  documentId: string,
  locale: string,
  published: boolean,
): Promise<Record<string, unknown> | null> => {
  const attributes = attributesOf(strapi, uid);
  const populate = auditedAttributes(attributes)
    .filter(([, attribute]) => ['relation', 'media', 'component', 'dynamiczone'].includes(attribute.type))
    .map(([name]) => name);
  return queryOf(strapi, uid).findOne({
    where: { documentId, locale, publishedAt: published ? { $notNull: true } : null },
    populate,
  });
};

const loadedAfterWrite = new WeakMap<object, Map<string, Promise<Record<string, unknown> | null>>>();

/**
 * The version a write left, loaded once per write however many middlewares of its chain ask for
 * it after the write (version history, then the audit log): they share the chain's context object.
 */
export const versionAfterWrite = (strapi: Core.Strapi, context: object, uid: string, documentId: string, locale: string, published: boolean) => {
  if (!loadedAfterWrite.has(context)) loadedAfterWrite.set(context, new Map());
  const loaded = loadedAfterWrite.get(context)!;
  const key = `${uid}:${documentId}:${locale}:${published}`;
  if (!loaded.has(key)) loaded.set(key, loadVersion(strapi, uid, documentId, locale, published));
  return loaded.get(key)!;
};

/** A document's name or title (its English one when the locale has none), for the log to show. */
export const documentLabel = async (strapi: Core.Strapi, uid: ContentTypeUid, documentId: string, locale: string | null): Promise<string | null> => {
  const field = SLUG_SOURCE_FIELD[uid];
  if (!field) return modelOf(strapi, uid).info.displayName;
  const rows: Array<Record<string, any>> = await queryOf(strapi, uid).findMany({ where: { documentId }, select: [field, 'locale'] });
  const row = rows.find((entry) => entry.locale === locale) ?? rows.find((entry) => entry.locale === DEFAULT_LOCALE) ?? rows[0];
  return row?.[field] ?? null;
};
