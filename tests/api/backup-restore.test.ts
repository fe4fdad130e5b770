import crypto from 'crypto';
import fs from 'fs';
import os from 'os';
import path from 'path';
import sharp from 'sharp';
import { file as fileTransfer, utils as transferUtils } from '@strapi/data-transfer';
import { applicationContentTypes } from '../../src/backup/content-summary';
import { cityInput, partnershipInput, projectInput } from '../helpers/builders';
import { strapi as strapiTransfer } from '@strapi/data-transfer';
import { EDITOR_ROLE } from '../../src/domain/roles';
import { adminLogin, createApiToken } from '../helpers/callers';
import { mediaFileHashes, snapshotContent, snapshotTables, tableRowCounts, type Snapshot } from '../helpers/content-snapshot';
import { runScript, type ScriptRun } from '../helpers/scripts';
import { useApp } from '../helpers/strapi';
import { createDatabase, databaseUrl, dropDatabase } from '../setup/database';

/**
 * `npm run backup` and `npm run restore` as child processes: a copy of the seeded database plus
 * drafts, a component, relations and an uploaded image is backed up, restored into a brand-new
 * database, and the two are compared document by document over every api:: content type the app
 * has, with the media files' bytes. The encrypted backup is the one restored; the plain one is
 * read back with Strapi's own archive reader; then the refusals.
 */

// Media go to a public/ of the test's own (PUBLIC_DIR), not the checkout's: a restore replaces uploads/.
const tempDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pcms-backup-'));
const publicDir = (name: string) => {
  fs.mkdirSync(path.join(tempDir, name, 'uploads'), { recursive: true });
  return path.join(tempDir, name);
};
const sourcePublic = publicDir('source-public');
process.env.PUBLIC_DIR = sourcePublic;

const KEY = crypto.randomBytes(24).toString('base64');

