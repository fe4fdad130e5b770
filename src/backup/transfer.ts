import type { Core } from '@strapi/strapi';
import { engine as transferEngine, file as fileTransfer, strapi as strapiTransfer } from '@strapi/data-transfer';
import { waitForIdleDatabase } from '../database/wait-for-idle-database';
import { storeReader } from '../media/store-reads';
import { rebuildSearchIndex } from '../search/index-store';
import { BackupError } from './archive-format';

/**
 * The two transfers behind `npm run backup` and `npm run restore`: the same @strapi/data-transfer
 * providers and options as `strapi export` and `strapi import`, driven from code so that the
 * key comes from the environment (not argv), nothing prompts, and errors say what went wrong.
 */
type Engine = ReturnType<typeof transferEngine.createTransferEngine>;

/** Runs a transfer, keeping its warnings and turning its error diagnostics into one message. */
const runTransfer = async (engine: Engine, action: 'backup' | 'restore') => {
  const warnings: string[] = [];
  const errors: string[] = [];
  engine.diagnostics.onDiagnostic((diagnostic) => {
    if (diagnostic.kind === 'warning') warnings.push(diagnostic.details.message);
    if (diagnostic.kind === 'error') errors.push(diagnostic.details.error?.message ?? diagnostic.details.message);
  });
  try {
    const results = await engine.transfer();
    return { results, warnings };
  } catch (error) {
    const reasons = [...new Set([...errors, (error as Error).message])].filter(Boolean);
    throw new BackupError(`${action} failed: ${reasons.join('; ')}`);
  }
};

/**
 * Makes the export read media in an object store through the store's own API (URLs signed for
 * S3_ENDPOINT with the app's key, src/media/store-reads.ts) rather than through S3_PUBLIC_URL,
 * which is for browsers and may be out of the server's reach. Strapi's export asks the upload
 * provider for signed URLs only when it says the bucket is private, and the S3 provider never
 * signs a URL under its public base URL; so for the export's duration both answers come from here.
 * Returns the undo.
 */
type SigningProvider = { isPrivate?: () => boolean | Promise<boolean>; getSignedUrl?: (file: { url: string }) => Promise<{ url: string }> };
const readMediaThroughStoreApi = (strapi: Core.Strapi) => {
  const provider = strapi.plugin('upload').provider as SigningProvider | undefined;
  const reader = storeReader();
  if (!provider || !reader) return () => undefined;
  const { isPrivate, getSignedUrl } = provider;
  provider.isPrivate = () => true;
  provider.getSignedUrl = async (file) => ({ url: (await reader.signedUrl(file.url)) ?? file.url });
  return () => {
    Object.assign(provider, { isPrivate, getSignedUrl });
    reader.close();
  };
};

/** Writes `<base>.tar.gz` (or `.tar.gz.enc` with a key) and returns its path. */
export const exportArchive = async (strapi: Core.Strapi, base: string, key: string | undefined) => {
  const undo = readMediaThroughStoreApi(strapi);
  try {
    return await writeArchive(strapi, base, key);
  } finally {
    undo();
  }
};

const writeArchive = async (strapi: Core.Strapi, base: string, key: string | undefined) => {
  const source = strapiTransfer.providers.createLocalStrapiSourceProvider({ getStrapi: () => strapi, autoDestroy: false });
  const destination = fileTransfer.providers.createLocalFileDestinationProvider({
    file: { path: base },
    compression: { enabled: true },
    encryption: { enabled: Boolean(key), key },
  });
  const engine = transferEngine.createTransferEngine(source, destination, { versionStrategy: 'ignore', schemaStrategy: 'ignore' });
  const { warnings } = await runTransfer(engine, 'backup');
  const path = destination.results.file?.path;
  if (!path) throw new BackupError('backup failed: the export wrote no file');
  return { path, warnings };
};

/**
 * Replaces everything in the database (and the media store) with the archive's, like
 * `strapi import --force`: every type is emptied first, admin users, roles, permissions and API
 * tokens included, since the archive carries them too. Emptying only the content and leaving the
 * admin tables as the app's start-up made them doubled every role permission and the default
 * "Read Only" token. Media files and settings (core store, webhooks) are replaced too. One
 * transaction: a failed restore leaves the database as it was.
 */
export const importArchive = async (strapi: Core.Strapi, path: string, key: string | undefined, encrypted: boolean) => {
  const source = fileTransfer.providers.createLocalFileSourceProvider({
    file: { path },
    compression: { enabled: true },
    encryption: { enabled: encrypted, key: encrypted ? key : undefined },
  });
  // Only what Strapi's own transfers never carry (content releases) is left as it is.
  const kept = strapiTransfer.getIgnoredOfficialTransferTypes();
  const destination = strapiTransfer.providers.createLocalStrapiDestinationProvider({
    getStrapi: () => strapi,
    autoDestroy: false,
    strategy: 'restore',
    restore: { entities: { exclude: kept }, assets: true, configuration: { webhook: true, coreStore: true } },
  });
  const engine = transferEngine.createTransferEngine(source, destination, {
    versionStrategy: transferEngine.DEFAULT_VERSION_STRATEGY,
    schemaStrategy: transferEngine.DEFAULT_SCHEMA_STRATEGY,
  });
  const outcome = await runTransfer(engine, 'restore');
  // The engine ends its transaction without awaiting the COMMIT: wait for it before anyone reads.
  await waitForIdleDatabase(strapi);
  // The archive's rows went in below the Document Service: index what is now published.
  await rebuildSearchIndex(strapi);
  return outcome;
};
