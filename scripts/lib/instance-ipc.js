// @ts-check
'use strict';
/**
 * Preloaded (node --require) into an app instance started with `ipc` by src/cli/instances.ts:
 * on a "gc" message it collects garbage (the instance runs with --expose-gc) and reports its
 * memory, so `npm run soak` compares memory after a full collection, not garbage V8 keeps.
 */
process.on('message', (message) => {
  if (!message || typeof message !== 'object' || /** @type {{ type?: string }} */ (message).type !== 'gc') return;
  const collect = /** @type {(() => void) | undefined} */ (globalThis.gc);
  collect?.();
  process.send?.({ type: 'gc-done', collected: typeof collect === 'function', memory: process.memoryUsage() });
});
