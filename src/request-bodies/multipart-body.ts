import fs from 'fs';
import os from 'os';
import path from 'path';
import { errors } from '@strapi/utils';
import { koaBody } from 'koa-body';
import mime from 'mime-types';

export type MultipartBodyConfig = { maxFileSize: number; maxFiles?: number };

type UploadedFile = { filepath: string; originalFilename?: string | null; mimetype?: string | null; type?: string };

const uploadedFiles = (files: unknown): UploadedFile[] =>
  files && typeof files === 'object' ? Object.values(files as Record<string, UploadedFile | UploadedFile[]>).flat().filter((file) => file && typeof file.filepath === 'string') : [];

/** What Strapi's own body parser does: a file sent without a media type gets one from its name. */
const ensureMimeType = (file: UploadedFile) => {
  if (!file.mimetype && !file.type) file.type = (file.originalFilename && mime.lookup(file.originalFilename)) || 'application/octet-stream';
};

const isTooLarge = (error: any) => error?.httpCode === 413 || error?.status === 413 || /maxFileSize|maxTotalFileSize|maxFieldsSize/.test(String(error?.message));

/**
 * Parses a multipart body only on the routes that take uploads, after their authentication (a
 * route middleware), into a directory of its own that is removed when the request ends, whatever
 * the outcome. Strapi's global body parser read multipart bodies on every path, before routing or
 * login, into temporary files it deleted only for a field named `files` and only on success:
 * anonymous requests could fill the disk. The global parser now leaves multipart alone
 * (config/middlewares.ts), and routes that take files add this one.
 */
export const multipartBody =
  ({ maxFileSize, maxFiles = 20 }: MultipartBodyConfig) =>
  async (ctx: any, next: () => Promise<unknown>) => {
    if (!ctx.is('multipart')) return next();
    const uploadDir = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'pcms-upload-'));
    try {
      try {
        await koaBody({ multipart: true, patchKoa: true, formidable: { uploadDir, maxFileSize, maxFiles, keepExtensions: true } })(ctx, async () => undefined);
      } catch (error) {
        if (isTooLarge(error)) throw new errors.PayloadTooLargeError(`Uploaded file too large (limit ${maxFileSize} bytes)`, { limit: maxFileSize });
        throw new errors.ValidationError(`Malformed multipart body: ${(error as Error).message}`);
      }
      uploadedFiles(ctx.request.files).forEach(ensureMimeType);
      await next();
    } finally {
      await fs.promises.rm(uploadDir, { recursive: true, force: true });
    }
  };
