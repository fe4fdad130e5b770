import type { Core } from '@strapi/strapi';

/** A set of admin routes (admin JWT) under one prefix, as each room declares them. */
export type AdminRouter = { prefix: string; routes: Array<Omit<Core.Route, 'info'>> };

/**
 * The one way this project adds admin routes: each room exports its routers (translations,
 * audit log) with their role checks as route policies, and register() hands them to Strapi here.
 * (Content API routes live beside their type in src/api/<type>/routes.)
 */
export const registerAdminRoutes = (strapi: Core.Strapi, routers: AdminRouter[]) => {
  for (const { prefix, routes } of routers) {
    strapi.server.routes({ type: 'admin', prefix, routes: routes.map((route) => ({ ...route, info: {} })) });
  }
};
