import type { Core, Modules } from '@strapi/strapi';

/**
 * Strapi's Middleware type is generic over every content type's params; these rules only read
 * the common shape, so they are written against this narrower view and adapted once here.
 */
export type DocumentContext = {
  uid: string;
  action: string;
  params: Record<string, any>;
  contentType: { uid: string; attributes: Record<string, any>; info?: { singularName?: string } };
};
export type DocumentMiddleware = (context: DocumentContext, next: () => Promise<any>) => Promise<any>;

export const useDocumentMiddleware = (strapi: Core.Strapi, middleware: DocumentMiddleware) => {
  strapi.documents.use(middleware as unknown as Modules.Documents.Middleware.Middleware);
};

export const WRITE_ACTIONS = ['create', 'update'];
