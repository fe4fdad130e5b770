import type { Core } from '@strapi/strapi';
import { auditLog } from '../audit/middleware';
import { cacheInvalidation } from '../http-cache/invalidation';
import { useDocumentMiddleware } from './kit';
import { countryNames } from './country-name';
import { deleteStatusGuard } from './delete-status';
import { fallbackLocale } from '../locales/fallback-locale';
import { localeGuard } from '../locales/locale-guard';
import { localeSync } from './locale-sync';
import { translationFingerprints } from '../translations/fingerprint-middleware';
import { adminPermissionGuard } from '../admin-routes/document-guard';
import { sharedFieldsFollowEnglish } from './shared-fields';
import { slugGeneration } from './slug-generation';
import { writeTransaction } from './write-transaction';
import { uniqueConflicts } from './unique-conflicts';
import { contentApiReads } from '../public-api/published-only';
import { contentValidation } from './content-validation';
import { searchIndexing } from '../search/middleware';
import { versionHistory } from '../history/middleware';

/**
 * Order matters: answer a unique-constraint refusal as a 409; empty the response cache once a write has committed; hold content API reads to
 * published content and the public query rules (before fallbackLocale rewrites the filters); refuse unknown locales
 * and deleting only a draft; serve fallbackLocale reads; hold admin callers to their Content Manager
 * permissions, locale by locale; open one transaction for the write; record it in the audit log (inside that
 * transaction, around everything below); keep a version of what it changed (version history);
 * index the published versions for search (in that
 * transaction, once everything below has written); fill
 * derived fields; validate; keep shared fields on the English version's values; then write, sync
 * the other locales and fingerprint the source of a saved translation.
 */
export const registerDocumentMiddlewares = (strapi: Core.Strapi) => {
  useDocumentMiddleware(strapi, uniqueConflicts(strapi));
  useDocumentMiddleware(strapi, cacheInvalidation(strapi));
  useDocumentMiddleware(strapi, contentApiReads(strapi));
  useDocumentMiddleware(strapi, localeGuard(strapi));
  useDocumentMiddleware(strapi, deleteStatusGuard());
  useDocumentMiddleware(strapi, fallbackLocale(strapi));
  useDocumentMiddleware(strapi, adminPermissionGuard(strapi));
  useDocumentMiddleware(strapi, writeTransaction(strapi));
  useDocumentMiddleware(strapi, auditLog(strapi));
  useDocumentMiddleware(strapi, versionHistory(strapi));
  useDocumentMiddleware(strapi, searchIndexing(strapi));
  useDocumentMiddleware(strapi, slugGeneration(strapi));
  useDocumentMiddleware(strapi, countryNames(strapi));
  useDocumentMiddleware(strapi, contentValidation(strapi));
  useDocumentMiddleware(strapi, sharedFieldsFollowEnglish(strapi));
  useDocumentMiddleware(strapi, localeSync(strapi));
  useDocumentMiddleware(strapi, translationFingerprints(strapi));
};
