import * as React from 'react';
import { useIntl } from 'react-intl';
import { Link as RouterLink } from 'react-router-dom';
import { Layouts, Page, useFetchClient } from '@strapi/strapi/admin';
import {
  Alert,
  Box,
  Button,
  Field,
  Flex,
  Grid,
  Link,
  SingleSelect,
  SingleSelectOption,
  Table,
  Tbody,
  Td,
  Th,
  Thead,
  Tr,
  Typography,
} from '@strapi/design-system';
import { COUNCIL_TYPES, contentManagerPath, typeName } from '../content-type-names';
import { errorText, useText, type Text } from '../i18n';
import { recordedActionName } from '../recorded-actions';

/** An entry of GET /audit-log (src/audit/response.ts). */
type Entry = {
  id: number;
  at: string;
  user: { type: string; id: string | null; name: string | null; email: string | null };
  action: string;
  uid: string;
  documentId: string | null;
  label: string | null;
  locale: string | null;
  changedFields: string[] | null;
  /** Why, where the action alone does not say (a failed scheduled publish: the reason). */
  note: string | null;
};
type Pagination = { page: number; pageSize: number; pageCount: number; total: number };
type Filters = { user: string; type: string; documentId: string; from: string; to: string };

const NO_FILTERS: Filters = { user: '', type: '', documentId: '', from: '', to: '' };
const ALL_TYPES = 'all';
const PAGE_SIZE = 25;


const who = (t: Text, { user }: Entry) => {
  if (user.type === 'api-token') return t('audit.apiToken', { name: user.name ?? '?' });
  if (user.type === 'system') return t('audit.system');
  return user.email ? `${user.name ?? ''} <${user.email}>`.trim() : user.name ?? '?';
};

const documentName = (t: Text, entry: Entry) => `${entry.label ?? entry.documentId ?? ''} (${typeName(t, entry.uid)})`;

const queryString = (filters: Filters, page: number) => {
  const params = new URLSearchParams({ page: String(page), pageSize: String(PAGE_SIZE) });
  for (const [name, value] of Object.entries(filters)) if (value.trim() !== '') params.set(name, value.trim());
  return params.toString();
};

/**
 * Audit log: every content change, newest first — who, when, what and which fields — filtered by
 * user, type, document and dates. Read-only: there is nothing here (or in the API) to change it.
 */
