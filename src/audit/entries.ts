import type { Core } from '@strapi/strapi';
import type { AuditActor } from './actor';
import { auditedAttributes } from './changed-fields';

export const AUDIT_LOG_UID = 'api::audit-log-entry.audit-log-entry';

export type AuditEntry = AuditActor & {
  action: string;
  targetUid: string;
  targetDocumentId: string | null;
  locale: string | null;
  changedFields: string[];
};

/**
 * Appends one entry through the Query Engine, inside whatever transaction is open: the write it
 * records and the entry commit or roll back together.
 */
export const appendAuditEntry = (strapi: Core.Strapi, entry: AuditEntry) =>
  strapi.db.query(AUDIT_LOG_UID as any).create({ data: { ...entry, occurredAt: new Date() } });

/** One version of a document (draft or published) with its relations, components and media loaded. */
export const loadVersion = async (
  strapi: Core.Strapi,
  uid: string,
  documentId: string,
  locale: string,
  published: boolean,
): Promise<Record<string, unknown> | null> => {
  const attributes = strapi.getModel(uid as any).attributes as Record<string, any>;
  const populate = auditedAttributes(attributes)
    .filter(([, attribute]) => ['relation', 'media', 'component', 'dynamiczone'].includes(attribute.type))
    .map(([name]) => name);
  return strapi.db.query(uid as any).findOne({
    where: { documentId, locale, publishedAt: published ? { $notNull: true } : null },
    populate,
  });
};
