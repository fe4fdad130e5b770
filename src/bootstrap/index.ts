import type { Core } from '@strapi/strapi';
import { cacheAdminAbilities } from '../admin-sign-in/ability-cache';
import { ensureFirstAdmin } from '../admin-sign-in/first-admin';
import { startAuditLogRetention } from '../audit/retention';
import { startHistory } from '../history/retention';
import { clearCacheOnNonDocumentChanges } from '../http-cache/invalidation';
import { startCrossInstanceInvalidation } from '../http-cache';
import { ensureLocales } from '../locales/ensure-locales';
import { ensureMediaBucket } from '../media/media-bucket';
import { indexIfMissing } from '../search/index-store';
import { ensureSearchSchema } from '../search/schema';
import { ensureSourceFingerprintTable } from '../translations/source-fingerprints';
import { watchLocaleChanges } from '../locales/known-locales';
import { isContentEmpty, seedContent } from '../seed/seed-content';
import { ensureAdminRoles } from './admin-roles';
import { applyContentManagerViews } from '../content-manager/apply-configuration';
import { revokeDefaultFullAccessToken } from './api-tokens';
import { lockDownPublicAccess } from '../public-api/public-access';
import { registerWebhooksFromEnv } from './webhooks';
import { startScheduler } from '../scheduling/runner';

/** Start-up steps, each idempotent, in the order they depend on each other. */
export const bootstrapApp = async (strapi: Core.Strapi) => {
  cacheAdminAbilities(strapi);
  watchLocaleChanges(strapi);
  clearCacheOnNonDocumentChanges(strapi);
  await startCrossInstanceInvalidation(strapi);
  await ensureLocales(strapi);
  await ensureMediaBucket(strapi);
  await lockDownPublicAccess(strapi);
  await ensureAdminRoles(strapi);
  await applyContentManagerViews(strapi);
  await ensureFirstAdmin(strapi);
  await revokeDefaultFullAccessToken(strapi);
  await registerWebhooksFromEnv(strapi);
  await startAuditLogRetention(strapi);
  await startHistory(strapi);
  await ensureSearchSchema(strapi);
  await ensureSourceFingerprintTable(strapi);
  if (process.env.SEED_ON_EMPTY !== 'false' && (await isContentEmpty(strapi))) {
    const report = await seedContent(strapi);
    strapi.log.info(`Seeded an empty database: ${report.created} documents and translations created`);
  }
  await indexIfMissing(strapi);
  // Last: a due action runs on the content and rules the steps above set up.
  startScheduler(strapi);
};
