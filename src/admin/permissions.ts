/**
 * Admin permissions this project adds (registered on the server by
 * src/bootstrap/admin-permissions.ts): they decide which menu entries a role sees.
 */
export const AUDIT_LOG_READ = 'api::audit-log.read';
export const TRANSLATIONS_READ = 'api::translations.read';
export const SCHEDULED_READ = 'api::scheduled-actions.read';
