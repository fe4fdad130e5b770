import type { StrapiApp } from '@strapi/strapi/admin';
import { Earth } from '@strapi/icons';

/** Admin panel customisation: the Translations page in the main menu. */
export default {
  config: {
    locales: [],
  },
  register(app: StrapiApp) {
    app.addMenuLink({
      to: 'translations',
      icon: Earth,
      intlLabel: { id: 'partner-cities.translations.menu', defaultMessage: 'Translations' },
      // Every admin may open it; the server answers per role (translators see their locale's work).
      permissions: [],
      Component: () => import('./pages/TranslationsPage'),
      position: 2,
    });
  },
  bootstrap() {},
};
