import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { adminSignInConfig } from './config';

/** Strapi's own rule for admin passwords (its registration form checks the same). */
export const adminPasswordProblem = (password: string): string | undefined => {
  if (password.length < 8) return 'at least 8 characters';
  if (Buffer.byteLength(password) > 72) return 'at most 72 bytes';
  if (!/[a-z]/.test(password) || !/[A-Z]/.test(password) || !/\d/.test(password)) return 'a lower-case letter, a capital and a digit';
  return undefined;
};

/**
 * Creates the first super admin from INITIAL_ADMIN_EMAIL / INITIAL_ADMIN_PASSWORD when no admin
 * exists yet, at every start (so a new or restored-empty deployment is never open). Without them,
 * in production, nobody can register the first admin at /admin (see firstRegistrationGuard):
 * whoever reached it first would own the panel.
 */
export const ensureFirstAdmin = async (strapi: Core.Strapi) => {
  const { initialAdmin, openFirstRegistration } = adminSignInConfig(strapi);
  if ((await strapi.db.query('admin::user').count()) > 0) return;
  const { email, password, firstname, lastname } = initialAdmin;
  if (!email || !password) {
    if (!openFirstRegistration) {
      strapi.log.warn('No admin user exists: set INITIAL_ADMIN_EMAIL and INITIAL_ADMIN_PASSWORD and restart to create the first super admin (docs/operations.md "First administrator").');
    }
    return;
  }
  const problem = adminPasswordProblem(password);
  if (problem) throw new Error(`INITIAL_ADMIN_PASSWORD is too weak: it needs ${problem}. The first super admin was not created.`);
  const superAdmin = await strapi.service('admin::role').getSuperAdmin();
  if (!superAdmin) throw new Error('The super admin role does not exist yet; the first admin cannot be created');
  await strapi.service('admin::user').create({ email, firstname, lastname, password, isActive: true, registrationToken: null, roles: [superAdmin.id] });
  strapi.log.info(`Created the first super admin ${email} from INITIAL_ADMIN_EMAIL; remove INITIAL_ADMIN_PASSWORD from the environment now.`);
};

export const FIRST_REGISTRATION_REFUSAL =
  'The first super admin is not registered here in production: set INITIAL_ADMIN_EMAIL and INITIAL_ADMIN_PASSWORD and restart (ADMIN_OPEN_FIRST_REGISTRATION=true allows registering here, for a trial only)';

/** On the route that registers the first admin of an empty instance. */
export const firstRegistrationGuard = (strapi: Core.Strapi) => async (_ctx: unknown, next: () => Promise<unknown>) => {
  if (!adminSignInConfig(strapi).openFirstRegistration) throw new errors.PolicyError(FIRST_REGISTRATION_REFUSAL, { reason: 'first-registration-closed' });
  await next();
};
