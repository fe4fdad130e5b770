import * as React from 'react';
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
import { TYPE_NAMES, contentManagerPath, errorMessage } from '../content-type-names';

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
};
type Pagination = { page: number; pageSize: number; pageCount: number; total: number };
type Filters = { user: string; type: string; documentId: string; from: string; to: string };

const NO_FILTERS: Filters = { user: '', type: '', documentId: '', from: '', to: '' };
const ALL_TYPES = 'all';
const PAGE_SIZE = 25;

const ACTIONS: Record<string, string> = {
  create: 'Created',
  update: 'Updated',
  publish: 'Published',
  unpublish: 'Unpublished',
  discardDraft: 'Discarded draft',
  delete: 'Deleted',
  clone: 'Duplicated',
  'xliff-import': 'XLIFF import',
  'translations-publish': 'Published with its language',
};

const who = ({ user }: Entry) => {
  if (user.type === 'api-token') return `API token “${user.name ?? '?'}”`;
  if (user.type === 'system') return 'System';
  return user.email ? `${user.name ?? ''} <${user.email}>`.trim() : user.name ?? '?';
};

const documentName = (entry: Entry) =>
  `${entry.label ?? entry.documentId ?? ''} (${TYPE_NAMES[entry.uid] ?? entry.uid})`;

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
        setLoadError(errorMessage(error));
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
      <Page.Title>Audit log</Page.Title>
      <Layouts.Header title="Audit log" subtitle="Every change to the content: who made it, when, and which fields it changed" />
      <Layouts.Content>
        <Flex direction="column" alignItems="stretch" gap={6}>
          <Box background="neutral0" padding={4} shadow="tableShadow" hasRadius>
            <form onSubmit={apply} aria-label="Filter the audit log">
              <Grid.Root gap={4}>
                <Grid.Item col={4} s={12} direction="column" alignItems="stretch">
                  <Field.Root name="user" id="audit-user" hint="Name, email, admin id or API token name">
                    <Field.Label>User</Field.Label>
                    <Field.Input {...field('user')} />
                    <Field.Hint />
                  </Field.Root>
                </Grid.Item>
                <Grid.Item col={4} s={12} direction="column" alignItems="stretch">
                  <Field.Root name="type" id="audit-type">
                    <Field.Label>Type</Field.Label>
                    <SingleSelect value={draft.type || ALL_TYPES} onChange={(value: string | number) => setDraft({ ...draft, type: value === ALL_TYPES ? '' : String(value) })}>
                      <SingleSelectOption value={ALL_TYPES}>All types</SingleSelectOption>
                      {Object.entries(TYPE_NAMES).map(([uid, name]) => (
                        <SingleSelectOption key={uid} value={uid}>
                          {name}
                        </SingleSelectOption>
                      ))}
                    </SingleSelect>
                  </Field.Root>
                </Grid.Item>
                <Grid.Item col={4} s={12} direction="column" alignItems="stretch">
                  <Field.Root name="documentId" id="audit-document">
                    <Field.Label>Document ID</Field.Label>
                    <Field.Input {...field('documentId')} />
                  </Field.Root>
                </Grid.Item>
                <Grid.Item col={4} s={12} direction="column" alignItems="stretch">
                  <Field.Root name="from" id="audit-from">
                    <Field.Label>From (date)</Field.Label>
                    <Field.Input type="date" {...field('from')} />
                  </Field.Root>
                </Grid.Item>
                <Grid.Item col={4} s={12} direction="column" alignItems="stretch">
                  <Field.Root name="to" id="audit-to">
                    <Field.Label>To (date, inclusive)</Field.Label>
                    <Field.Input type="date" {...field('to')} />
                  </Field.Root>
                </Grid.Item>
                <Grid.Item col={4} s={12} alignItems="flex-end">
                  <Flex gap={2}>
                    <Button type="submit">Apply filters</Button>
                    <Button type="button" variant="tertiary" onClick={reset}>
                      Clear
                    </Button>
                  </Flex>
                </Grid.Item>
              </Grid.Root>
            </form>
          </Box>

          {loadError && (
            <Alert closeLabel="Close" title="Could not load the audit log" variant="danger" onClose={() => setLoadError(null)}>
              {loadError}
            </Alert>
          )}

          {entries && pagination && (
            <Box background="neutral0" padding={4} shadow="tableShadow" hasRadius>
              <Typography tag="h2" variant="delta">
                {pagination.total === 0 ? 'No changes match these filters.' : `${pagination.total} changes`}
              </Typography>
              {entries.length > 0 && (
                <Table colCount={6} rowCount={entries.length + 1}>
                  <Thead>
                    <Tr>
                      <Th><Typography variant="sigma">When</Typography></Th>
                      <Th><Typography variant="sigma">Who</Typography></Th>
                      <Th><Typography variant="sigma">Action</Typography></Th>
                      <Th><Typography variant="sigma">Document</Typography></Th>
                      <Th><Typography variant="sigma">Locale</Typography></Th>
                      <Th><Typography variant="sigma">Changed fields</Typography></Th>
                    </Tr>
                  </Thead>
                  <Tbody>
                    {entries.map((entry) => (
                      <Tr key={entry.id}>
                        <Td><Typography>{new Date(entry.at).toLocaleString('en-GB')}</Typography></Td>
                        <Td><Typography>{who(entry)}</Typography></Td>
                        <Td><Typography>{ACTIONS[entry.action] ?? entry.action}</Typography></Td>
                        <Td>
                          {entry.documentId && entry.action !== 'delete' && entry.locale && entry.locale !== '*' ? (
                            <Link tag={RouterLink} to={contentManagerPath(entry.uid, entry.documentId, entry.locale)}>
                              {documentName(entry)}
                            </Link>
                          ) : (
                            <Typography>{documentName(entry)}</Typography>
                          )}
                        </Td>
                        <Td><Typography>{entry.locale === '*' ? 'all' : entry.locale ?? ''}</Typography></Td>
                        <Td><Typography>{(entry.changedFields ?? []).join(', ')}</Typography></Td>
                      </Tr>
                    ))}
                  </Tbody>
                </Table>
              )}
              {pagination.pageCount > 1 && (
                <Flex gap={2} paddingTop={4} justifyContent="flex-end">
                  <Button variant="tertiary" disabled={page <= 1} onClick={() => setPage(page - 1)}>
                    Previous page
                  </Button>
                  <Typography aria-live="polite">{`Page ${pagination.page} of ${pagination.pageCount}`}</Typography>
                  <Button variant="tertiary" disabled={page >= pagination.pageCount} onClick={() => setPage(page + 1)}>
                    Next page
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
