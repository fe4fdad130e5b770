import { env } from '@strapi/utils';
import { S3Client } from '@aws-sdk/client-s3';
import { uploadPluginConfig } from './media-storage';

/**
 * An S3 client for the configured media store, with the same settings the upload provider uses
 * (config/plugins.ts), or undefined when media stay on local disk. The caller destroys it.
 */
export const openMediaStore = () => {
  const upload = uploadPluginConfig(env as any);
  if (!upload) return undefined;
  const { baseUrl, rootPath, s3Options } = upload.config.providerOptions;
  const { params, ...clientOptions } = s3Options;
  return {
    client: new S3Client(clientOptions),
    bucket: params.Bucket as string,
    endpoint: String(clientOptions.endpoint),
    publicUrl: baseUrl as string | undefined,
    rootPath: rootPath as string | undefined,
  };
};
