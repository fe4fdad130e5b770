import type { Core } from '@strapi/strapi';

/** Thrown to undo a trial run. */
class TrialOver extends Error {}

/**
 * Runs `attempt` in a transaction that is always rolled back and returns what it returned: a
 * write is tried with every rule it would meet, and nothing of it is kept (webhooks and cache
 * purges wait for a commit, so none fires). Must not be called inside a transaction: Strapi's
 * nested transactions join the outer one, which would keep the trial's writes.
 */
export const inTrialTransaction = async <T>(strapi: Core.Strapi, attempt: () => Promise<T>): Promise<T> => {
  if (strapi.db.inTransaction()) throw new Error('A trial run cannot be nested in a transaction');
  let result: T | undefined;
  try {
    await strapi.db.transaction(async () => {
      result = await attempt();
      throw new TrialOver();
    });
  } catch (error) {
    if (!(error instanceof TrialOver)) throw error;
  }
  return result as T;
};
