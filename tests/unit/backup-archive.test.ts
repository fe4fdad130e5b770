import zlib from 'zlib';
import { utils as transferUtils } from '@strapi/data-transfer';
import { archiveEncryption, assertUsableKey, encryptionKeyFromEnv } from '../../src/backup/archive-format';

/** Telling plain from encrypted backups, and a right key from a wrong one, before anything boots. */
const archive = zlib.gzipSync(Buffer.from('a Strapi export archive stands in here'.repeat(4)));
const encryptWithStrapi = (key: string) => {
  const cipher = transferUtils.encryption.createEncryptionCipher(key);
  return Buffer.concat([cipher.update(archive), cipher.final()]);
};
const KEY = 'a-long-enough-backup-key';

describe('backup archive format', () => {
  it('reads a gzip archive as unencrypted, with or without a key', () => {
    expect(archiveEncryption('plain.tar.gz', archive.subarray(0, 16), undefined)).toEqual({ encrypted: false });
    expect(archiveEncryption('plain.tar.gz', archive.subarray(0, 16), KEY)).toEqual({ encrypted: false });
  });

  it("accepts the key an archive was encrypted with by Strapi's cipher", () => {
    expect(archiveEncryption('b.enc', encryptWithStrapi(KEY).subarray(0, 16), KEY)).toEqual({ encrypted: true });
  });

  it('says when the key is missing or wrong, and when the file is no backup at all', () => {
    const head = encryptWithStrapi(KEY).subarray(0, 16);
    expect(() => archiveEncryption('b.enc', head, undefined)).toThrow('b.enc is encrypted or is not a backup: set BACKUP_ENCRYPTION_KEY to the key it was made with.');
    expect(() => archiveEncryption('b.enc', head, `${KEY}!`)).toThrow('BACKUP_ENCRYPTION_KEY does not decrypt b.enc: wrong key');
    expect(() => archiveEncryption('empty', Buffer.alloc(0), KEY)).toThrow('empty is not a backup (it is 0 bytes long).');
  });

  it('takes the key from BACKUP_ENCRYPTION_KEY, unset when empty, and refuses short ones for new backups', () => {
    expect(encryptionKeyFromEnv({ BACKUP_ENCRYPTION_KEY: KEY })).toBe(KEY);
    expect(encryptionKeyFromEnv({ BACKUP_ENCRYPTION_KEY: '' })).toBeUndefined();
    expect(encryptionKeyFromEnv({})).toBeUndefined();
    expect(() => assertUsableKey('short')).toThrow('BACKUP_ENCRYPTION_KEY is too short (5 characters): use at least 16');
    expect(() => assertUsableKey(KEY)).not.toThrow();
  });
});