describe('npm run backup / npm run restore', () => {
  const app = useApp();
  const target = `${process.env.TEST_TEMPLATE_DATABASE}_restored_${crypto.randomBytes(3).toString('hex')}`;
  const targetPublic = publicDir('target-public');
  const plainFile = path.join(tempDir, 'plain.tar.gz');
  const encryptedFile = path.join(tempDir, 'encrypted.tar.gz.enc');
  const fixtures: Record<string, string> = {};
  let uids: string[];
  let source: Snapshot;
  let sourceFiles: Record<string, string>;
  let refusedOverSource: Promise<ScriptRun>;
  let everyType: string[];
  let sourceEverything: Awaited<ReturnType<typeof snapshotEverything>>;
  /** Every content type (admin, plugins and the app's) and the tables of no type a restore replaces. */
  const snapshotEverything = async (database: string) => ({
    types: await snapshotContent(app().strapi, database, everyType),
    tables: await snapshotTables(database, ['strapi_core_store_settings', 'strapi_webhooks']),
    // And the number of rows of every table, so that nothing outside the above goes unseen.
    rows: await tableRowCounts(database),
  });

  const sourceEnv = () => ({ DATABASE_URL: databaseUrl(app().database), PUBLIC_DIR: sourcePublic, BACKUP_ENCRYPTION_KEY: undefined });
  const targetEnv = { DATABASE_URL: databaseUrl(target), PUBLIC_DIR: targetPublic, BACKUP_ENCRYPTION_KEY: undefined };

  beforeAll(async () => {
    const { strapi } = app();
    const documents = (uid: string) => strapi.documents(uid as any);

    const draftOnly = await documents('api::city.city').create({ locale: 'en', status: 'draft', data: cityInput({ summary: 'Never published.' }) as any });
    fixtures.draftOnly = draftOnly.documentId;

    const png = await sharp({ create: { width: 400, height: 300, channels: 3, background: { r: 20, g: 90, b: 160 } } }).png().toBuffer();
    const pngPath = path.join(tempDir, 'town-hall.png');
    fs.writeFileSync(pngPath, png);
    const [image] = await strapi
      .plugin('upload')
      .service('upload')
      .upload({
        data: { fileInfo: { name: 'town-hall.png', alternativeText: 'The town hall of Testville at dusk', caption: 'Town hall, 2024' } },
        files: { filepath: pngPath, originalFilename: 'town-hall.png', mimetype: 'image/png', size: png.length },
      });
    const city = await documents('api::city.city').create({ locale: 'en', status: 'published', data: cityInput({ image: image.id }) as any });
    await documents('api::city.city').update({ documentId: city.documentId, locale: 'en', data: { summary: 'Edited after publishing, not yet published.' } as any });
    fixtures.changedDraft = city.documentId;

    const project = await documents('api::project.project').create({
      locale: 'en',
      status: 'published',
      data: projectInput({ organisations: [{ name: 'Leeds Beckett University', role: 'Lead partner', countryCode: 'GB' }] }) as any,
    });
    const partnership = await documents('api::partnership.partnership').create({
      locale: 'en',
      status: 'published',
      data: partnershipInput(city.documentId, { projects: [project.documentId] }) as any,
    });
    fixtures.project = project.documentId;
    fixtures.partnership = partnership.documentId;

    // What is not content but is in a backup: an admin user and what they made, API tokens.
    const editor = await adminLogin(app(), EDITOR_ROLE.code);
    const made = await app().http().post('/content-manager/collection-types/api::theme.theme?locale=en').set(editor.headers).send({ name: 'Made by an editor' });
    expect(made.status).toBe(201);
    await createApiToken(app(), 'read-only');
    await createApiToken(app(), 'custom', ['api::city.city.find']);

    uids = applicationContentTypes(strapi);
    source = await snapshotContent(strapi, app().database, [...uids, 'plugin::upload.file', 'plugin::i18n.locale']);
    everyType = Object.keys(strapi.contentTypes).filter((uid) => !strapiTransfer.getIgnoredOfficialTransferTypes().includes(uid));
    sourceEverything = await snapshotEverything(app().database);
    sourceFiles = await mediaFileHashes(app().database, sourcePublic);
    await createDatabase(target);
  }, 120_000);

  afterAll(async () => {
    await dropDatabase(target);
    fs.rmSync(tempDir, { recursive: true, force: true });
    delete process.env.PUBLIC_DIR;
  });

  it('has the cases the round trip must carry in the source', () => {
    const cities = source['api::city.city'];
    expect(cities[`${fixtures.draftOnly} en draft`]).toBeDefined();
    expect(cities[`${fixtures.draftOnly} en published`]).toBeUndefined();
    expect(cities[`${fixtures.changedDraft} en draft`].summary).not.toBe(cities[`${fixtures.changedDraft} en published`].summary);
    expect(cities[`${fixtures.changedDraft} en published`].image).toEqual([
      expect.objectContaining({ alternativeText: 'The town hall of Testville at dusk', caption: 'Town hall, 2024', mime: 'image/png', width: 400 }),
    ]);
    expect(source['api::project.project'][`${fixtures.project} en published`].organisations).toEqual([
      expect.objectContaining({ name: 'Leeds Beckett University', countryCode: 'GB' }),
    ]);
    expect(source['api::partnership.partnership'][`${fixtures.partnership} en published`]).toMatchObject({
      city: [`${fixtures.changedDraft} en published`],
      projects: [`${fixtures.project} en published`],
    });
    expect(Object.keys(sourceFiles).length).toBeGreaterThanOrEqual(2); // the image and its thumbnail
    expect(Object.keys(source['api::translation-fingerprint.translation-fingerprint']).length).toBeGreaterThan(0);
  });

  it('backs up, encrypted or not, and restores into a brand-new database every version, component, relation, media file and documentId', async () => {
    const [plain, encrypted] = await Promise.all([
      runScript('backup.js', [plainFile, '--no-build'], sourceEnv()),
      runScript('backup.js', [encryptedFile, '--no-build'], { ...sourceEnv(), BACKUP_ENCRYPTION_KEY: KEY }),
    ]);
    expect(plain).toMatchObject({ code: 0, stderr: '' });
    expect(plain.stdout).toContain('NOT encrypted: BACKUP_ENCRYPTION_KEY is not set');
    expect(encrypted).toMatchObject({ code: 0, stderr: '' });
    expect(encrypted.stdout).toContain('Encrypted with BACKUP_ENCRYPTION_KEY');
    expect(fs.readFileSync(encryptedFile).subarray(0, 2)).not.toEqual(fs.readFileSync(plainFile).subarray(0, 2));

    // Started beside the restore to save a boot's worth of time; checked in the refusals test below.
    refusedOverSource = runScript('restore.js', [plainFile, '--no-build'], sourceEnv());
    const restore = await runScript('restore.js', [encryptedFile, '--no-build'], { ...targetEnv, BACKUP_ENCRYPTION_KEY: KEY });
    expect(restore).toMatchObject({ code: 0 });
    expect(restore.stdout).toContain('(encrypted)');
    const summary = (run: ScriptRun) => run.stdout.split('\n').filter((line) => /^ {2}\S/.test(line));
    expect(summary(restore)).toEqual(summary(encrypted));

    const restored = await snapshotContent(app().strapi, target, [...uids, 'plugin::upload.file', 'plugin::i18n.locale']);
    for (const uid of Object.keys(source)) expect({ uid, versions: restored[uid] }).toEqual({ uid, versions: source[uid] });
    expect(await mediaFileHashes(target, targetPublic)).toEqual(sourceFiles);
    console.log(
      `[backup-restore] backups ${plain.seconds.toFixed(1)} s (plain) and ${encrypted.seconds.toFixed(1)} s (encrypted) side by side, ` +
        `restore into an empty database ${restore.seconds.toFixed(1)} s\n${summary(restore).join('\n')}`,
    );
  }, 240_000);

  it('restores every table exactly, admin users, roles, permissions and tokens included, and again with --force over it', async () => {
    expect(Object.keys(sourceEverything.types['admin::user'])).toHaveLength(1);
    expect(Object.keys(sourceEverything.types['admin::api-token']).length).toBeGreaterThanOrEqual(2);
    const compare = (restored: Awaited<ReturnType<typeof snapshotEverything>>) => {
      for (const uid of everyType) expect({ uid, rows: restored.types[uid] }).toEqual({ uid, rows: sourceEverything.types[uid] });
      expect(restored.tables).toEqual(sourceEverything.tables);
      expect(restored.rows).toEqual(sourceEverything.rows);
    };
    compare(await snapshotEverything(target));
    const again = await runScript('restore.js', [encryptedFile, '--no-build', '--force'], { ...targetEnv, BACKUP_ENCRYPTION_KEY: KEY });
    expect(again).toMatchObject({ code: 0 });
    compare(await snapshotEverything(target));
  }, 240_000);

  it('writes the unencrypted backup as a Strapi archive holding every version and media file', async () => {
    const archive = fileTransfer.providers.createLocalFileSourceProvider({ file: { path: plainFile }, compression: { enabled: true }, encryption: { enabled: false } });
    await archive.bootstrap(transferUtils.diagnostics.createDiagnosticReporter());
    const versions: string[] = [];
    for await (const entity of archive.createEntitiesReadStream()) {
      if (uids.includes(entity.type)) versions.push(`${entity.type} ${entity.data.documentId} ${entity.data.locale ?? '-'} ${entity.data.publishedAt ? 'published' : 'draft'}`);
    }
    expect(versions.sort()).toEqual(uids.flatMap((uid) => Object.keys(source[uid]).map((key) => `${uid} ${key}`)).sort());
    const files: Record<string, string> = {};
    for await (const asset of await archive.createAssetsReadStream()) {
      const hash = crypto.createHash('sha256');
      for await (const chunk of asset.stream) hash.update(chunk);
      files[`/uploads/${asset.filename}`] = hash.digest('hex');
    }
    expect(files).toEqual(sourceFiles);
  });

  it('refuses a wrong or missing key, a database with content without --force, and no FILE', async () => {
    // These stop before anything boots; run side by side.
    const [missingKey, wrongKey, shortKey, noFile] = await Promise.all([
      runScript('restore.js', [encryptedFile, '--no-build'], targetEnv),
      runScript('restore.js', [encryptedFile, '--no-build'], { ...targetEnv, BACKUP_ENCRYPTION_KEY: `${KEY}x` }),
      runScript('backup.js', [path.join(tempDir, 'other.tar.gz.enc'), '--no-build'], { ...sourceEnv(), BACKUP_ENCRYPTION_KEY: 'short' }),
      runScript('restore.js', ['--no-build'], targetEnv),
    ]);
    expect(missingKey.code).toBe(1);
    expect(missingKey.stderr).toContain(`restore: ${encryptedFile} is encrypted or is not a backup: set BACKUP_ENCRYPTION_KEY to the key it was made with.`);
    expect(wrongKey.code).toBe(1);
    expect(wrongKey.stderr).toContain(`restore: BACKUP_ENCRYPTION_KEY does not decrypt ${encryptedFile}: wrong key`);
    expect(shortKey.code).toBe(1);
    expect(shortKey.stderr).toContain('BACKUP_ENCRYPTION_KEY is too short');
    expect(noFile.code).toBe(2);
    expect(noFile.stderr).toContain('restore: FILE is missing\nusage: npm run restore -- FILE');

    // The source database has content: a restore without --force refuses it and leaves it as it was.
    const notEmpty = await refusedOverSource;
    expect(notEmpty.code).toBe(1);
    expect(notEmpty.stderr).toMatch(/restore: the target database is not empty \(.*api::city\.city: \d+ rows.*run again with --force/);
    expect(await snapshotContent(app().strapi, app().database, Object.keys(source))).toEqual(source);
  }, 120_000);
});
