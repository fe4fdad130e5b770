import type { Text, TextId } from './i18n';

/** What the audit log and the version history record a change as; each has an `action.<name>` message. */
const RECORDED_ACTIONS = [
  'create',
  'update',
  'publish',
  'unpublish',
  'discardDraft',
  'delete',
  'clone',
  'xliff-import',
  'translations-publish',
  'restore',
  'scheduled-publish',
  'scheduled-unpublish',
  'scheduled-publish-failed',
  'scheduled-unpublish-failed',
  'sync-shared-fields',
];

/** A recorded action in the user's language; one the panel does not know yet, as the server names it. */
export const recordedActionName = (t: Text, action: string) => (RECORDED_ACTIONS.includes(action) ? t(`action.${action}` as TextId) : action);
