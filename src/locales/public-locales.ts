import type { Core } from '@strapi/strapi';

/**
 * The locales content is published in, as a site's language switcher needs them: code, name and
 * which is the default. Served by this project's own public route (GET /api/locales) rather than
 * by opening Strapi's /api/i18n/locales to the Public role, which holds find and findOne on the
 * content types and nothing else (DESIGN.md, security defaults).
 */
export type PublicLocale = { code: string; name: string; isDefault: boolean };

export const publicLocales = async (strapi: Core.Strapi): Promise<PublicLocale[]> => {
  const rows = await strapi.db.query('plugin::i18n.locale').findMany({ select: ['code', 'name'], orderBy: { id: 'asc' } });
  // The default is kept in i18n's settings, not on the locale rows.
  const defaultCode = await strapi.plugin('i18n').service('locales').getDefaultLocale();
  return rows.map(({ code, name }: { code: string; name: string }) => ({ code, name, isDefault: code === defaultCode }));
};
