import type { Core } from '@strapi/strapi';
import { previewAdminConfig } from '../src/preview/preview-url';

const config = ({ env }: Core.Config.Shared.ConfigParams): Core.Config.Admin => ({
  auth: {
    secret: env('ADMIN_JWT_SECRET', ''),
  },
  apiToken: {
    salt: env('API_TOKEN_SALT', ''),
  },
  transfer: {
    token: {
      salt: env('TRANSFER_TOKEN_SALT', ''),
    },
  },
  secrets: {
    encryptionKey: env('ENCRYPTION_KEY', ''),
  },
  // false for an API-only instance (the benchmark, or a split deployment).
  serveAdminPanel: env.bool('SERVE_ADMIN_PANEL', true),
  // Preview opens the reference site (site/) on a signed link; off unless SITE_URL, PREVIEW_SECRET
  // and PREVIEW_TOKEN are set (src/preview/settings.ts).
  preview: previewAdminConfig(),
  flags: {
    nps: false,
    promoteEE: false,
  },
});

export default config;
