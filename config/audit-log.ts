import type { Core } from '@strapi/strapi';
import type { AuditLogConfig } from '../src/audit/retention';

/** The audit log (src/audit): how long entries are kept. */
const config = ({ env }: Core.Config.Shared.ConfigParams): AuditLogConfig => ({
  // Days to keep entries; 0 keeps them all (the default). Pruned at start and then daily.
  retentionDays: env.int('AUDIT_LOG_RETENTION_DAYS', 0),
});

export default config;
