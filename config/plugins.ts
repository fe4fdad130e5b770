import type { Core } from '@strapi/strapi';

const config = ({ env }: Core.Config.Shared.ConfigParams): Core.Config.Plugin => ({
  'users-permissions': {
    config: {
      jwtSecret: env('JWT_SECRET', ''),
      // Nobody signs up on the content API: it is read-only for the public.
      register: { allowedFields: [] },
    },
  },
});

export default config;
