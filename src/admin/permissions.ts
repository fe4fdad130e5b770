/**
 * Admin permissions this project adds (registered on the server by
 * src/bootstrap/admin-permissions.ts, where they are defined): they decide which menu entries a role sees.
 */
export { AUDIT_LOG_READ, SCHEDULED_READ, TRANSLATIONS_READ } from '../bootstrap/admin-permissions';
