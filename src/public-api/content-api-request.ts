import type { Core } from '@strapi/strapi';
import { PUBLIC_ACTIONS } from './public-access';

/** The route Strapi matched for a request (set by its router before authentication). */
export type MatchedRoute = { info?: { type?: string; apiName?: string; pluginName?: string }; config?: { auth?: false | { scope?: string[] } } };

/**
 * The content API route serving the request running now, if any. Read from the route the router
 * matched, not from the path: Strapi's router ignores case (`/API/cities` is `/api/cities`), so a
 * rule keyed on a spelling of the path can be walked around.
 */
export const contentApiRoute = (strapi: Core.Strapi): MatchedRoute | undefined => {
  const route = (strapi.requestContext.get() as { state?: { route?: MatchedRoute } } | undefined)?.state?.route;
  return route?.info?.type === 'content-api' ? route : undefined;
};

/**
 * Whether a path may be under the content API prefix, as Strapi's router (case-insensitive)
 * would match it: for guards that run before routing (cache, rate limit, refusal messages).
 */
export const isContentApiPath = (path: string, prefix: string): boolean => path.toLowerCase().startsWith(`${prefix.toLowerCase()}/`);

/**
 * Whether anyone may call the route without credentials and get the same answer: every action it
 * needs is one the Public role is granted, or it is one of this project's own open routes
 * (`auth: false`: the OpenAPI document, GeoJSON). Plugins' open routes (users-permissions' sign-in
 * and confirmation links) answer per caller and are not public reads.
 */
export const isPublicRoute = (route: MatchedRoute | undefined): boolean => {
  const auth = route?.config?.auth;
  if (auth === false) return route?.info?.apiName !== undefined;
  const scope = auth?.scope ?? [];
  return scope.length > 0 && scope.every((action) => PUBLIC_ACTIONS.includes(action));
};
