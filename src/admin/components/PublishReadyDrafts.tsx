import * as React from 'react';
import { useFetchClient } from '@strapi/strapi/admin';
import { Alert, Box, Button, Dialog, Flex, Typography } from '@strapi/design-system';
import { typeName } from '../content-type-names';
import { errorText, useText, type Text } from '../i18n';

type Draft = { uid: string; documentId: string; label: string; change: 'new' | 'modified' };
type Plan = { locale: string; dryRun: boolean; ready: Draft[]; skipped: Array<Draft & { reason: string }>; published: Draft[] };

const draftLine = (t: Text, draft: Draft) => t(draft.change === 'new' ? 'publish.lineNew' : 'publish.lineModified', { label: draft.label, type: typeName(t, draft.uid) });

/**
 * "Publish N ready drafts in French": every draft of the locale that is current and passes the
 * publish rules, in one action, all or nothing, after a dialog that lists what it will publish
 * and what it leaves and why. Hidden for callers who may not publish the locale.
 */
export const PublishReadyDrafts = ({ locale, languageName, reloadKey, onPublished }: { locale: string; languageName: string; reloadKey: number; onPublished: () => void }) => {
  const { post } = useFetchClient();
  const t = useText();
  const [plan, setPlan] = React.useState<Plan | null>(null);
  const [result, setResult] = React.useState<Plan | null>(null);
  const [error, setError] = React.useState<string | null>(null);
  const [busy, setBusy] = React.useState(false);

  React.useEffect(() => {
    let current = true;
    setPlan(null);
    post<{ data: Plan }>('/translations/publish', { locale, dryRun: true })
      .then(({ data }) => current && setPlan(data.data))
      // 403: this caller does not publish this language; nothing to offer.
      .catch(() => undefined);
    return () => {
      current = false;
    };
  }, [post, locale, reloadKey]);

  const publish = async () => {
    setBusy(true);
    setError(null);
    try {
      const { data } = await post<{ data: Plan }>('/translations/publish', { locale, dryRun: false });
      setResult(data.data);
      onPublished();
    } catch (failure) {
      setError(errorText(t, failure));
    } finally {
      setBusy(false);
    }
  };

  const count = plan?.ready.length ?? 0;
  return (
    <Flex direction="column" alignItems="stretch" gap={3}>
      {result && (
        <Alert closeLabel={t('common.close')} title={t('publish.doneTitle')} variant="success" onClose={() => setResult(null)}>
          {t('publish.doneBody', { count: result.published.length, language: languageName, labels: result.published.map((draft) => draft.label).join(', ') })}
        </Alert>
      )}
      {error && (
        <Alert closeLabel={t('common.close')} title={t('publish.failed')} variant="danger" onClose={() => setError(null)}>
          {error}
        </Alert>
      )}
      {plan && (
        <Box background="neutral0" padding={4} shadow="tableShadow" hasRadius>
          <Flex justifyContent="space-between" alignItems="center" gap={4} wrap="wrap">
            <Typography tag="h2" variant="delta">
              {count === 0 ? t('publish.none', { language: languageName }) : t('publish.some', { count, language: languageName })}
            </Typography>
            {count > 0 && (
              <Dialog.Root>
                <Dialog.Trigger>
                  <Button>{t('publish.button', { count, language: languageName })}</Button>
                </Dialog.Trigger>
                <Dialog.Content>
                  <Dialog.Header>{t('publish.dialogTitle', { count, language: languageName })}</Dialog.Header>
                  <Dialog.Body>
                    <Flex direction="column" alignItems="stretch" gap={3}>
                      <Typography>{t('publish.together')}</Typography>
                      <ul aria-label={t('publish.listReady')}>
                        {plan.ready.map((draft) => (
                          <li key={`${draft.uid}:${draft.documentId}`}>
                            <Typography>{draftLine(t, draft)}</Typography>
                          </li>
                        ))}
                      </ul>
                      {plan.skipped.length > 0 && (
                        <>
                          <Typography>{t('publish.left')}</Typography>
                          <ul aria-label={t('publish.listLeft')}>
                            {plan.skipped.map((draft) => (
                              <li key={`${draft.uid}:${draft.documentId}`}>
                                <Typography>{`${draftLine(t, draft)} – ${draft.reason}`}</Typography>
                              </li>
                            ))}
                          </ul>
                        </>
                      )}
                    </Flex>
                  </Dialog.Body>
                  <Dialog.Footer>
                    <Dialog.Cancel>
                      <Button variant="tertiary">{t('publish.cancel')}</Button>
                    </Dialog.Cancel>
                    <Dialog.Action>
                      <Button onClick={publish} loading={busy}>{t('publish.confirm', { count })}</Button>
                    </Dialog.Action>
                  </Dialog.Footer>
                </Dialog.Content>
              </Dialog.Root>
            )}
          </Flex>
          {count === 0 && plan.skipped.length > 0 && (
            <Typography>{t('publish.waiting', { count: plan.skipped.length, reasons: plan.skipped.map((draft) => `${draft.label}: ${draft.reason}`).join(' ') })}</Typography>
          )}
        </Box>
      )}
    </Flex>
  );
};
