import type { Core } from '@strapi/strapi';
import { AUDIT_LOG_UID } from './entries';
import { retentionCutoff, startDailyPruning, stopDailyPruning } from '../database/daily-pruning';

export type AuditLogConfig = { retentionDays: number };

export const auditLogConfig = (strapi: Core.Strapi): AuditLogConfig => ({ retentionDays: 0, ...(strapi.config.get('audit-log') as Partial<AuditLogConfig>) });

/** Deletes the entries older than the retention period: the only way entries ever leave the log. */
export const pruneAuditLog = async (strapi: Core.Strapi, now = new Date()): Promise<number> => {
  const cutoff = retentionCutoff(auditLogConfig(strapi).retentionDays, now);
  if (!cutoff) return 0;
  const { count } = await strapi.db.query(AUDIT_LOG_UID).deleteMany({ where: { occurredAt: { $lt: cutoff } } });
  if (count > 0) strapi.log.info(`Audit log: pruned ${count} entries older than ${cutoff.toISOString()}`);
  return count;
};

const PRUNING = 'Audit log';

/** Prunes at start, then once a day while the process runs. */
export const startAuditLogRetention = (strapi: Core.Strapi) =>
  startDailyPruning(strapi, PRUNING, auditLogConfig(strapi).retentionDays, () => pruneAuditLog(strapi));

export const stopAuditLogRetention = (strapi: Core.Strapi) => stopDailyPruning(strapi, PRUNING);
