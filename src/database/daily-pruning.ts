import type { Core } from '@strapi/strapi';

const DAY_MS = 24 * 60 * 60 * 1000;
const timers = new Map<string, WeakMap<Core.Strapi, NodeJS.Timeout>>();

/** The moment before which rows are pruned, or null when every row is kept (0 or fewer days). */
export const retentionCutoff = (retentionDays: number, now: Date): Date | null =>
  Number.isFinite(retentionDays) && retentionDays > 0 ? new Date(now.getTime() - retentionDays * DAY_MS) : null;

/**
 * Runs `prune` at start and then once a day while the process runs, when `retentionDays` keeps
 * anything from growing forever (audit log, version history); `name` says what in the logs.
 */
export const startDailyPruning = async (strapi: Core.Strapi, name: string, retentionDays: number, prune: () => Promise<unknown>) => {
  if (!retentionCutoff(retentionDays, new Date())) return;
  await prune();
  const timer = setInterval(() => {
    prune().catch((error) => strapi.log.error(`${name} pruning failed: ${(error as Error).message}`));
  }, DAY_MS);
  timer.unref();
  if (!timers.has(name)) timers.set(name, new WeakMap());
  timers.get(name)!.set(strapi, timer);
};

export const stopDailyPruning = (strapi: Core.Strapi, name: string) => {
  clearInterval(timers.get(name)?.get(strapi));
  timers.get(name)?.delete(strapi);
};
