import { GetObjectCommand } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { openMediaStore } from './store-client';

/**
 * Reading stored media the way the server can, not the way browsers do. A file's URL starts with
 * S3_PUBLIC_URL (a CDN, or in docker-compose `localhost:8333`), which the server may not reach;
 * the same object is readable through the store's API at S3_ENDPOINT with the app's key.
 * Returns a URL signed for that (valid 15 minutes), or undefined for a file not in the bucket.
 */
export type StoreReader = { signedUrl: (fileUrl: string) => Promise<string | undefined>; close: () => void };

export const storeReader = (): StoreReader | undefined => {
  const store = openMediaStore();
  if (!store) return undefined;
  const { client, bucket, endpoint, publicUrl, rootPath } = store;
  // The provider writes `${S3_PUBLIC_URL}/${key}` when it is set, else a path-style URL on the endpoint.
  const prefixes = [publicUrl, `${endpoint.replace(/\/+$/, '')}/${bucket}`].filter(Boolean).map((prefix) => `${String(prefix).replace(/\/+$/, '')}/`);
  return {
    signedUrl: async (fileUrl) => {
      const prefix = prefixes.find((candidate) => fileUrl.startsWith(candidate));
      if (!prefix) return undefined;
      const key = decodeURIComponent(fileUrl.slice(prefix.length).split('?')[0]);
      if (rootPath && !key.startsWith(`${rootPath}/`)) return undefined;
      return getSignedUrl(client, new GetObjectCommand({ Bucket: bucket, Key: key }), { expiresIn: 15 * 60 });
    },
    close: () => client.destroy(),
  };
};
