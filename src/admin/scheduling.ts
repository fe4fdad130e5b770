import type { IntlShape } from 'react-intl';
import type { Text } from './i18n';

/** A scheduled action as GET /scheduled-actions answers it (src/scheduling/actions.ts). */
export type ScheduledAction = {
  id: number;
  uid: string;
  documentId: string;
  label: string | null;
  locale: string;
  action: 'publish' | 'unpublish';
  at: string;
  state: 'pending' | 'done' | 'failed' | 'cancelled';
  ranAt: string | null;
  lateBySeconds: number | null;
  failure: string | null;
  scheduledBy: { name: string | null; email: string | null };
};

export const UK_TIME_ZONE = 'Europe/London';

/** A moment in UK time, in the user's interface language (staff schedule in UK time). */
export const formatUkTime = (intl: IntlShape, at: string) =>
  intl.formatDate(at, { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: UK_TIME_ZONE, timeZoneName: 'short' });

export const actionLabel = (t: Text, action: ScheduledAction['action']) => t(action === 'publish' ? 'scheduled.action.publish' : 'scheduled.action.unpublish');

export const localeLabel = (t: Text, locale: string) => (locale === '*' ? t('scheduled.allLocales') : locale);

/** Today's date and the next whole hour in UK time, as the date and time inputs take them. */
export const nextHourInUk = (now = new Date()) => {
  const next = new Date(Math.ceil((now.getTime() + 1) / 3_600_000) * 3_600_000);
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', { timeZone: UK_TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
      .formatToParts(next)
      .map(({ type, value }) => [type, value]),
  );
  return { date: `${parts.year}-${parts.month}-${parts.day}`, time: `${parts.hour}:${parts.minute}` };
};
