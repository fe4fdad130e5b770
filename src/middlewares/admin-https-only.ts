import { errors } from '@strapi/utils';

/** The admin routes whose answer carries the session cookie (strapi_admin_refresh). */
const SESSION_COOKIE_ROUTES = ['/admin/login', '/admin/register', '/admin/register-admin', '/admin/reset-password', '/admin/access-token'];

export type AdminHttpsOnlyConfig = { enabled?: boolean };

const PLAIN_HTTP_REFUSAL =
  'Admin sign-in needs https in production, so that the session cookie is Secure: terminate TLS in front of the app and set TRUST_PROXY=true (ADMIN_ALLOW_PLAIN_HTTP=true allows plain http, for a trial only)';

/**
 * Strapi marks the admin session cookie Secure in production only on a request that came over
 * https (koa cannot set a Secure cookie otherwise), so a deployment without TLS would hand it out
 * in clear. The routes that issue it refuse plain http instead; behind a TLS proxy with
 * TRUST_PROXY the request counts as https and the cookie is Secure.
 */
export default ({ enabled = false }: AdminHttpsOnlyConfig = {}) =>
  async (ctx: any, next: () => Promise<unknown>) => {
    if (enabled && ctx.method === 'POST' && !ctx.request.secure && SESSION_COOKIE_ROUTES.includes(ctx.path)) {
      throw new errors.ForbiddenError(PLAIN_HTTP_REFUSAL, { reason: 'plain-http' });
    }
    return next();
  };
