/**
 * Request body limits of strapi::body (koa-body); over a limit the answer is 413
 * PayloadTooLargeError (src/middlewares/payload-too-large.ts). Sizes are bytes or strings like "1mb".
 */
type Env = ((key: string, fallback?: any) => any) & { int: (key: string, fallback?: number) => number };

export const bodyLimits = (env: Env) => ({
  // Content writes are small; 1 MB leaves room for long rich text.
  jsonLimit: env('BODY_JSON_LIMIT', '1mb'),
  formLimit: env('BODY_FORM_LIMIT', '1mb'),
  // XLIFF import sends a whole locale as text/plain or text/xml.
  textLimit: env('BODY_TEXT_LIMIT', '10mb'),
  formidable: {
    // All files of one multipart request together (media uploads, XLIFF as a file); nginx allows 50 MB too.
    maxFileSize: env.int('UPLOAD_MAX_FILE_SIZE_MB', 50) * 1024 * 1024,
  },
});
