/**
 * Everything the scripts under scripts/ use from the app, in one typed module: they reach the
 * compiled app only through dist/src/cli (scripts/lib/app.js), and `npm run typecheck` checks
 * their use of it (scripts/tsconfig.json), so renaming a module breaks the type check, not a
 * script at run time.
 */
export { waitForIdleDatabase } from '../database/wait-for-idle-database';
export { seedContent } from '../seed/seed-content';
export { insertSyntheticProjects } from '../seed/bulk-projects';
export { parseTokenArguments, createReadOnlyToken } from './token-create';
export { BackupError, ENCRYPTION_KEY_VARIABLE, encryptionKeyFromEnv, assertUsableKey, archiveEncryption, readArchiveHead } from '../backup/archive-format';
export { exportArchive, importArchive } from '../backup/transfer';
export { summariseContent, formatSummary, contentRows } from '../backup/content-summary';
export { countErrors, evaluateSoak, formatSoakSection, pickWeighted, type LoadResult, type SoakMeasurement } from './soak';
export { startInstance, freePort, type Instance, type InstanceOptions } from './instances';
