#!/usr/bin/env node
'use strict';
/**
 * `npm run restore -- FILE [--force] [--no-build]`: loads a backup made by `npm run backup` into the
 * configured database, creating the schema in an empty one. Refuses a database that already holds
 * content unless --force is given, since restoring deletes that content first.
 */
const { parseArguments, compileApp, loadApp, stopApp, seconds, run } = require('./backup-common');

const USAGE = 'npm run restore -- FILE [--force] [--no-build]   (BACKUP_ENCRYPTION_KEY for an encrypted FILE)';

const main = async () => {
  const startedAt = Date.now();
  const { file, force, build } = parseArguments(process.argv.slice(2), ['--force', '--no-build']);
  const app = await compileApp({ build });
  const { BackupError, encryptionKeyFromEnv, readArchiveHead, archiveEncryption } = app.distModule('backup/archive-format.js');
  const { importArchive } = app.distModule('backup/transfer.js');
  const { summariseContent, formatSummary, contentRows } = app.distModule('backup/content-summary.js');
  // The file and the key are checked before the database is touched.
  const key = encryptionKeyFromEnv(process.env);
  const { encrypted } = archiveEncryption(file, await readArchiveHead(file), key);

  const strapi = await loadApp(app);
  try {
    const existing = contentRows(await summariseContent(strapi));
    if (existing.length > 0 && !force) {
      throw new BackupError(
        `the target database is not empty (${existing.map(({ what, rows }) => `${what}: ${rows} rows`).join(', ')}). ` +
          'A restore deletes all of it first; run again with --force to do that, or restore into a new database.',
      );
    }

    const { warnings } = await importArchive(strapi, file, key, encrypted);
    console.log(`Restored ${file}${encrypted ? ' (encrypted)' : ''} in ${seconds(startedAt)}${existing.length ? ', replacing the content that was there' : ''}:`);
    console.log(formatSummary(await summariseContent(strapi)));
    for (const warning of warnings) console.warn(`warning: ${warning}`);
    console.log(
      'Admin users, roles and API tokens are restored with the content. API tokens only work where API_TOKEN_SALT is the one the backup ' +
        'was made with (README "Backup and restore"). Start or restart every app instance now, so that no cache serves what was there before.',
    );
  } finally {
    await stopApp(strapi, app.distModule);
  }
};

run('restore', USAGE, main);
