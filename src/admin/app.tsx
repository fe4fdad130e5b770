import type { StrapiApp } from '@strapi/strapi/admin';
import { Earth, ClockCounterClockwise } from '@strapi/icons';

/** Admin panel customisation: the Translations and Audit log pages in the main menu. */
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
    app.addMenuLink({
      to: 'audit-log',
      icon: ClockCounterClockwise,
      intlLabel: { id: 'partner-cities.audit-log.menu', defaultMessage: 'Audit log' },
      // The server answers editors and super admins; anyone else sees its refusal on the page.
      permissions: [],
      Component: () => import('./pages/AuditLogPage'),
      position: 3,
    });
  },
  bootstrap() {},
};
