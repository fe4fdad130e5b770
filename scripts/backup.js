#!/usr/bin/env node
'use strict';
/**
 * `npm run backup -- FILE [--no-build]`: writes every document (all locales, drafts and published),
 * media files and settings of the configured database to FILE, a Strapi export archive, encrypted
 * when BACKUP_ENCRYPTION_KEY is set. Admin users and API tokens are not in it (see README).
 */
const fs = require('fs');
const { parseArguments, compileApp, loadApp, stopApp, seconds, run } = require('./backup-common');

const USAGE = 'npm run backup -- FILE [--no-build]   (encrypted when BACKUP_ENCRYPTION_KEY is set)';

const main = async () => {
  const startedAt = Date.now();
  const { file, build } = parseArguments(process.argv.slice(2), ['--no-build']);
  const app = await compileApp({ build });
  const { BackupError, encryptionKeyFromEnv, assertUsableKey, ENCRYPTION_KEY_VARIABLE } = app.distModule('backup/archive-format.js');
  const { exportArchive } = app.distModule('backup/transfer.js');
  const { summariseContent, formatSummary } = app.distModule('backup/content-summary.js');
  if (fs.existsSync(file)) throw new BackupError(`${file} already exists: delete it or choose another name.`);
  const key = encryptionKeyFromEnv(process.env);
  if (key) assertUsableKey(key);

  const strapi = await loadApp(app);
  try {
    // Written beside FILE under a temporary name and renamed at the end: FILE is never half written.
    const { path: written, warnings } = await exportArchive(strapi, `${file}.partial-${process.pid}`, key);
    fs.chmodSync(written, 0o600); // it holds unpublished drafts
    fs.renameSync(written, file);

    console.log(`Backup written to ${file} (${(fs.statSync(file).size / 1024).toFixed(1)} KB) in ${seconds(startedAt)}:`);
    console.log(formatSummary(await summariseContent(strapi)));
    console.log(
      key
        ? `Encrypted with ${ENCRYPTION_KEY_VARIABLE}: keep that key apart from the file; without it the backup cannot be restored.`
        : `NOT encrypted: ${ENCRYPTION_KEY_VARIABLE} is not set. The file holds unpublished drafts; store it accordingly.`,
    );
    for (const warning of warnings) console.warn(`warning: ${warning}`);
  } finally {
    await stopApp(strapi, app.distModule);
  }
};

run('backup', USAGE, main);
