import type { StrapiApp } from '@strapi/strapi/admin';
import { Earth, ClockCounterClockwise } from '@strapi/icons';
import { INTERFACE_LOCALES, TRANSLATIONS, messageId } from './i18n';
import { AUDIT_LOG_READ, TRANSLATIONS_READ } from './permissions';

/** Strapi keeps the chosen interface language here (and takes the user's profile choice at login). */
const LANGUAGE_KEY = 'strapi-admin-language';

/**
 * Admin panel customisation: the interface in British English (the default for staff), French,
 * German, Czech and Simplified Chinese; the Translations and Audit log pages in the main menu,
 * each shown only to the roles that hold its permission (src/bootstrap/admin-permissions.ts).
 */
export default {
  config: {
    locales: INTERFACE_LOCALES,
    translations: TRANSLATIONS,
  },
  register(app: StrapiApp) {
    // Before Strapi reads it: a browser that never chose a language starts in British English.
    if (!window.localStorage.getItem(LANGUAGE_KEY)) window.localStorage.setItem(LANGUAGE_KEY, 'en-GB');
    app.addMenuLink({
      to: 'translations',
      icon: Earth,
      intlLabel: { id: messageId('menu.translations'), defaultMessage: 'Translations' },
      permissions: [{ action: TRANSLATIONS_READ, subject: null }],
      Component: () => import('./pages/TranslationsPage'),
      position: 2,
    });
    app.addMenuLink({
      to: 'audit-log',
      icon: ClockCounterClockwise,
      intlLabel: { id: messageId('menu.auditLog'), defaultMessage: 'Audit log' },
      permissions: [{ action: AUDIT_LOG_READ, subject: null }],
      Component: () => import('./pages/AuditLogPage'),
      position: 3,
    });
  },
  bootstrap() {},
};
