#!/usr/bin/env node
// @ts-check
'use strict';
/**
 * `npm run restore -- FILE [--force] [--no-build]`: loads a backup made by `npm run backup` into the
 * configured database, creating the schema in an empty one. Refuses a database that already holds
 * content unless --force is given, since restoring deletes everything in it first.
 */
const { withApp } = require('./lib/app');
const { parseArguments, seconds, run } = require('./lib/backup-arguments');

const USAGE = 'npm run restore -- FILE [--force] [--no-build]   (BACKUP_ENCRYPTION_KEY for an encrypted FILE)';

const main = async () => {
  const startedAt = Date.now();
  const { file, force, build } = parseArguments(process.argv.slice(2), ['--force', '--no-build']);
  /** @type {string | undefined} */
  let key;
  let encrypted = false;
  await withApp(
    async (strapi, cli) => {
      const existing = cli.contentRows(await cli.summariseContent(strapi));
      if (existing.length > 0 && !force) {
        throw new cli.BackupError(
          `the target database is not empty (${existing.map(({ what, rows }) => `${what}: ${rows} rows`).join(', ')}). ` +
            'A restore deletes all of it first; run again with --force to do that, or restore into a new database.',
        );
      }
      const { warnings } = await cli.importArchive(strapi, file, key, encrypted);
      console.log(`Restored ${file}${encrypted ? ' (encrypted)' : ''} in ${seconds(startedAt)}${existing.length ? ', replacing the content that was there' : ''}:`);
      console.log(cli.formatSummary(await cli.summariseContent(strapi)));
      for (const warning of warnings) console.warn(`warning: ${warning}`);
      console.log(
        'Admin users, roles and API tokens are restored with the content. API tokens only work where API_TOKEN_SALT is the one the backup ' +
          'was made with (docs/operations.md "Backup and restore"). Start or restart every app instance now, so that no cache serves what was there before.',
      );
    },
    {
      build,
      // The file and the key are checked before the database is touched.
      before: async (cli) => {
        key = cli.encryptionKeyFromEnv(process.env);
        ({ encrypted } = cli.archiveEncryption(file, await cli.readArchiveHead(file), key));
      },
    },
  );
};

run('restore', USAGE, main);
