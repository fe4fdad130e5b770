import type { Core } from '@strapi/strapi';
import type { HistoryConfig } from '../src/history/retention';

/** Version history (src/history): how long versions are kept. */
const config = ({ env }: Core.Config.Shared.ConfigParams): HistoryConfig => ({
  // Days to keep versions; 0 keeps them all (the default). Pruned at start and then daily.
  retentionDays: env.int('HISTORY_RETENTION_DAYS', 0),
});

export default config;
