import type { Core } from '@strapi/strapi';
import { firstRegistrationGuard } from './first-admin';
import { httpsOnly } from './https-only';

/** The admin routes whose answer carries the session cookie (strapi_admin_refresh), by handler. */
const SESSION_COOKIE_HANDLERS = ['authentication.login', 'authentication.register', 'authentication.registerAdmin', 'authentication.resetPassword', 'authentication.accessToken'];

type Route = { handler: unknown; config?: { middlewares?: unknown[] } };

/**
 * Attaches the sign-in rules to the admin routes themselves, by handler: a list of paths compared
 * with ctx.path was walked around by `/ADMIN/login`, since the router ignores case.
 */
export const guardAdminSignIn = (strapi: Core.Strapi) => {
  const routes: Route[] = (strapi.admin as any).routes.admin.routes;
  for (const route of routes) {
    if (typeof route.handler !== 'string' || !SESSION_COOKIE_HANDLERS.includes(route.handler)) continue;
    const guards = [httpsOnly(strapi), ...(route.handler === 'authentication.registerAdmin' ? [firstRegistrationGuard(strapi)] : [])];
    route.config = { ...route.config, middlewares: [...guards, ...(route.config?.middlewares ?? [])] };
  }
};
