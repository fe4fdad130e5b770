import type { Core } from '@strapi/strapi';
import { retentionCutoff } from '../audit/retention';
import { queryOf } from '../database/models';
import { VERSIONS_UID } from './versions';

export type HistoryConfig = { retentionDays: number };

const DAY_MS = 24 * 60 * 60 * 1000;
const timers = new WeakMap<Core.Strapi, NodeJS.Timeout>();

export const historyConfig = (strapi: Core.Strapi): HistoryConfig => ({ retentionDays: 0, ...(strapi.config.get('history') as Partial<HistoryConfig>) });

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
  if (!retentionCutoff(historyConfig(strapi).retentionDays, new Date())) return;
  await pruneHistory(strapi);
  const timer = setInterval(() => {
    pruneHistory(strapi).catch((error) => strapi.log.error(`Version history pruning failed: ${(error as Error).message}`));
  }, DAY_MS);
  timer.unref();
  timers.set(strapi, timer);
};

export const stopHistory = (strapi: Core.Strapi) => {
  clearInterval(timers.get(strapi));
  timers.delete(strapi);
};
