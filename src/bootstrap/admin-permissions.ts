import type { Core } from '@strapi/strapi';

/** Admin permissions of this project's own pages (their ids are api::<uid>; see src/admin/permissions.ts). */
export const PAGE_ACTIONS = [
  { uid: 'audit-log.read', displayName: 'Open the Audit log', subCategory: 'Audit log' },
  { uid: 'translations.read', displayName: 'Open the Translations page', subCategory: 'Translations' },
  { uid: 'scheduled-actions.read', displayName: 'Open the Scheduled page', subCategory: 'Scheduled' },
] as const;

export const AUDIT_LOG_READ = 'api::audit-log.read';
export const TRANSLATIONS_READ = 'api::translations.read';
export const SCHEDULED_READ = 'api::scheduled-actions.read';

/**
 * Registers the page permissions (Settings → Roles shows them under "International relations").
 * In the register phase: the admin's bootstrap then gives them to super admins and keeps the
 * roles' grants of them; registered later, it would delete those grants at every start as
 * permissions of unknown actions, and a restored database would not match its backup.
 */
export const registerPagePermissions = async (strapi: Core.Strapi) => {
  const { actionProvider } = strapi.service('admin::permission') as { actionProvider: { registerMany(actions: unknown[]): Promise<void> } };
  await actionProvider.registerMany(PAGE_ACTIONS.map((action) => ({ ...action, section: 'settings', category: 'International relations' })));
};
