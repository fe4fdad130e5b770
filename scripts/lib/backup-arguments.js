// @ts-check
'use strict';
/**
 * What `npm run backup` and `npm run restore` share: their arguments and exit codes (0 done,
 * 1 failed, 2 wrong arguments).
 */
const path = require('path');

const EXIT_FAILED = 1;
const EXIT_USAGE = 2;

class UsageError extends Error {}

/**
 * `FILE [--force] [--no-build]`; only the flags in `allowed` are accepted.
 * @param {string[]} argv
 * @param {string[]} allowed
 */
const parseArguments = (argv, allowed) => {
  const flags = new Set();
  const files = [];
  for (const arg of argv) {
    if (arg.startsWith('--')) {
      if (!allowed.includes(arg)) throw new UsageError(`unknown option ${arg}`);
      flags.add(arg);
    } else files.push(arg);
  }
  if (files.length === 0) throw new UsageError('FILE is missing');
  if (files.length > 1) throw new UsageError(`one FILE only, got ${files.join(' ')}`);
  return { file: path.resolve(files[0]), force: flags.has('--force'), build: !flags.has('--no-build') };
};

/** @param {number} startedAt */
const seconds = (startedAt) => `${((Date.now() - startedAt) / 1000).toFixed(1)} s`;

/**
 * Runs `main`, printing `name: message` and exiting 2 for wrong arguments, 1 for any other failure.
 * @param {string} name
 * @param {string} usage
 * @param {() => Promise<void>} main
 */
const run = (name, usage, main) => {
  main().then(
    () => process.exit(0),
    (error) => {
      if (error instanceof UsageError) {
        console.error(`${name}: ${error.message}\nusage: ${usage}`);
        process.exit(EXIT_USAGE);
      }
      // BackupError (from dist) carries a message meant for the operator; anything else gets its stack.
      console.error(`${name}: ${error?.constructor?.name === 'BackupError' ? error.message : (error?.stack ?? error)}`);
      process.exit(EXIT_FAILED);
    },
  );
};

module.exports = { parseArguments, seconds, run, UsageError };
