import { env, errors } from '@strapi/utils';
import { uploadSizeLimit } from '../../request-bodies/body-limits';
import { multipartBody } from '../../request-bodies/multipart-body';

type Route = { method: string; path: string; config?: { middlewares?: unknown[] } };

/** The upload controller JSON.parses `fileInfo` unguarded: malformed JSON was a 500. */
const fileInfoIsJson = async (ctx: any, next: () => Promise<unknown>) => {
  for (const info of [ctx.request.body?.fileInfo ?? []].flat()) {
    if (typeof info !== 'string') continue;
    try {
      JSON.parse(info);
    } catch {
      throw new errors.ValidationError('fileInfo: must be JSON, e.g. {"alternativeText":"…","caption":"…"}');
    }
  }
  await next();
};

/**
 * The media upload routes (admin `POST /upload`, content API `POST /api/upload`) parse their
 * multipart body themselves, after authentication, into a directory removed after the request
 * (src/uploads/multipart-body.ts): the global body parser no longer reads multipart on any path.
 */
export default (plugin: any) => {
  const parse = multipartBody({ maxFileSize: uploadSizeLimit(env) });
  const routes: Route[] = [...plugin.routes.admin.routes, ...plugin.routes['content-api'].routes];
  for (const route of routes.filter((candidate) => candidate.method === 'POST' && candidate.path === '/')) {
    route.config = { ...route.config, middlewares: [parse, fileInfoIsJson, ...(route.config?.middlewares ?? [])] };
  }
  return plugin;
};
