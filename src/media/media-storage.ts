/**
 * Where media files live: an S3-compatible object store (AWS S3, SeaweedFS, Garage, Scaleway, OVH, …) when
 * S3_BUCKET, S3_ENDPOINT and credentials are set, so that any number of instances share them;
 * the local disk (public/uploads) otherwise.
 */
type Env = ((key: string, fallback?: any) => any) & { bool: (key: string, fallback?: boolean) => boolean };

export const s3Configured = (env: Env) =>
  ['S3_BUCKET', 'S3_ENDPOINT', 'S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY'].every((key) => Boolean(env(key)));

/** The `upload` plugin config: the aws-s3 provider, or undefined to keep Strapi's local provider. */
export const uploadPluginConfig = (env: Env) => {
  if (!s3Configured(env)) return undefined;
  return {
    config: {
      provider: 'aws-s3',
      providerOptions: {
        // The public address browsers load files from (a CDN or the bucket's public URL).
        baseUrl: env('S3_PUBLIC_URL'),
        rootPath: env('S3_ROOT_PATH'),
        s3Options: {
          endpoint: env('S3_ENDPOINT'),
          region: env('S3_REGION', 'us-east-1'),
          // Most self-hosted stores (SeaweedFS, Garage) need path-style addressing.
          forcePathStyle: env.bool('S3_FORCE_PATH_STYLE', true),
          credentials: { accessKeyId: env('S3_ACCESS_KEY_ID'), secretAccessKey: env('S3_SECRET_ACCESS_KEY') },
          params: { Bucket: env('S3_BUCKET'), ...(env('S3_ACL') ? { ACL: env('S3_ACL') } : {}) },
        },
      },
      actionOptions: { upload: {}, uploadStream: {}, delete: {} },
    },
  };
};

/** Origins the admin panel's Content-Security-Policy must allow images and media from. */
export const mediaOrigins = (env: Env): string[] => {
  if (!s3Configured(env)) return [];
  return [env('S3_PUBLIC_URL'), env('S3_ENDPOINT')]
    .filter(Boolean)
    .map((url: string) => new URL(url).origin)
    .filter((origin, index, all) => all.indexOf(origin) === index);
};
