import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import type { AdminRouter } from '../bootstrap/admin-routes';
import { isCouncilContentType, CONTENT_TYPE_UIDS } from '../domain/content-types';
import { loadVersion } from '../audit/entries';
import { attributesOf } from '../database/models';
import { fieldLabel } from '../content-manager/field-help';
import { knownLocaleCodes } from '../locales/known-locales';
import { assertActsForLocale } from '../policies/acts-for-locale';
import { restoreVersion } from './restore';
import { versionData, versionDiff } from './snapshot';
import { findVersion, listVersions } from './versions';
import { positiveInteger, text } from '../audit/query';

const SIGNED_IN = 'admin::isAuthenticatedAdmin';
const PAGE_SIZE = 50;

const required = (query: Record<string, unknown>, name: string) => {
  const value = text(query, name);
  if (value === undefined) throw new errors.ValidationError(`${name} is required`);
  return value;
};

const versionId = (value: unknown) => {
  const id = Number(value);
  if (!Number.isInteger(id) || id < 1) throw new errors.ValidationError(`version id: a positive whole number is expected (got ${JSON.stringify(value)})`);
  return id;
};

const foundVersion = async (strapi: Core.Strapi, id: number) => {
  const version = await findVersion(strapi, id);
  if (!version) throw new errors.NotFoundError(`No version ${id}`);
  return version;
};

/**
 * Version history (admin JWT):
 *   GET  /history?uid=…&documentId=…&locale=…[&page=]: the versions of a locale version, newest first
 *   GET  /history/:id: one version, with the fields it differs in from the current draft
 *   POST /history/:id/restore: writes it back as the draft (editors, or that locale's translators)
 */
export const historyRoutes = (strapi: Core.Strapi): AdminRouter => ({
  prefix: '/history',
  routes: [
    {
      method: 'GET',
      path: '/',
      handler: async (ctx: any) => {
        const uid = required(ctx.query, 'uid');
        if (!isCouncilContentType(uid)) throw new errors.ValidationError(`uid: one of ${CONTENT_TYPE_UIDS.join(', ')}`);
        const locale = required(ctx.query, 'locale');
        if (!(await knownLocaleCodes(strapi)).includes(locale)) throw new errors.ValidationError(`locale: ${JSON.stringify(locale)} is not a locale of this site`);
        const page = positiveInteger(ctx.query, 'page', 1);
        const { versions, pagination } = await listVersions(strapi, { targetUid: uid, targetDocumentId: required(ctx.query, 'documentId'), locale }, page, PAGE_SIZE);
        ctx.set('Cache-Control', 'no-store');
        ctx.body = { data: versions, meta: { pagination } };
      },
      config: { policies: [SIGNED_IN] },
    },
    {
      method: 'GET',
      path: '/:id',
      handler: async (ctx: any) => {
        const version = await foundVersion(strapi, versionId(ctx.params.id));
        const attributes = attributesOf(strapi, version.targetUid);
        const draft = await loadVersion(strapi, version.targetUid, version.targetDocumentId, version.locale, false);
        ctx.set('Cache-Control', 'no-store');
        const changes = versionDiff(attributes, version.data, draft ? versionData(attributes, draft) : null);
        ctx.body = { data: { ...version, changes: changes.map((change) => ({ ...change, label: fieldLabel(version.targetUid, change.field) })) } };
      },
      config: { policies: [SIGNED_IN] },
    },
    {
      method: 'POST',
      path: '/:id/restore',
      handler: async (ctx: any) => {
        const version = await foundVersion(strapi, versionId(ctx.params.id));
        await assertActsForLocale(strapi, ctx.state.user, version.locale, 'restore {locale} versions');
        await restoreVersion(strapi, version);
        ctx.body = { data: { restored: version.id, uid: version.targetUid, documentId: version.targetDocumentId, locale: version.locale } };
      },
      config: { policies: [SIGNED_IN] },
    },
  ],
});
