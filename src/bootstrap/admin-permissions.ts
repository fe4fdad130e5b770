import type { Core } from '@strapi/strapi';

/** Admin permissions of this project's own pages (their ids are api::<uid>; see src/admin/permissions.ts). */
export const PAGE_ACTIONS = [
  { uid: 'audit-log.read', displayName: 'Open the Audit log', subCategory: 'Audit log' },
  { uid: 'translations.read', displayName: 'Open the Translations page', subCategory: 'Translations' },
] as const;

export const AUDIT_LOG_READ = 'api::audit-log.read';
export const TRANSLATIONS_READ = 'api::translations.read';

/**
 * Registers the page permissions (Settings → Roles shows them under "International relations")
 * and gives them to super admins at once: Strapi grants super admins new actions only when it
 * next starts.
 */
export const registerPagePermissions = async (strapi: Core.Strapi) => {
  const { actionProvider } = strapi.service('admin::permission') as { actionProvider: { registerMany(actions: unknown[]): Promise<void>; has(id: string): boolean } };
  const missing = PAGE_ACTIONS.filter((action) => !actionProvider.has(`api::${action.uid}`));
  if (missing.length === 0) return;
  await actionProvider.registerMany(missing.map((action) => ({ ...action, section: 'settings', category: 'International relations' })));
  await (strapi.service('admin::role') as { resetSuperAdminPermissions(): Promise<void> }).resetSuperAdminPermissions();
};
