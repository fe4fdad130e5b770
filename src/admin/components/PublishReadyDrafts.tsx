import * as React from 'react';
import { useFetchClient } from '@strapi/strapi/admin';
import { Alert, Box, Button, Dialog, Flex, Typography } from '@strapi/design-system';
import { TYPE_NAMES, errorMessage } from '../content-type-names';

type Draft = { uid: string; documentId: string; label: string; change: 'new' | 'modified' };
type Plan = { locale: string; dryRun: boolean; ready: Draft[]; skipped: Array<Draft & { reason: string }>; published: Draft[] };

const draftLine = (draft: Draft) => `${draft.label}, ${TYPE_NAMES[draft.uid] ?? draft.uid}: ${draft.change === 'new' ? 'first publication' : 'changes since last published'}`;

/**
 * "Publish N ready drafts in French": every draft of the locale that is current and passes the
 * publish rules, in one action, all or nothing, after a dialog that lists what it will publish
 * and what it leaves and why. Hidden for callers who may not publish the locale.
 */
export const PublishReadyDrafts = ({ locale, languageName, reloadKey, onPublished }: { locale: string; languageName: string; reloadKey: number; onPublished: () => void }) => {
  const { post } = useFetchClient();
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
      setError(errorMessage(failure));
    } finally {
      setBusy(false);
    }
  };

  const count = plan?.ready.length ?? 0;
  return (
    <Flex direction="column" alignItems="stretch" gap={3}>
      {result && (
        <Alert closeLabel="Close" title="Published" variant="success" onClose={() => setResult(null)}>
          {`${result.published.length} ${languageName} drafts published: ${result.published.map((draft) => draft.label).join(', ')}.`}
        </Alert>
      )}
      {error && (
        <Alert closeLabel="Close" title="Nothing was published" variant="danger" onClose={() => setError(null)}>
          {error}
        </Alert>
      )}
      {plan && (
        <Box background="neutral0" padding={4} shadow="tableShadow" hasRadius>
          <Flex justifyContent="space-between" alignItems="center" gap={4} wrap="wrap">
            <Typography tag="h2" variant="delta">
              {count === 0 ? `No ${languageName} drafts are ready to publish.` : `${count} ${languageName} drafts are ready to publish`}
            </Typography>
            {count > 0 && (
              <Dialog.Root>
                <Dialog.Trigger>
                  <Button>{`Publish ${count} ready drafts in ${languageName}`}</Button>
                </Dialog.Trigger>
                <Dialog.Content>
                  <Dialog.Header>{`Publish ${count} drafts in ${languageName}?`}</Dialog.Header>
                  <Dialog.Body>
                    <Flex direction="column" alignItems="stretch" gap={3}>
                      <Typography>All of these are published together, or none if one fails:</Typography>
                      <ul aria-label="Drafts to publish">
                        {plan.ready.map((draft) => (
                          <li key={`${draft.uid}:${draft.documentId}`}>
                            <Typography>{draftLine(draft)}</Typography>
                          </li>
                        ))}
                      </ul>
                      {plan.skipped.length > 0 && (
                        <>
                          <Typography>Left as drafts:</Typography>
                          <ul aria-label="Drafts left unpublished">
                            {plan.skipped.map((draft) => (
                              <li key={`${draft.uid}:${draft.documentId}`}>
                                <Typography>{`${draftLine(draft)}: ${draft.reason}`}</Typography>
                              </li>
                            ))}
                          </ul>
                        </>
                      )}
                    </Flex>
                  </Dialog.Body>
                  <Dialog.Footer>
                    <Dialog.Cancel>
                      <Button variant="tertiary">Cancel</Button>
                    </Dialog.Cancel>
                    <Dialog.Action>
                      <Button onClick={publish} loading={busy}>{`Publish ${count} drafts`}</Button>
                    </Dialog.Action>
                  </Dialog.Footer>
                </Dialog.Content>
              </Dialog.Root>
            )}
          </Flex>
          {count === 0 && plan.skipped.length > 0 && <Typography>{`${plan.skipped.length} drafts are waiting: ${plan.skipped.map((draft) => `${draft.label}: ${draft.reason}`).join(' ')}`}</Typography>}
        </Box>
      )}
    </Flex>
  );
};
