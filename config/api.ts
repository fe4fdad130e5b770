import type { Core } from '@strapi/strapi';

/** Largest page a caller may ask for; bigger requests are capped to it. */
export const MAX_PAGE_SIZE = 100;

const config = (): Core.Config.Api => ({
  rest: {
    defaultLimit: 25,
    maxLimit: MAX_PAGE_SIZE,
    withCount: true,
    // Unknown query parameters are a 400, not silently ignored.
    strictParams: true,
  },
  documents: {
    strictParams: true,
    // Required relations (Partnership.city) are enforced when publishing, not only in the admin form.
    strictRelations: true,
  },
});

export default config;
