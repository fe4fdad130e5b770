import * as React from 'react';
import { useIntl } from 'react-intl';
import { Link as RouterLink } from 'react-router-dom';
import { useAuth, useFetchClient, useNotification } from '@strapi/strapi/admin';
import { Box, Button, Checkbox, Field, Flex, Link, SingleSelect, SingleSelectOption, Typography } from '@strapi/design-system';
import { COUNCIL_TYPES } from '../content-type-names';
import { errorText, useText } from '../i18n';
import { actionLabel, formatUkTime, localeLabel, nextHourInUk, type ScheduledAction } from '../scheduling';
import { CancelScheduledButton } from './CancelScheduledButton';
import type { EditViewPanel } from './edit-view-panel';

const EDITOR_ROLES = ['international-relations-editor', 'strapi-super-admin'];

/**
 * The Schedule form beside a document: publish or unpublish this language (editors: or every
 * language) at a date and time in UK time, and what is already scheduled for the document, each
 * with Cancel. The server checks the rest (translators only their language; a publish that would
 * be refused now is refused now) and its refusal is shown in the user's language.
 */
const ScheduleForm = ({ uid, documentId, locale }: { uid: string; documentId: string; locale: string }) => {
  const { get, post } = useFetchClient();
  const { toggleNotification } = useNotification();
  const t = useText();
  const intl = useIntl();
  const isEditor = useAuth('SchedulePanel', (auth) => (auth.user?.roles ?? []).some((role: { code: string }) => EDITOR_ROLES.includes(role.code)));
  const [action, setAction] = React.useState<ScheduledAction['action']>('publish');
  const [{ date, time }, setWhen] = React.useState(nextHourInUk);
  const [allLocales, setAllLocales] = React.useState(false);
  const [busy, setBusy] = React.useState(false);
  const [pending, setPending] = React.useState<ScheduledAction[]>([]);
  const [loads, setLoads] = React.useState(0);

  React.useEffect(() => {
    get(`/scheduled-actions?state=pending&uid=${encodeURIComponent(uid)}&documentId=${encodeURIComponent(documentId)}`)
      .then(({ data }: any) => setPending(data.data))
      .catch(() => setPending([]));
  }, [get, uid, documentId, loads]);

  const schedule = async () => {
    setBusy(true);
    try {
      // No offset: the server reads the date and time as UK time.
      const { data } = await post<{ data: ScheduledAction }>('/scheduled-actions', { uid, documentId, locale: allLocales ? '*' : locale, action, at: `${date}T${time}` });
      toggleNotification({ type: 'success', message: t('schedule.done', { action: actionLabel(t, data.data.action), when: formatUkTime(intl, data.data.at) }) });
      setLoads((count) => count + 1);
    } catch (error) {
      toggleNotification({ type: 'danger', message: errorText(t, error) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Flex direction="column" alignItems="stretch" gap={4} width="100%">
      {/* Not a <form>: the edit view's panels are inside the Content Manager's own form, and a
          nested form's submit reached it. Enter in a field schedules, as it would submit. */}
      <Box
        role="form"
        aria-label={t('schedule.panelTitle')}
        onKeyDown={(event: React.KeyboardEvent) => {
          if (event.key !== 'Enter' || (event.target as HTMLElement).tagName !== 'INPUT') return;
          event.preventDefault();
          void schedule();
        }}
      >
        <Flex direction="column" alignItems="stretch" gap={3}>
          <Field.Root name="scheduleAction" id="schedule-action">
            <Field.Label>{t('schedule.action')}</Field.Label>
            <SingleSelect value={action} onChange={(value: string | number) => setAction(value as ScheduledAction['action'])}>
              <SingleSelectOption value="publish">{actionLabel(t, 'publish')}</SingleSelectOption>
              <SingleSelectOption value="unpublish">{actionLabel(t, 'unpublish')}</SingleSelectOption>
            </SingleSelect>
          </Field.Root>
          <Field.Root name="scheduleDate" id="schedule-date" required>
            <Field.Label>{t('schedule.date')}</Field.Label>
            <Field.Input type="date" value={date} required onChange={(event: React.ChangeEvent<HTMLInputElement>) => setWhen({ date: event.target.value, time })} />
          </Field.Root>
          <Field.Root name="scheduleTime" id="schedule-time" required>
            <Field.Label>{t('schedule.time')}</Field.Label>
            <Field.Input type="time" step={1} value={time} required onChange={(event: React.ChangeEvent<HTMLInputElement>) => setWhen({ date, time: event.target.value })} />
          </Field.Root>
          {isEditor && (
            <Checkbox checked={allLocales} onCheckedChange={(checked: boolean | 'indeterminate') => setAllLocales(checked === true)}>
              {t('schedule.allLocales')}
            </Checkbox>
          )}
          <Button type="button" onClick={schedule} loading={busy} fullWidth>
            {t('schedule.submit')}
          </Button>
        </Flex>
      </Box>
      <Flex direction="column" alignItems="stretch" gap={2}>
        <Typography tag="h3" variant="sigma">{t('schedule.list')}</Typography>
        {pending.length === 0 ? (
          <Typography>{t('schedule.none')}</Typography>
        ) : (
          <ul aria-label={t('schedule.list')}>
            {pending.map((scheduled) => (
              <li key={scheduled.id}>
                <Flex justifyContent="space-between" alignItems="center" gap={2} paddingBottom={2}>
                  <Typography>{`${actionLabel(t, scheduled.action)} (${localeLabel(t, scheduled.locale)}): ${formatUkTime(intl, scheduled.at)}`}</Typography>
                  <CancelScheduledButton scheduled={scheduled} onDone={() => setLoads((count) => count + 1)} />
                </Flex>
              </li>
            ))}
          </ul>
        )}
        <Link tag={RouterLink} to="/scheduled">
          {t('schedule.seeAll')}
        </Link>
      </Flex>
    </Flex>
  );
};

/** Edit-view side panel "Schedule" for the council's types (Content Manager API). */
export const SchedulePanel: EditViewPanel = ({ model, documentId, document }) => {
  const t = useText();
  if (!COUNCIL_TYPES.includes(model)) return null;
  return {
    title: t('schedule.panelTitle'),
    content: documentId ? <ScheduleForm uid={model} documentId={documentId} locale={document?.locale ?? 'en'} /> : <Typography>{t('schedule.saveFirst')}</Typography>,
  };
};
