#!/usr/bin/env node
// @ts-check
'use strict';
/**
 * `npm run backup -- FILE [--no-build]`: writes everything in the configured database (every
 * document in all locales, drafts and published, admin users, roles and API tokens), media files
 * and settings to FILE, a Strapi export archive, encrypted when BACKUP_ENCRYPTION_KEY is set.
 */
const fs = require('fs');
const { withApp } = require('./lib/app');
const { parseArguments, seconds, run } = require('./lib/backup-arguments');

const USAGE = 'npm run backup -- FILE [--no-build]   (encrypted when BACKUP_ENCRYPTION_KEY is set)';

const main = async () => {
  const startedAt = Date.now();
  const { file, build } = parseArguments(process.argv.slice(2), ['--no-build']);
  /** @type {string | undefined} */
  let key;
  await withApp(
    async (strapi, cli) => {
      // Written beside FILE under a temporary name and renamed at the end: FILE is never half written.
      const { path: written, warnings } = await cli.exportArchive(strapi, `${file}.partial-${process.pid}`, key);
      fs.chmodSync(written, 0o600); // it holds unpublished drafts
      fs.renameSync(written, file);
      console.log(`Backup written to ${file} (${(fs.statSync(file).size / 1024).toFixed(1)} KB) in ${seconds(startedAt)}:`);
      console.log(cli.formatSummary(await cli.summariseContent(strapi)));
      console.log(
        key
          ? `Encrypted with ${cli.ENCRYPTION_KEY_VARIABLE}: keep that key apart from the file; without it the backup cannot be restored.`
          : `NOT encrypted: ${cli.ENCRYPTION_KEY_VARIABLE} is not set. The file holds unpublished drafts; store it accordingly.`,
      );
      for (const warning of warnings) console.warn(`warning: ${warning}`);
    },
    {
      build,
      // Checked before the database is touched.
      before: (cli) => {
        if (fs.existsSync(file)) throw new cli.BackupError(`${file} already exists: delete it or choose another name.`);
        key = cli.encryptionKeyFromEnv(process.env);
        if (key) cli.assertUsableKey(key);
      },
    },
  );
};

run('backup', USAGE, main);
