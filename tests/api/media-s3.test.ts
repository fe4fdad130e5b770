import crypto from 'crypto';
import fs from 'fs';
import os from 'os';
import path from 'path';
import { Client } from 'pg';
import sharp from 'sharp';
import S3rver from 's3rver';
import { GetObjectCommand, HeadBucketCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { cityInput } from '../helpers/builders';
import { adminLogin } from '../helpers/callers';
import { startTcpProxy, type TcpProxy } from '../helpers/tcp-proxy';
import { runScript } from '../helpers/scripts';
import { useApp } from '../helpers/strapi';
import { createDatabase, databaseUrl, dropDatabase } from '../setup/database';

/**
 * Media on S3, end to end: a real S3 server (s3rver) on a loopback port, the app configured with
 * the S3_* settings as in production, files sent through @strapi/provider-upload-aws-s3 by the
 * admin upload API. Browsers load files from S3_PUBLIC_URL, here a proxy of the test's own in
 * front of the store, so the test can take that address away (as it is inside docker-compose's
 * containers) and show that a backup still carries every file.
 */
const CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' }; // s3rver's fixed key
const BUCKET = 'pcms-media';
const RESTORED_BUCKET = 'pcms-media-restored';

const tempDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pcms-s3-'));
const store = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory: path.join(tempDir, 'store') });
let endpoint = '';
let publicProxy: TcpProxy;
let s3: S3Client;

const s3Env = (bucket: string, publicUrl: string) => ({
  S3_BUCKET: bucket,
  S3_ENDPOINT: endpoint,
  S3_ACCESS_KEY_ID: CREDENTIALS.accessKeyId,
  S3_SECRET_ACCESS_KEY: CREDENTIALS.secretAccessKey,
  S3_PUBLIC_URL: publicUrl,
  S3_CREATE_BUCKET: 'true',
});
const publicUrl = () => `http://127.0.0.1:${publicProxy.port}/${BUCKET}`;

/** Every object in a bucket, key → bytes. */
const bucketObjects = async (bucket: string) => {
  const listed = await s3.send(new ListObjectsV2Command({ Bucket: bucket }));
  const objects: Record<string, Buffer> = {};
  for (const { Key } of listed.Contents ?? []) {
    const object = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: Key! }));
    objects[Key!] = Buffer.from(await object.Body!.transformToByteArray());
  }
  return objects;
};

type StoredFile = { url: string; hash: string; ext: string; formats?: Record<string, { url: string; hash: string; ext: string }> | null };
/** The file's original and each generated format. */
const variants = (file: StoredFile) => [file, ...Object.values(file.formats ?? {})];
const keyOf = (variant: { hash: string; ext: string }) => `${variant.hash}${variant.ext}`;

const fetchBytes = async (url: string) => {
  const response = await fetch(url);
  expect({ url, status: response.status }).toEqual({ url, status: 200 });
  return Buffer.from(await response.arrayBuffer());
};

const photo = (colour: { r: number; g: number; b: number }) =>
  sharp({ create: { width: 1200, height: 800, channels: 3, background: colour } }).jpeg({ quality: 80 }).toBuffer();


