import crypto from 'crypto';
import fs from 'fs/promises';

/**
 * Backups are Strapi export archives (tar, gzip, then optionally Strapi's aes-128-ecb with a key
 * derived by scrypt), so `strapi import` reads them too. Before booting anything, restore looks
 * at the first bytes to tell a plain archive from an encrypted one and to check the key.
 */
export class BackupError extends Error {}

export const ENCRYPTION_KEY_VARIABLE = 'BACKUP_ENCRYPTION_KEY';
export const MIN_KEY_LENGTH = 16;
const AES_BLOCK = 16;

const isGzip = (bytes: Buffer) => bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;

/** The key from the environment; undefined when unset or empty (backups are then not encrypted). */
export const encryptionKeyFromEnv = (env: NodeJS.ProcessEnv): string | undefined => env[ENCRYPTION_KEY_VARIABLE] || undefined;

/** A key for new backups: long enough to resist guessing (scrypt slows guesses, it cannot fix a short key). */
export const assertUsableKey = (key: string) => {
  if (key.length < MIN_KEY_LENGTH) {
    throw new BackupError(
      `${ENCRYPTION_KEY_VARIABLE} is too short (${key.length} characters): use at least ${MIN_KEY_LENGTH}, e.g. \`openssl rand -base64 32\`.`,
    );
  }
};

// ECB encrypts each 16-byte block on its own, so the first block alone says whether a key is right.
const decryptFirstBlock = (block: Buffer, key: string) => {
  const decipher = crypto.createDecipheriv('aes-128-ecb', crypto.scryptSync(key, '', 16), null);
  decipher.setAutoPadding(false);
  return decipher.update(block.subarray(0, AES_BLOCK));
};

/** Whether the archive whose first bytes are `head` is encrypted; throws a BackupError saying what to do. */
export const archiveEncryption = (file: string, head: Buffer, key: string | undefined): { encrypted: boolean } => {
  if (isGzip(head)) return { encrypted: false };
  if (head.length < AES_BLOCK) throw new BackupError(`${file} is not a backup (it is ${head.length} bytes long).`);
  if (!key) {
    throw new BackupError(`${file} is encrypted or is not a backup: set ${ENCRYPTION_KEY_VARIABLE} to the key it was made with.`);
  }
  if (!isGzip(decryptFirstBlock(head, key))) {
    throw new BackupError(`${ENCRYPTION_KEY_VARIABLE} does not decrypt ${file}: wrong key, or the file is not a backup made by npm run backup.`);
  }
  return { encrypted: true };
};

export const readArchiveHead = async (file: string): Promise<Buffer> => {
  const handle = await fs.open(file, 'r').catch((error: NodeJS.ErrnoException) => {
    throw new BackupError(error.code === 'ENOENT' ? `${file} does not exist.` : `cannot read ${file}: ${error.message}`);
  });
  try {
    const head = Buffer.alloc(AES_BLOCK);
    const { bytesRead } = await handle.read(head, 0, AES_BLOCK, 0);
    return head.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
};
