// @ts-check
'use strict';
/**
 * Preloaded (node --require) into an app instance started with `ipc` by src/cli/instances.ts:
 * - "gc": collects garbage (the instance runs with --expose-gc) and reports its memory, so
 *   `npm run soak` compares memory after a full collection, not garbage V8 keeps;
 * - "profile-start" / "profile-stop" { file }: V8's CPU profiler over just the load a script sends
 *   (not the start-up), written where asked (`npm run profile:list`).
 */
const fs = require('fs');
const inspector = require('inspector');

/** @type {inspector.Session | undefined} */
let profiler;

process.on('message', (message) => {
  if (!message || typeof message !== 'object') return;
  const { type, file } = /** @type {{ type?: string, file?: string }} */ (message);
  if (type === 'gc') {
    const collect = /** @type {(() => void) | undefined} */ (globalThis.gc);
    collect?.();
    process.send?.({ type: 'gc-done', collected: typeof collect === 'function', memory: process.memoryUsage() });
  } else if (type === 'profile-start') {
    profiler = new inspector.Session();
    profiler.connect();
    profiler.post('Profiler.enable', () => profiler?.post('Profiler.start', () => process.send?.({ type: 'profile-started' })));
  } else if (type === 'profile-stop' && profiler && file) {
    profiler.post('Profiler.stop', (error, result) => {
      if (!error) fs.writeFileSync(file, JSON.stringify(result.profile));
      profiler?.disconnect();
      profiler = undefined;
      process.send?.({ type: 'profile-done', error: error?.message });
    });
  }
});
