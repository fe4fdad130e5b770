import { errors } from '@strapi/utils';

export type AuditLogQuery = { where: Record<string, unknown>; page: number; pageSize: number };

const MAX_PAGE_SIZE = 100;
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/** A query parameter given once, trimmed; undefined when absent or empty (admin routes' parameters). */
export const text = (query: Record<string, unknown>, name: string): string | undefined => {
  const value = query[name];
  if (value === undefined || value === '') return undefined;
  if (typeof value !== 'string') throw new errors.ValidationError(`${name}: a single text value is expected`);
  return value.trim();
};

export const positiveInteger = (query: Record<string, unknown>, name: string, fallback: number, max = Number.MAX_SAFE_INTEGER) => {
  const value = text(query, name);
  if (value === undefined) return fallback;
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1 || number > max) throw new errors.ValidationError(`${name}: a whole number from 1 to ${max} is expected (got ${JSON.stringify(value)})`);
  return number;
};

/** `from` is inclusive; a date-only `to` means the end of that day. */
const moment = (query: Record<string, unknown>, name: 'from' | 'to'): Date | undefined => {
  const value = text(query, name);
  if (value === undefined) return undefined;
  const date = new Date(DATE_ONLY.test(value) && name === 'to' ? `${value}T23:59:59.999Z` : value);
  if (Number.isNaN(date.getTime())) throw new errors.ValidationError(`${name}: an ISO 8601 date or date-time is expected (got ${JSON.stringify(value)})`);
  return date;
};

/**
 * Filters of GET /audit-log: user (admin id, or part of a name or email, or an API token's name),
 * type (content-type uid or its short name, e.g. city), documentId, action, locale, from/to
 * (dates or date-times), page and pageSize (at most 100). Newest first.
 */
export const auditLogQuery = (query: Record<string, unknown>): AuditLogQuery => {
  const where: Record<string, unknown>[] = [];
  const user = text(query, 'user');
  if (user) {
    where.push(/^\d+$/.test(user) ? { actorId: user } : { $or: [{ actorEmail: { $containsi: user } }, { actorName: { $containsi: user } }] });
  }
  const type = text(query, 'type');
  if (type) where.push(type.includes('::') ? { targetUid: type } : { targetUid: `api::${type}.${type}` });
  const documentId = text(query, 'documentId');
  if (documentId) where.push({ targetDocumentId: documentId });
  const action = text(query, 'action');
  if (action) where.push({ action });
  const locale = text(query, 'locale');
  if (locale) where.push({ locale });
  const from = moment(query, 'from');
  const to = moment(query, 'to');
  if (from && to && from > to) throw new errors.ValidationError('from: must not be after to');
  if (from) where.push({ occurredAt: { $gte: from } });
  if (to) where.push({ occurredAt: { $lte: to } });
  return {
    where: where.length ? { $and: where } : {},
    page: positiveInteger(query, 'page', 1),
    pageSize: positiveInteger(query, 'pageSize', 25, MAX_PAGE_SIZE),
  };
};
