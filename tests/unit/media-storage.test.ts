import middlewaresConfig from '../../config/middlewares';
import pluginsConfig from '../../config/plugins';
import { envFrom } from '../helpers/config-env';

const S3 = {
  S3_BUCKET: 'partner-cities',
  S3_ENDPOINT: 'http://media-store:8333',
  S3_PUBLIC_URL: 'https://media.leeds.example/partner-cities',
  S3_ACCESS_KEY_ID: 'key',
  S3_SECRET_ACCESS_KEY: 'secret',
};

const cspOf = (env: any) => (middlewaresConfig({ env }).find((entry: any) => entry?.name === 'strapi::security') as any).config.contentSecurityPolicy.directives;

describe('media storage', () => {
  it('uses the local provider unless S3 is fully configured', () => {
    expect((pluginsConfig({ env: envFrom({}) }) as any).upload).toBeUndefined();
    expect((pluginsConfig({ env: envFrom({ S3_BUCKET: 'only-a-bucket' }) }) as any).upload).toBeUndefined();
  });

  it('uses @strapi/provider-upload-aws-s3 with the bucket, endpoint and credentials from env', () => {
    const upload = (pluginsConfig({ env: envFrom(S3) }) as any).upload.config;
    expect(upload.provider).toBe('aws-s3');
    expect(upload.providerOptions).toMatchObject({
      baseUrl: 'https://media.leeds.example/partner-cities',
      s3Options: { endpoint: 'http://media-store:8333', forcePathStyle: true, credentials: { accessKeyId: 'key', secretAccessKey: 'secret' }, params: { Bucket: 'partner-cities' } },
    });
    // The provider Strapi will load accepts these options and offers what the upload plugin calls.
    // eslint-disable-next-line @typescript-eslint/no-var-requires
    const provider = require('@strapi/provider-upload-aws-s3');
    const instance = (provider.default ?? provider).init(upload.providerOptions);
    expect(Object.keys(instance)).toEqual(expect.arrayContaining(['upload', 'uploadStream', 'delete']));
    expect(typeof instance.upload).toBe('function');
  });

  it('lets the admin panel load images and media from the store (CSP)', () => {
    expect(cspOf(envFrom(S3))['img-src']).toEqual(expect.arrayContaining(["'self'", 'https://media.leeds.example', 'http://media-store:8333']));
    expect(cspOf(envFrom(S3))['media-src']).toContain('https://media.leeds.example');
    expect(cspOf(envFrom({}))['img-src']).not.toContain('http://media-store:8333');
  });
});
