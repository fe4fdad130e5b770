import type { Core } from '@strapi/strapi';
import type { SchedulingConfig } from '../src/scheduling/runner';

/** Scheduled publish and unpublish (src/scheduling). */
const config = ({ env }: Core.Config.Shared.ConfigParams): SchedulingConfig => ({
  // Whether this instance runs due actions (any number may: each action is claimed by one).
  enabled: env.bool('SCHEDULER_ENABLED', true),
  // How often due actions are looked for: an action runs at most this long after its time.
  intervalMs: env.int('SCHEDULER_INTERVAL_MS', 1000),
  // An action run later than this after its time (no instance was running) is recorded as late.
  lateAfterMs: env.int('SCHEDULER_LATE_AFTER_MS', 30_000),
});

export default config;
