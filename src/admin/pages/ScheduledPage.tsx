import * as React from 'react';
import { useIntl } from 'react-intl';
import { Link as RouterLink } from 'react-router-dom';
import { Layouts, Page, useFetchClient } from '@strapi/strapi/admin';
import { Alert, Box, Flex, Link, Table, Tbody, Td, Th, Thead, Tr, Typography } from '@strapi/design-system';
import { CancelScheduledButton } from '../components/CancelScheduledButton';
import { contentManagerPath, typeName } from '../content-type-names';
import { errorText, useText, type Text, type TextId } from '../i18n';
import { actionLabel, formatUkTime, localeLabel, type ScheduledAction } from '../scheduling';

const documentName = (t: Text, action: ScheduledAction) => `${action.label ?? action.documentId} (${typeName(t, action.uid)})`;

const ActionsTable = ({ actions, caption, onCancelled }: { actions: ScheduledAction[]; caption: string; onCancelled?: () => void }) => {
  const t = useText();
  const intl = useIntl();
  return (
    <Table colCount={onCancelled ? 7 : 6} rowCount={actions.length + 1} aria-label={caption}>
      <Thead>
        <Tr>
          <Th><Typography variant="sigma">{t('scheduled.column.when')}</Typography></Th>
          <Th><Typography variant="sigma">{t('scheduled.column.action')}</Typography></Th>
          <Th><Typography variant="sigma">{t('scheduled.column.document')}</Typography></Th>
          <Th><Typography variant="sigma">{t('scheduled.column.locale')}</Typography></Th>
          <Th><Typography variant="sigma">{t('scheduled.column.who')}</Typography></Th>
          <Th><Typography variant="sigma">{t('scheduled.column.state')}</Typography></Th>
          {onCancelled && <Th><Typography variant="sigma">{t('scheduled.cancel')}</Typography></Th>}
        </Tr>
      </Thead>
      <Tbody>
        {actions.map((action) => (
          <Tr key={action.id}>
            <Td><Typography>{formatUkTime(intl, action.at)}</Typography></Td>
            <Td><Typography>{actionLabel(t, action.action)}</Typography></Td>
            <Td>
              <Link tag={RouterLink} to={contentManagerPath(action.uid, action.documentId, action.locale === '*' ? 'en' : action.locale)}>
                {documentName(t, action)}
              </Link>
            </Td>
            <Td><Typography>{localeLabel(t, action.locale)}</Typography></Td>
            <Td><Typography>{action.scheduledBy.name ?? action.scheduledBy.email ?? ''}</Typography></Td>
            <Td>
              <Flex direction="column" alignItems="flex-start" gap={1}>
                <Typography fontWeight="bold" textColor={action.state === 'failed' ? 'danger700' : 'neutral800'}>
                  {t(`scheduled.state.${action.state}` as TextId)}
                </Typography>
                {action.lateBySeconds !== null && <Typography>{t('scheduled.late', { seconds: action.lateBySeconds })}</Typography>}
                {action.failure && <Typography>{action.failure}</Typography>}
              </Flex>
            </Td>
            {onCancelled && (
              <Td>
                <CancelScheduledButton scheduled={action} onDone={onCancelled} />
              </Td>
            )}
          </Tr>
        ))}
      </Tbody>
    </Table>
  );
};

/**
 * Scheduled: what will be published or unpublished, soonest first, with a Cancel button each;
 * then what ran (late runs and failures with their reason) or was cancelled. Actions are made
 * from the Schedule panel beside a document in the Content Manager.
 */
const ScheduledPage = () => {
  const { get } = useFetchClient();
  const t = useText();
  const [pending, setPending] = React.useState<ScheduledAction[] | null>(null);
  const [past, setPast] = React.useState<ScheduledAction[] | null>(null);
  const [loadError, setLoadError] = React.useState<string | null>(null);
  const [loads, setLoads] = React.useState(0);

  React.useEffect(() => {
    setLoadError(null);
    Promise.all([get('/scheduled-actions?state=pending'), get('/scheduled-actions')])
      .then(([coming, all]: any[]) => {
        setPending(coming.data.data);
        setPast((all.data.data as ScheduledAction[]).filter((action) => action.state !== 'pending'));
      })
      .catch((error: unknown) => setLoadError(errorText(t, error)));
  }, [get, loads]);

  return (
    <Page.Main>
      <Page.Title>{t('scheduled.title')}</Page.Title>
      <Layouts.Header title={t('scheduled.title')} subtitle={t('scheduled.subtitle')} />
      <Layouts.Content>
        <Flex direction="column" alignItems="stretch" gap={6}>
          <Typography>{t('scheduled.howTo')}</Typography>
          {loadError && (
            <Alert closeLabel={t('common.close')} title={t('scheduled.loadFailed')} variant="danger" onClose={() => setLoadError(null)}>
              {loadError}
            </Alert>
          )}
          {pending && (
            <Box background="neutral0" padding={4} shadow="tableShadow" hasRadius>
              <Flex direction="column" alignItems="stretch" gap={4}>
                <Typography tag="h2" variant="delta">{t('scheduled.pending')}</Typography>
                {pending.length === 0 ? <Typography>{t('scheduled.nonePending')}</Typography> : <ActionsTable actions={pending} caption={t('scheduled.pending')} onCancelled={() => setLoads((count) => count + 1)} />}
              </Flex>
            </Box>
          )}
          {past && (
            <Box background="neutral0" padding={4} shadow="tableShadow" hasRadius>
              <Flex direction="column" alignItems="stretch" gap={4}>
                <Typography tag="h2" variant="delta">{t('scheduled.past')}</Typography>
                {past.length === 0 ? <Typography>{t('scheduled.nonePast')}</Typography> : <ActionsTable actions={past} caption={t('scheduled.past')} />}
              </Flex>
            </Box>
          )}
        </Flex>
      </Layouts.Content>
    </Page.Main>
  );
};

export default ScheduledPage;
