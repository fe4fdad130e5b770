import type { Core } from '@strapi/strapi';
import { retentionCutoff, startDailyPruning, stopDailyPruning } from '../database/daily-pruning';
import { queryOf } from '../database/models';
import { VERSIONS_UID } from './versions';

export type HistoryConfig = { enabled: boolean; retentionDays: number };

const PRUNING = 'Version history';

export const historyConfig = (strapi: Core.Strapi): HistoryConfig => ({ enabled: true, retentionDays: 0, ...(strapi.config.get('history') as Partial<HistoryConfig>) });

/** Deletes the versions saved before the retention period (HISTORY_RETENTION_DAYS). */
export const pruneHistory = async (strapi: Core.Strapi, now = new Date()): Promise<number> => {
  const cutoff = retentionCutoff(historyConfig(strapi).retentionDays, now);
  if (!cutoff) return 0;
  const { count } = await queryOf(strapi, VERSIONS_UID).deleteMany({ where: { savedAt: { $lt: cutoff } } });
  if (count > 0) strapi.log.info(`Version history: pruned ${count} versions older than ${cutoff.toISOString()}`);
  return count;
};

/**
 * The lookup every history list makes (one locale version's versions, newest first) served by an
 * index; then pruning at start and once a day while the process runs.
 */
export const startHistory = async (strapi: Core.Strapi) => {
  await strapi.db.connection.raw('CREATE INDEX IF NOT EXISTS document_versions_lookup ON document_versions (target_uid, target_document_id, locale, id)');
  await startDailyPruning(strapi, PRUNING, historyConfig(strapi).retentionDays, () => pruneHistory(strapi));
};

export const stopHistory = (strapi: Core.Strapi) => stopDailyPruning(strapi, PRUNING);
