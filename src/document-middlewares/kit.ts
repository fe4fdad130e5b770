import type { Core, Modules } from '@strapi/strapi';
import { queryOf } from '../database/models';
import { isCouncilContentType } from '../domain/content-types';
import { DEFAULT_LOCALE } from '../locales/locales';

/**
 * What every Document Service middleware here shares, so that each one says only what it adds.
 *
 * Strapi's Middleware type is generic over every content type's params; these rules read only the
 * common shape, so they are written against this narrower view and adapted once, here.
 */
export type DocumentContext = {
  uid: string;
  action: string;
  params: Record<string, any>;
  contentType: { uid: string; attributes: Record<string, any>; options?: { draftAndPublish?: boolean }; info?: { singularName?: string } };
};
export type DocumentMiddleware = (context: DocumentContext, next: () => Promise<any>) => Promise<any>;

/** Actions that only read. */
export const READ_ACTIONS: readonly string[] = ['findOne', 'findFirst', 'findMany', 'count'];
/** Actions that save submitted data into a draft. */
export const SAVE_ACTIONS: readonly string[] = ['create', 'update'];
/** Every action that changes stored rows. */
export const CHANGE_ACTIONS: readonly string[] = ['create', 'update', 'delete', 'publish', 'unpublish', 'discardDraft', 'clone'];

/** The single locale an action is about: its `locale` param, or the default locale when none is given. */
export const documentLocale = (context: DocumentContext): string => (typeof context.params?.locale === 'string' ? context.params.locale : DEFAULT_LOCALE);

/** Runs `middleware` only for the council's content types and the given actions; passes everything else through. */
export const forCouncilTypes =
  (actions: readonly string[], middleware: DocumentMiddleware): DocumentMiddleware =>
  (context, next) =>
    isCouncilContentType(context.uid) && actions.includes(context.action) ? middleware(context, next) : next();

/** `publishedAt` of the rows of one state, as the Query Engine filters it. */
export const PUBLISHED_AT = { draft: null, published: { $notNull: true } } as const;
export type State = keyof typeof PUBLISHED_AT;

/**
 * The English version of a document in one state: what translations take their slug,
 * relations and shared fields from.
 */
export const englishVersion = (
  strapi: Core.Strapi,
  uid: string,
  documentId: string,
  { state = 'draft', select, populate }: { state?: State; select?: string[]; populate?: Record<string, unknown> } = {},
): Promise<Record<string, any> | null> =>
  queryOf(strapi, uid).findOne({ where: { documentId, locale: DEFAULT_LOCALE, publishedAt: PUBLISHED_AT[state] }, ...(select ? { select } : {}), ...(populate ? { populate } : {}) });

export const useDocumentMiddleware = (strapi: Core.Strapi, middleware: DocumentMiddleware) => {
  strapi.documents.use(middleware as unknown as Modules.Documents.Middleware.Middleware);
};
