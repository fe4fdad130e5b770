import type { Core } from '@strapi/strapi';

/**
 * Runs `effect` once the transaction the caller is in has committed, or at once when there is
 * none. Side effects that other requests and instances must see (emptying the response cache,
 * notifying other instances) would otherwise run before COMMIT: a read in between would cache the
 * old rows again. Strapi's nested `transaction()` joins the open one (the Content Manager opens its
 * own around every write) and shares its commit callbacks; on rollback nothing changed and nothing
 * runs. `effect` must not throw into the write that has just committed, so its errors are logged.
 */
export const afterCommit = async (strapi: Core.Strapi, what: string, effect: () => void) => {
  const run = () => {
    try {
      effect();
    } catch (error) {
      strapi.log.error(`after commit (${what}): ${(error as Error).message}`);
    }
  };
  if (!strapi.db.inTransaction()) return run();
  await strapi.db.transaction(async ({ onCommit }) => {
    onCommit(run);
  });
};
