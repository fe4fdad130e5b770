import type { Core } from '@strapi/strapi';

/**
 * Strapi emits `entry.*` events after a write commits, without awaiting them, and each one
 * re-reads the entry with a deep populate. Destroying the app while those reads are queued
 * aborts them with an unhandled "aborted" error, so one-shot scripts and tests wait for the
 * connection pool to be quiet (a few consecutive idle checks) before `strapi.destroy()`.
 */
export const waitForIdleDatabase = async (strapi: Core.Strapi, { timeoutMs = 10_000, quietChecks = 5, intervalMs = 20 } = {}) => {
  const pool = (strapi.db.connection as any).client?.pool;
  if (!pool) return;
  const deadline = Date.now() + timeoutMs;
  let quiet = 0;
  while (quiet < quietChecks && Date.now() < deadline) {
    const busy = pool.numUsed() + pool.numPendingAcquires() + pool.numPendingCreates() > 0;
    quiet = busy ? 0 : quiet + 1;
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
};
