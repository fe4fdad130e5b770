import * as React from 'react';
import { useIntl } from 'react-intl';
import { useFetchClient, useNotification } from '@strapi/strapi/admin';
import { Button } from '@strapi/design-system';
import { errorText, useText } from '../i18n';
import { actionLabel, formatUkTime, localeLabel, type ScheduledAction } from '../scheduling';

/**
 * Cancel for a pending scheduled action (the Scheduled page and the Schedule panel): asks the
 * server, says in a toast what happened, then `onDone`, answer or refusal alike (it may have run
 * meanwhile: the list shows it as it is now).
 */
export const CancelScheduledButton = ({ scheduled, onDone }: { scheduled: ScheduledAction; onDone: () => void }) => {
  const { del } = useFetchClient();
  const { toggleNotification } = useNotification();
  const t = useText();
  const intl = useIntl();
  const what = { action: actionLabel(t, scheduled.action), label: scheduled.label ?? scheduled.documentId, locale: localeLabel(t, scheduled.locale) };

  const cancel = async () => {
    try {
      await del(`/scheduled-actions/${scheduled.id}`);
      toggleNotification({ type: 'success', message: t('scheduled.cancelled', what) });
    } catch (error) {
      toggleNotification({ type: 'danger', message: errorText(t, error) });
    }
    onDone();
  };

  return (
    <Button variant="danger-light" size="S" aria-label={t('scheduled.cancelLabel', { ...what, when: formatUkTime(intl, scheduled.at) })} onClick={cancel}>
      {t('scheduled.cancel')}
    </Button>
  );
};
