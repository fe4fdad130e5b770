import * as React from 'react';
import { Link as RouterLink } from 'react-router-dom';
import { Layouts, Page, useFetchClient } from '@strapi/strapi/admin';
import {
  Alert,
  Badge,
  Box,
  Button,
  Field,
  Flex,
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
  VisuallyHidden,
} from '@strapi/design-system';
import { Download, Upload } from '@strapi/icons';
import { contentManagerPath, typeName } from '../content-type-names';
import { errorText, useText, type TextId } from '../i18n';
import { EnglishChanges, type FieldChange } from '../components/EnglishChanges';
import { PublishReadyDrafts } from '../components/PublishReadyDrafts';

type State = 'missing' | 'outdated' | 'current';
type Counts = Record<State, number> & { total: number };
type StatusDocument = { uid: string; documentId: string; label: string; status: State; updatedAt: string | null; changes?: FieldChange[] | null };
type Status = { locale: string; counts: Counts; byType: Record<string, Counts>; documents: StatusDocument[] };
type ImportResult = { locale: string; created: unknown[]; updated: unknown[]; units: number };

const LOCALES = ['fr', 'de', 'cs', 'zh-Hans'];

// The design system's badge variants (600 on 100) fall short of WCAG AA contrast for small
// text; 700 on 100 passes, except warning700 (4.0:1), so "Outdated" is dark neutral text.
const BADGE: Record<State, { textColor: string; backgroundColor: string }> = {
  current: { textColor: 'success700', backgroundColor: 'success100' },
  outdated: { textColor: 'neutral800', backgroundColor: 'warning100' },
  missing: { textColor: 'danger700', backgroundColor: 'danger100' },
};

/**
 * Translations: per locale and type, how many translations are current, outdated or missing; the
 * documents that need work, each linking to its version in the Content Manager, an outdated one
 * showing what changed in English; publishing the language's ready drafts in one step; XLIFF
 * download of what needs work and upload of a translated file.
 */
