import type { StrapiApp } from '@strapi/strapi/admin';
import { Clock, Earth, ClockCounterClockwise } from '@strapi/icons';
import { INTERFACE_LOCALES, TRANSLATIONS, messageId } from './i18n';
import { AUDIT_LOG_READ, SCHEDULED_READ, TRANSLATIONS_READ } from './permissions';
import { HistoryPanel } from './components/HistoryPanel';
import { SchedulePanel } from './components/SchedulePanel';
import type { EditViewPanel } from './components/edit-view-panel';

/** Strapi keeps the chosen interface language here (and takes the user's profile choice at login). */
const LANGUAGE_KEY = 'strapi-admin-language';

/**
 * Admin panel customisation: the interface in British English (the default for staff), French,
 * German, Czech and Simplified Chinese; the Translations, Audit log and Scheduled pages in the main
 * menu, each shown only to the roles that hold its permission (src/bootstrap/admin-permissions.ts);
 * Schedule and History panels beside every council document in the Content Manager.
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
    app.addMenuLink({
      to: 'scheduled',
      icon: Clock,
      intlLabel: { id: messageId('menu.scheduled'), defaultMessage: 'Scheduled' },
      permissions: [{ action: SCHEDULED_READ, subject: null }],
      Component: () => import('./pages/ScheduledPage'),
      position: 4,
    });
  },
  bootstrap(app: StrapiApp) {
    // The Content Manager's plugin API; Strapi types a plugin's apis as unknown.
    const contentManager = app.getPlugin('content-manager').apis as { addEditViewSidePanel: (panels: EditViewPanel[]) => void };
    contentManager.addEditViewSidePanel([SchedulePanel, HistoryPanel]);
  },
};
