import type { Core } from '@strapi/strapi';
import { z } from 'zod';
import { adminRoute, fields, visibleEmail, type AdminRouter, type Grant } from '../admin-routes';
import { CONTENT_TYPE_UIDS } from '../domain/content-types';
import { loadVersion } from '../audit/entries';
import { attributesOf } from '../database/models';
import { fieldLabel } from '../content-manager/field-help';
import { knownLocaleCodes } from '../locales/known-locales';
import { restoreVersion } from './restore';
import { versionData, versionDiff } from './snapshot';
import { findVersion, listVersions, type VersionRecord } from './versions';

const PAGE_SIZE = 50;

/** A version named by its id: loaded once, for the check and the handler. */
const versionInput = (strapi: Core.Strapi) => fields.recordById('version', (id) => findVersion(strapi, id), (id) => `No version ${id}`);

const withVisibleActor = <T extends Pick<VersionRecord, 'actorEmail'>>(grant: Grant, version: T) => ({ ...version, actorEmail: visibleEmail(grant, version.actorEmail) });

/**
 * Version history (admin JWT). Reading a version needs the Content Manager's read right in its
 * locale; restoring it, the update right there. Other admins' e-mail addresses only for those who
 * may read admin users.
 *   GET  /history?uid=…&documentId=…&locale=…[&page=]: the versions of a locale version, newest first
 *   GET  /history/:id: one version, with the fields it differs in from the current draft
 *   POST /history/:id/restore: writes it back as the draft
 */
export const historyRoutes = (strapi: Core.Strapi): AdminRouter => ({
  prefix: '/history',
  routes: [
    adminRoute({
      method: 'GET',
      path: '/',
      input: async () => z.object({ uid: fields.oneOf(CONTENT_TYPE_UIDS), documentId: fields.text(64), locale: fields.locale(await knownLocaleCodes(strapi)), page: fields.page().default(1) }),
      access: { content: ['read'], targets: ({ uid, documentId, locale }) => [{ uid, documentId, locale }] },
      handler: async (ctx, { uid, documentId, locale, page }, grant) => {
        const { versions, pagination } = await listVersions(strapi, { targetUid: uid, targetDocumentId: documentId, locale }, page, PAGE_SIZE);
        ctx.set('Cache-Control', 'no-store');
        ctx.body = { data: versions.map((version) => withVisibleActor(grant, version)), meta: { pagination } };
      },
    }),
    adminRoute({
      method: 'GET',
      path: '/:id',
      input: versionInput,
      access: { content: ['read'], targets: ({ version }) => [{ uid: version.targetUid, documentId: version.targetDocumentId, locale: version.locale }] },
      handler: async (ctx, { version }, grant) => {
        const attributes = attributesOf(strapi, version.targetUid);
        const draft = await loadVersion(strapi, version.targetUid, version.targetDocumentId, version.locale, false);
        ctx.set('Cache-Control', 'no-store');
        const changes = versionDiff(attributes, version.data, draft ? versionData(attributes, draft) : null);
        ctx.body = { data: { ...withVisibleActor(grant, version), changes: changes.map((change) => ({ ...change, label: fieldLabel(version.targetUid, change.field) })) } };
      },
    }),
    adminRoute({
      method: 'POST',
      path: '/:id/restore',
      input: versionInput,
      access: { content: ['update'], targets: ({ version }) => [{ uid: version.targetUid, documentId: version.targetDocumentId, locale: version.locale }] },
      handler: async (ctx, { version }) => {
        await restoreVersion(strapi, version);
        ctx.body = { data: { restored: version.id, uid: version.targetUid, documentId: version.targetDocumentId, locale: version.locale } };
      },
    }),
  ],
});