const TranslationsPage = () => {
  const { get, post } = useFetchClient();
  const t = useText();
  const [locale, setLocale] = React.useState<string>('fr');
  const [status, setStatus] = React.useState<Status | null>(null);
  const [loadError, setLoadError] = React.useState<string | null>(null);
  const [importResult, setImportResult] = React.useState<ImportResult | null>(null);
  const [importError, setImportError] = React.useState<string | null>(null);
  const [downloadError, setDownloadError] = React.useState<string | null>(null);
  const fileInput = React.useRef<HTMLInputElement>(null);

  React.useEffect(() => {
    // A translator starts on their own locale.
    get('/admin/users/me')
      .then(({ data }: any) => {
        const code = data?.data?.roles?.map((role: any) => role.code).find((c: string) => c?.startsWith('translator-'));
        if (code) setLocale(code.replace('translator-', ''));
      })
      .catch(() => undefined);
  }, [get]);

  const [loads, setLoads] = React.useState(0);
  const load = () => setLoads((count) => count + 1);

  React.useEffect(() => {
    // Only the answer for the language now chosen may be shown: switching quickly can bring the
    // answers back out of order.
    let chosen = true;
    setLoadError(null);
    get(`/translations/status?locale=${encodeURIComponent(locale)}&include=diff`)
      .then(({ data }: any) => chosen && setStatus(data.data))
      .catch((error: unknown) => chosen && setLoadError(errorText(t, error)));
    return () => {
      chosen = false;
    };
  }, [get, locale, loads]);

  const download = async () => {
    setDownloadError(null);
    try {
      const { data } = await get(`/translations/xliff?locale=${encodeURIComponent(locale)}&status=missing,outdated`, { responseType: 'blob' } as any);
      const url = URL.createObjectURL(data instanceof Blob ? data : new Blob([data], { type: 'application/xliff+xml' }));
      const anchor = document.createElement('a');
      anchor.href = url;
      anchor.download = `partner-cities-${locale}.xlf`;
      anchor.click();
      URL.revokeObjectURL(url);
    } catch (error) {
      setDownloadError(errorText(t, error));
    }
  };

  const upload = async (event: React.ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    if (!file) return;
    setImportResult(null);
    setImportError(null);
    try {
      const { data } = await post<{ data: ImportResult }>(`/translations/xliff?locale=${encodeURIComponent(locale)}`, { xliff: await file.text() });
      setImportResult(data.data);
      load();
    } catch (error) {
      setImportError(errorText(t, error));
    } finally {
      event.target.value = '';
    }
  };

  const needingWork = status?.documents.filter((entry) => entry.status !== 'current') ?? [];
  const [expanded, setExpanded] = React.useState<Set<string>>(new Set());
  const toggle = (key: string) =>
    setExpanded((keys) => {
      const next = new Set(keys);
      if (!next.delete(key)) next.add(key);
      return next;
    });
  const expandedCount = needingWork.filter((entry) => expanded.has(`${entry.uid}:${entry.documentId}`)).length;
  const languageName = LOCALES.includes(locale) ? t(`language.${locale}` as TextId) : locale;

  return (
    <Page.Main>
      <Page.Title>{t('translations.title')}</Page.Title>
      <Layouts.Header
        title={t('translations.title')}
        subtitle={t('translations.subtitle')}
        primaryAction={
          <Flex gap={2}>
            <Button startIcon={<Download />} variant="secondary" onClick={download}>
              {t('translations.download')}
            </Button>
            <Button startIcon={<Upload />} onClick={() => fileInput.current?.click()}>
              {t('translations.upload')}
            </Button>
            <VisuallyHidden>
              <label htmlFor="xliff-upload">{t('translations.uploadLabel')}</label>
              {/* Out of the tab order: the Upload button opens it; a hidden focus stop would show no focus. */}
              <input id="xliff-upload" ref={fileInput} type="file" accept=".xlf,.xliff,.xml" tabIndex={-1} onChange={upload} />
            </VisuallyHidden>
          </Flex>
        }
      />
      <Layouts.Content>
        <Flex direction="column" alignItems="stretch" gap={6}>
          <Box maxWidth="320px">
            <Field.Root name="locale" id="translation-locale">
              <Field.Label>{t('translations.language')}</Field.Label>
              <SingleSelect value={locale} onChange={(value: string | number) => setLocale(String(value))}>
                {LOCALES.map((code) => (
                  <SingleSelectOption key={code} value={code}>
                    {t('translations.languageOption', { name: t(`language.${code}` as TextId), code })}
                  </SingleSelectOption>
                ))}
              </SingleSelect>
            </Field.Root>
          </Box>

          {importResult && (
            <Alert closeLabel={t('common.close')} title={t('translations.imported')} variant="success" onClose={() => setImportResult(null)}>
              {t('translations.importedBody', { units: importResult.units, created: importResult.created.length, locale: importResult.locale, updated: importResult.updated.length })}
            </Alert>
          )}
          {importError && (
            <Alert closeLabel={t('common.close')} title={t('translations.importFailed')} variant="danger" onClose={() => setImportError(null)}>
              {importError}
            </Alert>
          )}
          {downloadError && (
            <Alert closeLabel={t('common.close')} title={t('translations.downloadFailed')} variant="danger" onClose={() => setDownloadError(null)}>
              {downloadError}
            </Alert>
          )}
          {loadError && (
            <Alert closeLabel={t('common.close')} title={t('translations.loadFailed')} variant="danger" onClose={() => setLoadError(null)}>
              {loadError}
            </Alert>
          )}

          <PublishReadyDrafts locale={locale} languageName={languageName} reloadKey={loads} onPublished={load} />

          {status && (
            <Box background="neutral0" padding={4} shadow="tableShadow" hasRadius>
              <Typography tag="h2" variant="delta" id="translation-counts-heading">
                {t('translations.statusHeading', { locale: status.locale, current: status.counts.current, outdated: status.counts.outdated, missing: status.counts.missing })}
              </Typography>
              <Table colCount={4} rowCount={Object.keys(status.byType).length + 1} aria-labelledby="translation-counts-heading">
                <Thead>
                  <Tr>
                    <Th><Typography variant="sigma">{t('translations.column.type')}</Typography></Th>
                    <Th><Typography variant="sigma">{t('translations.column.current')}</Typography></Th>
                    <Th><Typography variant="sigma">{t('translations.column.outdated')}</Typography></Th>
                    <Th><Typography variant="sigma">{t('translations.column.missing')}</Typography></Th>
                  </Tr>
                </Thead>
                <Tbody>
                  {Object.entries(status.byType).map(([uid, counts]) => (
                    <Tr key={uid}>
                      <Td><Typography>{typeName(t, uid)}</Typography></Td>
                      <Td><Typography>{counts.current}</Typography></Td>
                      <Td><Typography>{counts.outdated}</Typography></Td>
                      <Td><Typography>{counts.missing}</Typography></Td>
                    </Tr>
                  ))}
                </Tbody>
              </Table>
            </Box>
          )}

          {status && (
            <Box background="neutral0" padding={4} shadow="tableShadow" hasRadius>
              <Typography tag="h2" variant="delta" id="translation-work-heading">
                {needingWork.length === 0 ? t('translations.nothingNeedsWork') : t('translations.needWork', { count: needingWork.length })}
              </Typography>
              {needingWork.length > 0 && (
                <Table colCount={3} rowCount={needingWork.length + expandedCount + 1} aria-labelledby="translation-work-heading">
                  <Thead>
                    <Tr>
                      <Th><Typography variant="sigma">{t('translations.column.document')}</Typography></Th>
                      <Th><Typography variant="sigma">{t('translations.column.type')}</Typography></Th>
                      <Th><Typography variant="sigma">{t('translations.column.status')}</Typography></Th>
                    </Tr>
                  </Thead>
                  <Tbody>
                    {/* Rows only, no fragments: the design system's grid numbers the rows it is given. */}
                    {needingWork.flatMap((entry) => {
                      const key = `${entry.uid}:${entry.documentId}`;
                      const changesId = `english-changes-${entry.documentId}`;
                      const row = (
                        <Tr key={key}>
                          <Td>
                            <Link tag={RouterLink} to={contentManagerPath(entry.uid, entry.documentId, status.locale)}>{`${entry.label} (${status.locale})`}</Link>
                          </Td>
                          <Td><Typography>{typeName(t, entry.uid)}</Typography></Td>
                          <Td>
                            <Flex gap={2}>
                              <Badge textColor={BADGE[entry.status].textColor} backgroundColor={BADGE[entry.status].backgroundColor}>
                                {t(`translations.state.${entry.status}`)}
                              </Badge>
                              {entry.status === 'outdated' && (
                                <Button variant="ghost" size="S" aria-expanded={expanded.has(key)} aria-controls={changesId} onClick={() => toggle(key)}>
                                  {expanded.has(key) ? t('translations.hideChanges') : t('translations.showChanges')}
                                  <VisuallyHidden>{` (${entry.label})`}</VisuallyHidden>
                                </Button>
                              )}
                            </Flex>
                          </Td>
                        </Tr>
                      );
                      if (!expanded.has(key)) return [row];
                      return [
                        row,
                        <Tr key={`${key}:changes`}>
                          <Td colSpan={3}>
                            <EnglishChanges id={changesId} changes={entry.changes} />
                          </Td>
                        </Tr>,
                      ];
                    })}
                  </Tbody>
                </Table>
              )}
            </Box>
          )}
        </Flex>
      </Layouts.Content>
    </Page.Main>
  );
};

export default TranslationsPage;
