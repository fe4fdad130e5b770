import * as React from 'react';
import { useIntl } from 'react-intl';
import { useFetchClient, useNotification } from '@strapi/strapi/admin';
import { Button, Flex, Modal, Table, Tbody, Td, Th, Thead, Tr, Typography } from '@strapi/design-system';
import { COUNCIL_TYPES } from '../content-type-names';
import { errorText, useText, type Text } from '../i18n';
import { recordedActionName } from '../recorded-actions';
import type { EditViewPanel } from './edit-view-panel';

/** A version as GET /history lists it, and as GET /history/:id shows it (src/history/routes.ts). */
type VersionSummary = { id: number; action: string; savedAt: string; actorType: string; actorName: string | null; actorEmail: string | null };
type FieldChange = { field: string; label: string; version: unknown; current: unknown };
type Pagination = { page: number; pageCount: number };

const who = (t: Text, version: VersionSummary) => (version.actorType === 'system' ? t('audit.system') : version.actorName ?? version.actorEmail ?? '?');

/** Rich text (Strapi blocks) as its words; other values as they read. */
const textOf = (value: unknown): string => {
  if (value === null || value === undefined || value === '') return '';
  if (typeof value !== 'object') return String(value);
  if (Array.isArray(value)) return value.map(textOf).filter(Boolean).join(value.some((item) => item && typeof item === 'object' && 'children' in item) ? '\n' : ', ');
  const node = value as Record<string, unknown>;
  if (typeof node.text === 'string') return node.text;
  if (Array.isArray(node.children)) return node.children.map(textOf).join('');
  return JSON.stringify(value);
};

/** After a restore the page reloads (the edit view must show the restored draft); this says so once it has. */
const NOTICE_KEY = 'partner-cities.history-notice';

/** One version compared with the current draft, field by field, and a Restore button. */
const VersionDialog = ({ version, onClose }: { version: VersionSummary; onClose: () => void }) => {
  const { get, post } = useFetchClient();
  const { toggleNotification } = useNotification();
  const t = useText();
  const intl = useIntl();
  const [changes, setChanges] = React.useState<FieldChange[] | null>(null);
  const [busy, setBusy] = React.useState(false);
  const when = intl.formatDate(version.savedAt, { dateStyle: 'medium', timeStyle: 'medium' });

  React.useEffect(() => {
    get(`/history/${version.id}`)
      .then(({ data }: any) => setChanges(data.data.changes))
      .catch((error: unknown) => toggleNotification({ type: 'danger', message: errorText(t, error) }));
  }, [get, version.id]);

  const restore = async () => {
    setBusy(true);
    try {
      await post(`/history/${version.id}/restore`, {});
      window.sessionStorage.setItem(NOTICE_KEY, t('history.restored'));
      window.location.reload();
    } catch (error) {
      toggleNotification({ type: 'danger', message: errorText(t, error) });
      setBusy(false);
    }
  };

  return (
    <Modal.Root open onOpenChange={(open: boolean) => !open && onClose()}>
      <Modal.Content>
        <Modal.Header>
          <Modal.Title>{t('history.dialogTitle', { when })}</Modal.Title>
        </Modal.Header>
        <Modal.Body>
          {changes && changes.length === 0 && <Typography>{t('history.same')}</Typography>}
          {changes && changes.length > 0 && (
            <Table colCount={3} rowCount={changes.length + 1}>
              <Thead>
                <Tr>
                  <Th><Typography variant="sigma">{t('history.column.field')}</Typography></Th>
                  <Th><Typography variant="sigma">{t('history.column.version')}</Typography></Th>
                  <Th><Typography variant="sigma">{t('history.column.current')}</Typography></Th>
                </Tr>
              </Thead>
              <Tbody>
                {changes.map((change) => (
                  <Tr key={change.field}>
                    <Td><Typography fontWeight="bold">{change.label}</Typography></Td>
                    <Td><Typography style={{ whiteSpace: 'pre-wrap' }}>{textOf(change.version) || t('history.empty')}</Typography></Td>
                    <Td><Typography style={{ whiteSpace: 'pre-wrap' }}>{textOf(change.current) || t('history.empty')}</Typography></Td>
                  </Tr>
                ))}
              </Tbody>
            </Table>
          )}
        </Modal.Body>
        <Modal.Footer>
          <Modal.Close>
            <Button variant="tertiary">{t('common.close')}</Button>
          </Modal.Close>
          <Button onClick={restore} loading={busy} disabled={!changes || changes.length === 0}>
            {t('history.restore')}
          </Button>
        </Modal.Footer>
      </Modal.Content>
    </Modal.Root>
  );
};

/** The versions of this language version of the document, newest first, 50 at a time. */
const VersionList = ({ uid, documentId, locale }: { uid: string; documentId: string; locale: string }) => {
  const { get } = useFetchClient();
  const { toggleNotification } = useNotification();
  const t = useText();
  const intl = useIntl();
  const [versions, setVersions] = React.useState<VersionSummary[] | null>(null);
  const [pagination, setPagination] = React.useState<Pagination>({ page: 1, pageCount: 1 });
  const [open, setOpen] = React.useState<VersionSummary | null>(null);

  const load = React.useCallback(
    (page: number) =>
      get(`/history?uid=${encodeURIComponent(uid)}&documentId=${encodeURIComponent(documentId)}&locale=${encodeURIComponent(locale)}&page=${page}`)
        .then(({ data }: any) => {
          setVersions((shown) => (page === 1 ? data.data : [...(shown ?? []), ...data.data]));
          setPagination(data.meta.pagination);
        })
        .catch((error: unknown) => toggleNotification({ type: 'danger', title: t('history.loadFailed'), message: errorText(t, error) })),
    [get, uid, documentId, locale],
  );

  React.useEffect(() => {
    load(1);
    const notice = window.sessionStorage.getItem(NOTICE_KEY);
    if (notice) {
      window.sessionStorage.removeItem(NOTICE_KEY);
      toggleNotification({ type: 'success', message: notice });
    }
  }, [load]);

  if (!versions) return null;
  if (versions.length === 0) return <Typography>{t('history.none')}</Typography>;
  return (
    <Flex direction="column" alignItems="stretch" gap={2} width="100%">
      <ol aria-label={t('history.panelTitle')}>
        {versions.map((version) => {
          const when = intl.formatDate(version.savedAt, { dateStyle: 'medium', timeStyle: 'short' });
          return (
            <li key={version.id}>
              <Flex direction="column" alignItems="flex-start" gap={1} paddingBottom={3}>
                <Typography variant="omega" fontWeight="bold">{when}</Typography>
                <Typography variant="pi">{t('history.entry', { action: recordedActionName(t, version.action), who: who(t, version) })}</Typography>
                <Button variant="tertiary" size="S" aria-label={t('history.viewLabel', { when })} onClick={() => setOpen(version)}>
                  {t('history.view')}
                </Button>
              </Flex>
            </li>
          );
        })}
      </ol>
      {pagination.page < pagination.pageCount && (
        <Button variant="secondary" onClick={() => load(pagination.page + 1)}>
          {t('history.older')}
        </Button>
      )}
      {open && <VersionDialog version={open} onClose={() => setOpen(null)} />}
    </Flex>
  );
};

/** Edit-view side panel "History" for the council's types: versions, a diff, Restore as draft. */
export const HistoryPanel: EditViewPanel = ({ model, documentId, document }) => {
  const t = useText();
  if (!COUNCIL_TYPES.includes(model) || !documentId) return null;
  return { title: t('history.panelTitle'), content: <VersionList uid={model} documentId={documentId} locale={document?.locale ?? 'en'} /> };
};
