import type { AuditEntry } from './entries';

/** A stored entry as the Query Engine returns it (the AUDIT_LOG_FIELDS columns). */
export type StoredAuditEntry = AuditEntry & { id: number; occurredAt: Date | string };

/** Columns GET /audit-log reads. */
export const AUDIT_LOG_FIELDS = ['id', 'occurredAt', 'action', 'targetUid', 'targetDocumentId', 'targetLabel', 'locale', 'changedFields', 'note', 'actorType', 'actorId', 'actorName', 'actorEmail'];

/**
 * One entry of GET /audit-log in the design card's shape ({at, user, action, uid, documentId,
 * locale}, plus label and changedFields). The table's columns have other names: Strapi reserves
 * `documentId` on every content type (it is the entry's own), so the target's are prefixed.
 */
export const auditLogEntryResponse = (entry: StoredAuditEntry) => ({
  id: entry.id,
  at: new Date(entry.occurredAt).toISOString(),
  user: { type: entry.actorType, id: entry.actorId, name: entry.actorName, email: entry.actorEmail },
  action: entry.action,
  uid: entry.targetUid,
  documentId: entry.targetDocumentId,
  label: entry.targetLabel,
  locale: entry.locale,
  changedFields: entry.changedFields,
  note: entry.note ?? null,
});