const AuditLogPage = () => {
  const { get } = useFetchClient();
  const t = useText();
  const intl = useIntl();
  const [draft, setDraft] = React.useState<Filters>(NO_FILTERS);
  const [filters, setFilters] = React.useState<Filters>(NO_FILTERS);
  const [page, setPage] = React.useState(1);
  const [entries, setEntries] = React.useState<Entry[] | null>(null);
  const [pagination, setPagination] = React.useState<Pagination | null>(null);
  const [loadError, setLoadError] = React.useState<string | null>(null);

  React.useEffect(() => {
    setLoadError(null);
    get(`/audit-log?${queryString(filters, page)}`)
      .then(({ data }: any) => {
        setEntries(data.data);
        setPagination(data.meta.pagination);
      })
      .catch((error: unknown) => {
        setEntries(null);
        setLoadError(errorText(t, error));
      });
  }, [get, filters, page]);

  const apply = (event: React.FormEvent) => {
    event.preventDefault();
    setPage(1);
    setFilters(draft);
  };
  const reset = () => {
    setDraft(NO_FILTERS);
    setPage(1);
    setFilters(NO_FILTERS);
  };
  const field = (name: keyof Filters) => ({
    name,
    value: draft[name],
    onChange: (event: React.ChangeEvent<HTMLInputElement>) => setDraft({ ...draft, [name]: event.target.value }),
  });

  return (
    <Page.Main>
      <Page.Title>{t('audit.title')}</Page.Title>
      <Layouts.Header title={t('audit.title')} subtitle={t('audit.subtitle')} />
      <Layouts.Content>
        <Flex direction="column" alignItems="stretch" gap={6}>
          <Box background="neutral0" padding={4} shadow="tableShadow" hasRadius>
            <form onSubmit={apply} aria-label={t('audit.filterLabel')}>
              <Grid.Root gap={4}>
                <Grid.Item col={4} s={12} direction="column" alignItems="stretch">
                  <Field.Root name="user" id="audit-user" hint={t('audit.userHint')}>
                    <Field.Label>{t('audit.user')}</Field.Label>
                    <Field.Input {...field('user')} />
                    <Field.Hint />
                  </Field.Root>
                </Grid.Item>
                <Grid.Item col={4} s={12} direction="column" alignItems="stretch">
                  <Field.Root name="type" id="audit-type">
                    <Field.Label>{t('audit.type')}</Field.Label>
                    <SingleSelect value={draft.type || ALL_TYPES} onChange={(value: string | number) => setDraft({ ...draft, type: value === ALL_TYPES ? '' : String(value) })}>
                      <SingleSelectOption value={ALL_TYPES}>{t('audit.allTypes')}</SingleSelectOption>
                      {COUNCIL_TYPES.map((uid) => (
                        <SingleSelectOption key={uid} value={uid}>
                          {typeName(t, uid)}
                        </SingleSelectOption>
                      ))}
                    </SingleSelect>
                  </Field.Root>
                </Grid.Item>
                <Grid.Item col={4} s={12} direction="column" alignItems="stretch">
                  <Field.Root name="documentId" id="audit-document">
                    <Field.Label>{t('audit.documentId')}</Field.Label>
                    <Field.Input {...field('documentId')} />
                  </Field.Root>
                </Grid.Item>
                <Grid.Item col={4} s={12} direction="column" alignItems="stretch">
                  <Field.Root name="from" id="audit-from">
                    <Field.Label>{t('audit.from')}</Field.Label>
                    <Field.Input type="date" {...field('from')} />
                  </Field.Root>
                </Grid.Item>
                <Grid.Item col={4} s={12} direction="column" alignItems="stretch">
                  <Field.Root name="to" id="audit-to">
                    <Field.Label>{t('audit.to')}</Field.Label>
                    <Field.Input type="date" {...field('to')} />
                  </Field.Root>
                </Grid.Item>
                <Grid.Item col={4} s={12} alignItems="flex-end">
                  <Flex gap={2}>
                    <Button type="submit">{t('audit.apply')}</Button>
                    <Button type="button" variant="tertiary" onClick={reset}>
                      {t('audit.clear')}
                    </Button>
                  </Flex>
                </Grid.Item>
              </Grid.Root>
            </form>
          </Box>

          {loadError && (
            <Alert closeLabel={t('common.close')} title={t('audit.loadFailed')} variant="danger" onClose={() => setLoadError(null)}>
              {loadError}
            </Alert>
          )}

          {entries && pagination && (
            <Box background="neutral0" padding={4} shadow="tableShadow" hasRadius>
              <Typography tag="h2" variant="delta">
                {pagination.total === 0 ? t('audit.none') : t('audit.count', { count: pagination.total })}
              </Typography>
              {entries.length > 0 && (
                <Table colCount={6} rowCount={entries.length + 1}>
                  <Thead>
                    <Tr>
                      <Th><Typography variant="sigma">{t('audit.column.when')}</Typography></Th>
                      <Th><Typography variant="sigma">{t('audit.column.who')}</Typography></Th>
                      <Th><Typography variant="sigma">{t('audit.column.action')}</Typography></Th>
                      <Th><Typography variant="sigma">{t('audit.column.document')}</Typography></Th>
                      <Th><Typography variant="sigma">{t('audit.column.locale')}</Typography></Th>
                      <Th><Typography variant="sigma">{t('audit.column.changedFields')}</Typography></Th>
                    </Tr>
                  </Thead>
                  <Tbody>
                    {entries.map((entry) => (
                      <Tr key={entry.id}>
                        <Td><Typography>{intl.formatDate(entry.at, { dateStyle: 'medium', timeStyle: 'medium' })}</Typography></Td>
                        <Td><Typography>{who(t, entry)}</Typography></Td>
                        <Td><Typography>{recordedActionName(t, entry.action)}</Typography></Td>
                        <Td>
                          {entry.documentId && entry.action !== 'delete' && entry.locale && entry.locale !== '*' ? (
                            <Link tag={RouterLink} to={contentManagerPath(entry.uid, entry.documentId, entry.locale)}>
                              {documentName(t, entry)}
                            </Link>
                          ) : (
                            <Typography>{documentName(t, entry)}</Typography>
                          )}
                        </Td>
                        <Td><Typography>{entry.locale === '*' ? t('audit.allLocales') : entry.locale ?? ''}</Typography></Td>
                        <Td>
                          <Typography>{(entry.changedFields ?? []).join(', ')}</Typography>
                          {entry.note && <Typography textColor="neutral700">{entry.note}</Typography>}
                        </Td>
                      </Tr>
                    ))}
                  </Tbody>
                </Table>
              )}
              {pagination.pageCount > 1 && (
                <Flex gap={2} paddingTop={4} justifyContent="flex-end">
                  <Button variant="tertiary" disabled={page <= 1} onClick={() => setPage(page - 1)}>
                    {t('audit.previous')}
                  </Button>
                  <Typography aria-live="polite">{t('audit.page', { page: pagination.page, pageCount: pagination.pageCount })}</Typography>
                  <Button variant="tertiary" disabled={page >= pagination.pageCount} onClick={() => setPage(page + 1)}>
                    {t('audit.next')}
                  </Button>
                </Flex>
              )}
            </Box>
          )}
        </Flex>
      </Layouts.Content>
    </Page.Main>
  );
};

export default AuditLogPage;
