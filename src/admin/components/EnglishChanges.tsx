import * as React from 'react';
import { Box, Flex, Typography, VisuallyHidden } from '@strapi/design-system';
import { useText } from '../i18n';

export type WordChange = { kind: 'same' | 'added' | 'removed'; text: string };
export type FieldChange = { field: string; label?: string; before: string; after: string; diff: WordChange[] };

/** Removed words struck through on red, added ones underlined on green; screen readers hear which is which. */
const Word = ({ part }: { part: WordChange }) => {
  const t = useText();
  if (part.kind === 'same') return <>{part.text}</>;
  const removed = part.kind === 'removed';
  const Tag = removed ? 'del' : 'ins';
  return (
    <Box
      tag={Tag}
      background={removed ? 'danger100' : 'success100'}
      color={removed ? 'danger700' : 'success700'}
      style={{ textDecoration: removed ? 'line-through' : 'underline' }}
    >
      <VisuallyHidden>{` [${t(removed ? 'changes.removed' : 'changes.added')} `}</VisuallyHidden>
      {part.text}
      <VisuallyHidden>] </VisuallyHidden>
    </Box>
  );
};

/**
 * What changed in the English of one document since its translation was saved, per field, as a
 * word-level diff; `null` when the translation was saved before this was recorded.
 */
export const EnglishChanges = ({ changes, id }: { changes: FieldChange[] | null | undefined; id: string }) => {
  const t = useText();
  return (
    <Box id={id} paddingTop={2} paddingBottom={2}>
      {!changes || changes.length === 0 ? (
        <Typography>{t('changes.unknown')}</Typography>
      ) : (
        <Flex direction="column" alignItems="stretch" gap={3}>
          {changes.map((change) => (
            <Box key={change.field}>
              <Typography tag="h3" variant="sigma">
                {t('changes.heading', { field: change.label ?? change.field })}
              </Typography>
              <Typography tag="p" style={{ whiteSpace: 'pre-wrap' }}>
                {change.diff.map((part, index) => (
                  <Word key={index} part={part} />
                ))}
              </Typography>
            </Box>
          ))}
        </Flex>
      )}
    </Box>
  );
};
