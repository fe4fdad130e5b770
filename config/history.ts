import type { Core } from '@strapi/strapi';
import type { HistoryConfig } from '../src/history/retention';

/** Version history (src/history): whether versions are kept, and for how long. */
const config = ({ env }: Core.Config.Shared.ConfigParams): HistoryConfig => ({
  // Whether saves keep versions; false keeps none (versions already kept stay listed and restorable).
  enabled: env.bool('HISTORY_ENABLED', true),
  // Days to keep versions; 0 keeps them all (the default). Pruned at start and then daily.
  retentionDays: env.int('HISTORY_RETENTION_DAYS', 0),
});

export default config;
