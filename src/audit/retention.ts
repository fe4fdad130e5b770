import type { Core } from '@strapi/strapi';
import { AUDIT_LOG_UID } from './entries';

export type AuditLogConfig = { retentionDays: number };

const DAY_MS = 24 * 60 * 60 * 1000;
const timers = new WeakMap<Core.Strapi, NodeJS.Timeout>();

export const auditLogConfig = (strapi: Core.Strapi): AuditLogConfig => ({ retentionDays: 0, ...(strapi.config.get('audit-log') as Partial<AuditLogConfig>) });

/** The moment before which entries are pruned, or null when every entry is kept. */
export const retentionCutoff = (retentionDays: number, now: Date): Date | null =>
  Number.isFinite(retentionDays) && retentionDays > 0 ? new Date(now.getTime() - retentionDays * DAY_MS) : null;

/** Deletes the entries older than the retention period: the only way entries ever leave the log. */
export const pruneAuditLog = async (strapi: Core.Strapi, now = new Date()): Promise<number> => {
  const cutoff = retentionCutoff(auditLogConfig(strapi).retentionDays, now);
  if (!cutoff) return 0;
  const { count } = await strapi.db.query(AUDIT_LOG_UID).deleteMany({ where: { occurredAt: { $lt: cutoff } } });
  if (count > 0) strapi.log.info(`Audit log: pruned ${count} entries older than ${cutoff.toISOString()}`);
  return count;
};

/** Prunes at start, then once a day while the process runs. */
export const startAuditLogRetention = async (strapi: Core.Strapi) => {
  if (!retentionCutoff(auditLogConfig(strapi).retentionDays, new Date())) return;
  await pruneAuditLog(strapi);
  const timer = setInterval(() => {
    pruneAuditLog(strapi).catch((error) => strapi.log.error(`Audit log pruning failed: ${(error as Error).message}`));
  }, DAY_MS);
  timer.unref();
  timers.set(strapi, timer);
};

export const stopAuditLogRetention = (strapi: Core.Strapi) => {
  clearInterval(timers.get(strapi));
  timers.delete(strapi);
};
