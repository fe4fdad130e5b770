import type { Core } from '@strapi/strapi';
import type { z } from 'zod';
import { authorize, type Grant, type RouteAccess, type UserAbility } from './access';
import { mergeRequestInput, validateInput } from './input';

export { fields } from './input';
export { visibleEmail, type AccessTarget, type Grant, type RouteAccess } from './access';

/** The request as a handler sees it: Koa's context, for headers and the answer only. */
export type AdminContext = {
  params: Record<string, unknown>;
  query: Record<string, unknown>;
  request: { body?: unknown };
  state: { user?: { id: number }; userAbility?: UserAbility };
  status: number;
  body: unknown;
  set(name: string, value: string): void;
  get(name: string): string;
  type: string;
  attachment(filename: string): void;
  querystring: string;
};

/**
 * One admin route, declared as data: its path, the input it takes (one schema over path, query
 * and body), what the caller needs (`access`) and the handler, which receives only the validated
 * input and the grant. `body` replaces the JSON body for routes that take a file (XLIFF).
 */
export type AdminRoute<Input = unknown> = {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  path: string;
  input: (strapi: Core.Strapi) => Promise<z.ZodType<Input>> | z.ZodType<Input>;
  body?: (ctx: AdminContext) => Promise<Record<string, unknown> | undefined>;
  /** The query string is a signed link the handler verifies whole; it is not read into the input. */
  signedQuery?: true;
  access: RouteAccess<Input>;
  handler: (ctx: AdminContext, input: Input, grant: Grant) => Promise<void>;
  middlewares?: Core.RouteConfig['middlewares'];
};

/** A set of admin routes under one prefix, as each feature declares them. */
export type AdminRouter = { prefix: string; routes: AdminRoute<any>[] };

/** Keeps a route's input type while the router holds routes of many inputs. */
export const adminRoute = <Input>(route: AdminRoute<Input>): AdminRoute<Input> => route;

type Declaration = { method: string; path: string; access: RouteAccess<unknown> };

/** Every admin route an app registered, with its declaration: the authorization test walks this against the router's own table. */
const declarations = new WeakMap<Core.Strapi, Declaration[]>();
export const declaredAdminRoutes = (strapi: Core.Strapi): Declaration[] => [...(declarations.get(strapi) ?? [])];

const joinPath = (prefix: string, path: string) => (path === '/' ? prefix : `${prefix}${path}`);

/**
 * The one way this project adds admin routes. Each request is read once (path, query and body into
 * one validated input), authorized from that input by its route's declaration with Strapi's
 * permission checker, and handed to the handler with only that input.
 */
export const registerAdminRoutes = (strapi: Core.Strapi, routers: AdminRouter[]) => {
  const declared: Declaration[] = [];
  declarations.set(strapi, declared);
  for (const { prefix, routes } of routers) {
    strapi.server.routes({
      type: 'admin',
      prefix,
      routes: routes.map((route) => {
        declared.push({ method: route.method, path: joinPath(prefix, route.path), access: route.access });
        const signedIn = !('credential' in route.access);
        return {
          method: route.method,
          path: route.path,
          info: {},
          config: { auth: signedIn ? undefined : false, policies: signedIn ? ['admin::isAuthenticatedAdmin'] : [], middlewares: route.middlewares ?? [] },
          handler: async (ctx: AdminContext) => {
            const body = route.body ? await route.body(ctx) : ctx.request.body;
            const input = await validateInput(await route.input(strapi), mergeRequestInput({ params: ctx.params, query: route.signedQuery ? {} : ctx.query, body }));
            const grant = await authorize(strapi, route.access, ctx.state.userAbility, input);
            await route.handler(ctx, input, grant);
          },
        } as unknown as Core.Route;
      }),
    });
  }
};
