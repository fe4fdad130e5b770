import sharp from 'sharp';
import { tempFilesSince } from '../helpers/temp-files';
import { adminLogin, createApiToken, withToken } from '../helpers/callers';
import { useApp } from '../helpers/strapi';

/**
 * Multipart bodies are read only where an upload is expected, after login, and their temporary
 * files are removed whatever the outcome. Stock Strapi parsed them on every path before routing
 * into the temp directory and deleted only a field named `files`, only on success.
 */

Object.assign(process.env, { UPLOAD_MAX_FILE_SIZE_MB: '1', BODY_TEXT_LIMIT: '64kb' });

describe('multipart bodies', () => {
  const app = useApp();
  let png: Buffer;

  let leftBehind: () => Promise<string[]>;

  beforeAll(async () => {
    leftBehind = tempFilesSince();
    png = await sharp({ create: { width: 30, height: 20, channels: 3, background: '#aa3322' } }).png().toBuffer();
  });


  it('leaves nothing on disk for anonymous multipart requests, on any path, with any field name', async () => {
    for (const target of ['/api/cities', '/API/upload', '/api/upload', '/upload', '/admin/login', '/translations/xliff?locale=fr', '/nowhere', '/content-manager/collection-types/api::city.city']) {
      for (const field of ['files', 'file', 'anything']) {
        const response = await app().http().post(target).attach(field, Buffer.alloc(20_000, 7), { filename: 'junk.bin', contentType: 'application/octet-stream' });
        expect({ target, field, status: response.status < 500 }).toEqual({ target, field, status: true });
      }
    }
    expect(await leftBehind()).toEqual([]);
  });

  it('uploads media for a signed-in admin and an API token, and removes the temporary files after', async () => {
    const admin = await adminLogin(app());
    const viaAdmin = await app().http().post('/upload').set(admin.headers).field('fileInfo', JSON.stringify({ alternativeText: 'A red square' })).attach('files', png, { filename: 'red.png', contentType: 'image/png' });
    expect(viaAdmin.status).toBe(201);
    expect(viaAdmin.body[0]).toMatchObject({ alternativeText: 'A red square', mime: 'image/png' });
    const token = await createApiToken(app(), 'full-access');
    const viaToken = await app().http().post('/api/upload').set(withToken(token)).attach('files', png, { filename: 'red-too.png' });
    expect(viaToken.status).toBe(201);
    expect(viaToken.body[0].mime).toBe('image/png');
    expect(await leftBehind()).toEqual([]);
  });

  it('removes them when the upload is refused: too large, malformed, or in a field the route does not read', async () => {
    const admin = await adminLogin(app());
    const tooLarge = await app().http().post('/upload').set(admin.headers).attach('files', Buffer.alloc(1024 * 1024 + 100, 1), { filename: 'big.png', contentType: 'image/png' });
    expect(tooLarge.status).toBe(413);
    expect(tooLarge.body.error.name).toBe('PayloadTooLargeError');
    const malformed = await app().http().post('/upload').set(admin.headers).field('fileInfo', '{not json').attach('files', png, { filename: 'red.png', contentType: 'image/png' });
    expect(malformed.status).toBe(400);
    const wrongField = await app().http().post('/upload').set(admin.headers).attach('attachment', png, { filename: 'red.png', contentType: 'image/png' });
    expect(wrongField.status).toBe(400);
    expect(await leftBehind()).toEqual([]);
  });

  it('holds an XLIFF file to the same size limit as an XLIFF text body', async () => {
    const admin = await adminLogin(app());
    const export_ = await app().http().get('/translations/xliff?locale=fr&uid=api::international-relations-page.international-relations-page').set(admin.headers);
    expect(export_.status).toBe(200);
    const asFile = await app().http().post('/translations/xliff?locale=fr').set(admin.headers).attach('file', Buffer.from(export_.text), { filename: 'fr.xlf', contentType: 'application/xliff+xml' });
    expect(asFile.status).toBe(200);

    const padded = Buffer.from(export_.text.replace('</xliff>', `<!-- ${'x'.repeat(70 * 1024)} --></xliff>`));
    const asBigFile = await app().http().post('/translations/xliff?locale=fr').set(admin.headers).attach('file', padded, { filename: 'fr.xlf', contentType: 'application/xliff+xml' });
    expect(asBigFile.status).toBe(413);
    const asBigText = await app().http().post('/translations/xliff?locale=fr').set(admin.headers).set('Content-Type', 'text/plain').send(padded.toString());
    expect(asBigText.status).toBe(413);
    expect(await leftBehind()).toEqual([]);
  });
});