describe('media on an S3 server', () => {
  beforeAll(async () => {
    const { port } = await store.run();
    endpoint = `http://127.0.0.1:${port}`;
    publicProxy = await startTcpProxy({ host: '127.0.0.1', port });
    s3 = new S3Client({ endpoint, region: 'us-east-1', forcePathStyle: true, credentials: CREDENTIALS });
  });
  const app = useApp(() => ({ env: s3Env(BUCKET, publicUrl()) }));
  let editor: Awaited<ReturnType<typeof adminLogin>>;
  let kept: StoredFile & { id: number };

  beforeAll(async () => {
    editor = await adminLogin(app());
  });

  afterAll(async () => {
    s3?.destroy();
    await publicProxy?.close();
    await store.close();
    fs.rmSync(tempDir, { recursive: true, force: true });
  });

  const upload = (bytes: Buffer, name: string, replacing?: number) =>
    app()
      .http()
      .post(replacing ? `/upload?id=${replacing}` : '/upload')
      .set(editor.headers)
      .field('fileInfo', JSON.stringify({ name, alternativeText: `${name}, a test photograph` }))
      .attach('files', bytes, { filename: name, contentType: 'image/jpeg' });

  it('creates the bucket at start (S3_CREATE_BUCKET=true)', async () => {
    await expect(s3.send(new HeadBucketCommand({ Bucket: BUCKET }))).resolves.toBeDefined();
  });

  it('stores the original and every generated format in the bucket, each served from S3_PUBLIC_URL', async () => {
    const response = await upload(await photo({ r: 200, g: 30, b: 30 }), 'civic-hall.jpg');
    expect(response.status).toBe(201);
    const file: StoredFile & { id: number } = Array.isArray(response.body) ? response.body[0] : response.body;
    expect(Object.keys(file.formats ?? {}).sort()).toEqual(['large', 'medium', 'small', 'thumbnail']);

    const objects = await bucketObjects(BUCKET);
    expect(Object.keys(objects).sort()).toEqual(variants(file).map(keyOf).sort());
    for (const variant of variants(file)) {
      expect(variant.url).toBe(`${publicUrl()}/${keyOf(variant)}`);
      expect((await fetchBytes(variant.url)).equals(objects[keyOf(variant)])).toBe(true);
    }
    kept = file;
  });

  it('gives the public API the S3_PUBLIC_URL addresses of a published city image', async () => {
    const city = await app().strapi.documents('api::city.city').create({ locale: 'en', status: 'published', data: cityInput({ image: kept.id }) as any });
    const response = await app().http().get(`/api/cities/${city.documentId}?populate=image`);
    expect(response.status).toBe(200);
    const image = response.body.data.image;
    expect(image.url).toBe(kept.url);
    for (const format of Object.values<any>(image.formats)) expect(format.url.startsWith(`${publicUrl()}/`)).toBe(true);
    const objects = await bucketObjects(BUCKET);
    expect((await fetchBytes(image.url)).equals(objects[keyOf(kept)])).toBe(true);
  });

  it('replacing a file replaces its objects; deleting one removes them', async () => {
    const before = await bucketObjects(BUCKET);
    const replaced = await upload(await photo({ r: 30, g: 160, b: 60 }), 'civic-hall-green.jpg', kept.id);
    expect(replaced.status).toBe(200);
    const file: StoredFile & { id: number } = replaced.body;
    expect(file.id).toBe(kept.id);
    const after = await bucketObjects(BUCKET);
    expect(Object.keys(after).sort()).toEqual(variants(file).map(keyOf).sort());
    expect(after[keyOf(file)].equals(before[keyOf(kept)] ?? Buffer.alloc(0))).toBe(false);
    for (const variant of variants(file)) expect((await fetchBytes(variant.url)).equals(after[keyOf(variant)])).toBe(true);
    kept = file;

    const other = await upload(await photo({ r: 20, g: 20, b: 200 }), 'canal.jpg');
    expect(other.status).toBe(201);
    const otherFile: StoredFile & { id: number } = other.body[0];
    expect(Object.keys(await bucketObjects(BUCKET))).toEqual(expect.arrayContaining(variants(otherFile).map(keyOf)));
    expect((await app().http().delete(`/upload/files/${otherFile.id}`).set(editor.headers)).status).toBe(200);
    expect(Object.keys(await bucketObjects(BUCKET)).sort()).toEqual(variants(kept).map(keyOf).sort());
  });

  it('npm run backup / restore carry every stored file, read through the S3 API when S3_PUBLIC_URL is out of reach', async () => {
    const original = await bucketObjects(BUCKET);
    // Inside a container the public address (a CDN, or localhost:8333) is often unreachable.
    await publicProxy.refuse();
    const file = path.join(tempDir, 'with-s3-media.tar.gz');
    const backup = await runScript('backup.js', [file, '--no-build'], { DATABASE_URL: databaseUrl(app().database), ...s3Env(BUCKET, publicUrl()) });
    expect({ code: backup.code, output: backup.stdout + backup.stderr }).toEqual({ code: 0, output: expect.stringContaining(file) });

    const target = `${app().database}_restored`;
    await createDatabase(target);
    try {
      const restoredPublicUrl = `${endpoint}/${RESTORED_BUCKET}`;
      const restore = await runScript('restore.js', [file, '--no-build'], { DATABASE_URL: databaseUrl(target), ...s3Env(RESTORED_BUCKET, restoredPublicUrl) });
      expect({ code: restore.code, output: restore.stdout + restore.stderr }).toEqual({ code: 0, output: expect.any(String) });

      const client = new Client({ connectionString: databaseUrl(target) });
      await client.connect();
      // The restore re-indexed what it brought for search (it writes below the Document Service).
      const searchRows = async (database: string) => {
        const other = new Client({ connectionString: databaseUrl(database) });
        await other.connect();
        const { rows: counted } = await other.query('select count(*)::int as count from pcms_search');
        await other.end();
        return counted[0].count as number;
      };
      expect(await searchRows(target)).toBe(await searchRows(app().database));
      expect(await searchRows(target)).toBeGreaterThan(100);
      const rows = (await client.query('select url, hash, ext, formats from files')).rows.map((row) => ({ ...row, formats: typeof row.formats === 'string' ? JSON.parse(row.formats) : row.formats })) as StoredFile[];
      await client.end();
      expect(rows).toHaveLength(1);
      const restored = await bucketObjects(RESTORED_BUCKET);
      expect(Object.keys(restored).sort()).toEqual(Object.keys(original).sort());
      for (const [key, bytes] of Object.entries(original)) expect({ key, same: restored[key].equals(bytes) }).toEqual({ key, same: true });
      for (const variant of variants(rows[0])) {
        expect(variant.url).toBe(`${restoredPublicUrl}/${keyOf(variant)}`);
        expect((await fetchBytes(variant.url)).equals(original[keyOf(variant)])).toBe(true);
      }
    } finally {
      await dropDatabase(target);
    }
  }, 120_000);
});
