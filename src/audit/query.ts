import { z } from 'zod';
import { fields } from '../admin-routes/input';

const MAX_PAGE_SIZE = 100;
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/** `from` is inclusive; a date-only `to` means the end of that day. */
const moment = (end: 'from' | 'to') =>
  fields
    .text(40)
    .transform((value) => new Date(DATE_ONLY.test(value) && end === 'to' ? `${value}T23:59:59.999Z` : value))
    .refine((date) => !Number.isNaN(date.getTime()), 'an ISO 8601 date or date-time is expected');

/**
 * Filters of GET /audit-log: user (admin id, or part of a name or email, or an API token's name),
 * type (content-type uid or its short name, e.g. city), documentId, action, locale, from/to
 * (dates or date-times), page and pageSize (at most 100). Newest first.
 */
export const auditLogInput = z
  .object({
    user: fields.text().optional(),
    type: fields.text(120).optional(),
    documentId: fields.text(64).optional(),
    action: fields.text(64).optional(),
    locale: fields.text(20).optional(),
    from: moment('from').optional(),
    to: moment('to').optional(),
    page: fields.page().default(1),
    pageSize: fields.page(MAX_PAGE_SIZE).default(25),
  })
  .refine(({ from, to }) => !(from && to && from > to), { message: 'must not be after to', path: ['from'] });

export type AuditLogInput = z.infer<typeof auditLogInput>;

/** `byEmail`: whether `user` may match e-mail addresses (only for callers who may read admin users, or the filter would reveal them). */
export const auditLogWhere = (input: AuditLogInput, { byEmail = true }: { byEmail?: boolean } = {}): Record<string, unknown> => {
  const where: Record<string, unknown>[] = [];
  const { user, type, documentId, action, locale, from, to } = input;
  if (user) {
    const byName = { actorName: { $containsi: user } };
    where.push(/^\d+$/.test(user) ? { actorId: user } : byEmail ? { $or: [{ actorEmail: { $containsi: user } }, byName] } : byName);
  }
  if (type) where.push(type.includes('::') ? { targetUid: type } : { targetUid: `api::${type}.${type}` });
  if (documentId) where.push({ targetDocumentId: documentId });
  if (action) where.push({ action });
  if (locale) where.push({ locale });
  if (from) where.push({ occurredAt: { $gte: from } });
  if (to) where.push({ occurredAt: { $lte: to } });
  return where.length ? { $and: where } : {};
};
