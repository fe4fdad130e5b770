import type { Core } from '@strapi/strapi';
import type { ModelLookup, RouteKind, TagModel } from './tags';

type Schemas = Record<string, { attributes?: TagModel['attributes']; info?: { singularName?: string } } | undefined>;
const contentTypes = (strapi: Core.Strapi) => strapi.contentTypes as unknown as Schemas;

/** Content types and components as the tagging reads them, named by their short singular name. */
export const tagModels = (strapi: Core.Strapi): ModelLookup => {
  const known = new Map<string, TagModel | undefined>();
  return (uid) => {
    if (!known.has(uid)) {
      const schema = contentTypes(strapi)[uid] ?? (strapi.components as unknown as Schemas)[uid];
      known.set(uid, schema ? { type: typeName(strapi, uid), attributes: schema.attributes ?? {} } : undefined);
    }
    return known.get(uid);
  };
};

/** A content type's tag name: its singular name (`city`), short and readable in a CDN's purge log. */
export const typeName = (strapi: Core.Strapi, uid: string): string => contentTypes(strapi)[uid]?.info?.singularName ?? uid;

/**
 * What the matched route reads: a core `find` or `findOne` of a content type (its handler is
 * `<uid>.find` / `<uid>.findOne`), or something else (custom routes: search, GeoJSON, docs).
 */
export const routeKind = (strapi: Core.Strapi, route: { handler?: unknown } | undefined): RouteKind => {
  const handler = typeof route?.handler === 'string' ? route.handler : '';
  const match = /^(.+)\.(find|findOne)$/.exec(handler);
  if (!match || !contentTypes(strapi)[match[1]]) return { kind: 'other' };
  return { kind: match[2] === 'find' ? 'list' : 'single', uid: match[1] };
};
