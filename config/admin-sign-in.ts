import type { Core } from '@strapi/strapi';
import type { AdminSignInConfig } from '../src/admin-sign-in/config';

/** Signing in to the admin panel (src/admin-sign-in). */
const config = ({ env }: Core.Config.Shared.ConfigParams): AdminSignInConfig => {
  const production = env('NODE_ENV') === 'production';
  return {
    // Routes that hand out the session cookie refuse plain http in production (the cookie must be Secure).
    httpsOnly: production && !env.bool('ADMIN_ALLOW_PLAIN_HTTP', false),
    // Whether the first super admin may register at /admin; in production it comes from the environment.
    openFirstRegistration: !production || env.bool('ADMIN_OPEN_FIRST_REGISTRATION', false),
    initialAdmin: {
      // DEV_ADMIN_* are the names .env files written before INITIAL_ADMIN_* existed use.
      email: env('INITIAL_ADMIN_EMAIL', production ? undefined : env('DEV_ADMIN_EMAIL')),
      password: env('INITIAL_ADMIN_PASSWORD', production ? undefined : env('DEV_ADMIN_PASSWORD')),
      firstname: env('INITIAL_ADMIN_FIRSTNAME', 'Council'),
      lastname: env('INITIAL_ADMIN_LASTNAME', 'Administrator'),
    },
  };
};

export default config;
