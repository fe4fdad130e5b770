import type { Core } from '@strapi/strapi';
import { CONTENT_TYPE_UIDS } from '../domain/content-types';
import { SUPPORTED_LOCALE_CODES } from '../locales/locales';
import { EDITOR_ROLE, TRANSLATED_LOCALES, translatableFields, translatorRole } from '../domain/roles';
import { attributesOf } from '../database/models';
import { AUDIT_LOG_READ, SCHEDULED_READ, TRANSLATIONS_READ } from './admin-permissions';

const CM = 'plugin::content-manager.explorer';
const MEDIA_LIBRARY = ['plugin::upload.read', 'plugin::upload.assets.create', 'plugin::upload.assets.update', 'plugin::upload.assets.download', 'plugin::upload.assets.copy-link', 'plugin::upload.configure-view'];

/** Field paths Strapi's RBAC expects: components are listed by their nested fields. */
const fieldPaths = (strapi: Core.Strapi, uid: string, names: string[]): string[] => {
  const attributes = attributesOf(strapi, uid);
  return names.flatMap((name) => {
    const attribute = attributes[name];
    if (attribute?.type !== 'component') return [name];
    return fieldPaths(strapi, attribute.component, Object.keys(strapi.getModel(attribute.component).attributes)).map((nested) => `${name}.${nested}`);
  });
};

const SYSTEM_FIELDS = ['createdAt', 'updatedAt', 'publishedAt', 'createdBy', 'updatedBy', 'locale', 'localizations'];

const allFields = (strapi: Core.Strapi, uid: string) => {
  const attributes = attributesOf(strapi, uid);
  const names = Object.keys(attributes).filter((name) => attributes[name].visible !== false && !SYSTEM_FIELDS.includes(name));
  return fieldPaths(strapi, uid, names);
};

const editorPermissions = (strapi: Core.Strapi) => [
  ...CONTENT_TYPE_UIDS.flatMap((uid) => [
    ...['read', 'create', 'update'].map((action) => ({ action: `${CM}.${action}`, subject: uid, properties: { fields: allFields(strapi, uid), locales: SUPPORTED_LOCALE_CODES } })),
    ...['delete', 'publish'].map((action) => ({ action: `${CM}.${action}`, subject: uid, properties: { locales: SUPPORTED_LOCALE_CODES } })),
  ]),
  ...MEDIA_LIBRARY.map((action) => ({ action })),
  { action: AUDIT_LOG_READ },
  { action: TRANSLATIONS_READ },
  { action: SCHEDULED_READ },
];

const translatorPermissions = (strapi: Core.Strapi, locale: string) => [
  ...CONTENT_TYPE_UIDS.flatMap((uid) => {
    const own = fieldPaths(strapi, uid, translatableFields(strapi.getModel(uid).attributes as Record<string, any>));
    return [
      { action: `${CM}.read`, subject: uid, properties: { fields: allFields(strapi, uid), locales: SUPPORTED_LOCALE_CODES } },
      { action: `${CM}.create`, subject: uid, properties: { fields: own, locales: [locale] } },
      { action: `${CM}.update`, subject: uid, properties: { fields: own, locales: [locale] } },
      { action: `${CM}.publish`, subject: uid, properties: { locales: [locale] } },
    ];
  }),
  { action: 'plugin::upload.read' },
  { action: TRANSLATIONS_READ },
  { action: SCHEDULED_READ },
];

/**
 * Creates the editor and translator roles when missing and (re)sets their permissions at every
 * start, so that the roles are defined here, in code, and survive a restore (Strapi's export
 * carries no roles).
 */
export const ensureAdminRoles = async (strapi: Core.Strapi) => {
  const roles = strapi.service('admin::role');
  const definitions = [
    { ...EDITOR_ROLE, description: 'Edits, publishes and deletes all international relations content in every locale.', permissions: editorPermissions(strapi) },
    ...TRANSLATED_LOCALES.map((locale) => ({
      ...translatorRole(locale),
      description: `Reads everything; writes and publishes only the ${locale} text of existing documents.`,
      permissions: translatorPermissions(strapi, locale),
    })),
  ];
  for (const { permissions, ...role } of definitions) {
    const existing = (await strapi.db.query('admin::role').findOne({ where: { code: role.code } })) ?? (await roles.create(role));
    await roles.assignPermissions(existing.id, permissions.map((permission) => ({ conditions: [], properties: {}, ...permission })));
  }
};
