import type { Core, UID } from '@strapi/strapi';

/**
 * Typed access to a content type named at run time: a uid read from a schema, a relation's
 * target or a request is a plain string to TypeScript. The one cast to Strapi's UID type is here,
 * so the rules that work on any type do not each repeat it.
 */
export type Attribute = { type: string; [option: string]: any };

/** The Query Engine of a type. */
export const queryOf = (strapi: Core.Strapi, uid: string) => strapi.db.query(uid as UID.ContentType);

/** The Document Service of a type. */
export const documentsOf = (strapi: Core.Strapi, uid: string) => strapi.documents(uid as UID.ContentType);

/** A type's schema (content type or component). */
export const modelOf = (strapi: Core.Strapi, uid: string) => strapi.getModel(uid as UID.Schema);

/** A content type's schema (with its kind: collection or single type). */
export const contentTypeOf = (strapi: Core.Strapi, uid: string) => strapi.contentType(uid as UID.ContentType);

/** A type's attributes, read generically by the rules. */
export const attributesOf = (strapi: Core.Strapi, uid: string): Record<string, Attribute> => modelOf(strapi, uid).attributes as Record<string, Attribute>;
