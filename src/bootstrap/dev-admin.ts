import type { Core } from '@strapi/strapi';

/**
 * Outside production, creates the super admin named by DEV_ADMIN_EMAIL / DEV_ADMIN_PASSWORD when
 * no admin exists yet (scripts/ensure-env.js writes them into a new .env), so that a newcomer can
 * log in at /admin without a registration step.
 */
export const ensureDevAdmin = async (strapi: Core.Strapi) => {
  const email = process.env.DEV_ADMIN_EMAIL;
  const password = process.env.DEV_ADMIN_PASSWORD;
  if (process.env.NODE_ENV === 'production' || !email || !password) return;
  if ((await strapi.db.query('admin::user').count()) > 0) return;
  const superAdmin = await strapi.service('admin::role').getSuperAdmin();
  if (!superAdmin) return;
  await strapi.service('admin::user').create({
    email,
    firstname: 'Dev',
    lastname: 'Admin',
    password,
    isActive: true,
    registrationToken: null,
    roles: [superAdmin.id],
  });
  strapi.log.info(`Created the development super admin ${email} (password in .env)`);
};
