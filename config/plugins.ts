import type { Core } from '@strapi/strapi';
import { uploadPluginConfig } from '../src/media/media-storage';

const config = ({ env }: Core.Config.Shared.ConfigParams): Core.Config.Plugin => ({
  // S3-compatible storage when configured (see src/media/media-storage.ts), local disk otherwise.
  ...(uploadPluginConfig(env as any) ? { upload: uploadPluginConfig(env as any) } : {}),
  'users-permissions': {
    config: {
      jwtSecret: env('JWT_SECRET', ''),
      // Nobody signs up on the content API: it is read-only for the public.
      register: { allowedFields: [] },
    },
  },
});

export default config;
