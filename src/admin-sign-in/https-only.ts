import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { adminSignInConfig } from './config';

export const PLAIN_HTTP_REFUSAL =
  'Admin sign-in needs https in production, so that the session cookie is Secure: terminate TLS in front of the app and set TRUST_PROXY=true (ADMIN_ALLOW_PLAIN_HTTP=true allows plain http, for a trial only)';

/**
 * Strapi marks the admin session cookie Secure in production only on a request that came over
 * https (koa cannot set a Secure cookie otherwise), so a deployment without TLS would hand it out
 * in clear. The routes that issue it refuse plain http instead; behind a TLS proxy with
 * TRUST_PROXY the request counts as https and the cookie is Secure.
 */
export const httpsOnly = (strapi: Core.Strapi) => async (ctx: any, next: () => Promise<unknown>) => {
  // A PolicyError: Strapi's authorize step turns any other 403 thrown after it into a bare "Forbidden".
  if (adminSignInConfig(strapi).httpsOnly && !ctx.request.secure) throw new errors.PolicyError(PLAIN_HTTP_REFUSAL, { reason: 'plain-http' });
  await next();
};
