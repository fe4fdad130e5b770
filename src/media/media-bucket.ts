import type { Core } from '@strapi/strapi';
import { env } from '@strapi/utils';
import { CreateBucketCommand, HeadBucketCommand } from '@aws-sdk/client-s3';
import { openMediaStore } from './store-client';

/**
 * With S3_CREATE_BUCKET=true the app creates its media bucket at start when it does not exist,
 * so a self-hosted stack (docker-compose's SeaweedFS) needs no set-up job. Off by default: a
 * production bucket is provisioned with its policies, and its keys need not allow creating one.
 * Several instances may start at once; the loser of the race finds the bucket there, which is fine.
 */
const ALREADY_THERE = new Set(['BucketAlreadyOwnedByYou', 'BucketAlreadyExists']);

export const ensureMediaBucket = async (strapi: Core.Strapi) => {
  if (!env.bool('S3_CREATE_BUCKET', false)) return;
  const store = openMediaStore();
  if (!store) return;
  const { client, bucket } = store;
  try {
    try {
      await client.send(new HeadBucketCommand({ Bucket: bucket }));
      return;
    } catch (error: any) {
      if (error?.$metadata?.httpStatusCode !== 404) throw error;
    }
    try {
      await client.send(new CreateBucketCommand({ Bucket: bucket }));
      strapi.log.info(`Created the media bucket "${bucket}" (S3_CREATE_BUCKET=true)`);
    } catch (error: any) {
      if (!ALREADY_THERE.has(error?.name)) throw error;
    }
  } finally {
    client.destroy();
  }
};
