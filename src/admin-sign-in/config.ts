import type { Core } from '@strapi/strapi';

export type AdminSignInConfig = {
  httpsOnly: boolean;
  openFirstRegistration: boolean;
  initialAdmin: { email?: string; password?: string; firstname: string; lastname: string };
};

export const adminSignInConfig = (strapi: Core.Strapi): AdminSignInConfig => strapi.config.get('admin-sign-in') as AdminSignInConfig;
