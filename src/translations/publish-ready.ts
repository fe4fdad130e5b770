import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { CONTENT_TYPE_UIDS } from '../domain/content-types';
import { withAuditAction } from '../audit/scope';
import { queryOf } from '../database/models';
import { inTrialTransaction } from '../database/trial';
import { translationStatus } from './status';

/** A draft of the locale, with why it is (not) published. */
export type LocaleDraft = { uid: string; documentId: string; label: string; change: 'new' | 'modified' };
export type SkippedDraft = LocaleDraft & { reason: string };
export type PublishPlan = { locale: string; dryRun: boolean; ready: LocaleDraft[]; skipped: SkippedDraft[]; published: LocaleDraft[] };

/**
 * Drafts of `locale` with changes to publish: never published, or saved since their last publish
 * (the Content Manager's "modified"), as it compares the versions' updatedAt.
 */
const changedDrafts = async (strapi: Core.Strapi, locale: string, uid: string) => {
  const rows: Array<{ documentId: string; updatedAt: string; publishedAt: string | null }> = await queryOf(strapi, uid).findMany({
    where: { locale },
    select: ['documentId', 'updatedAt', 'publishedAt'],
  });
  const published = new Map(rows.filter((row) => row.publishedAt).map((row) => [row.documentId, new Date(row.updatedAt).getTime()]));
  return new Map(
    rows
      .filter((row) => !row.publishedAt)
      .filter((row) => !published.has(row.documentId) || new Date(row.updatedAt).getTime() > published.get(row.documentId)!)
      .map((row) => [row.documentId, published.has(row.documentId) ? ('modified' as const) : ('new' as const)]),
  );
};

const publishOne = (strapi: Core.Strapi, draft: LocaleDraft, locale: string) => strapi.documents(draft.uid as any).publish({ documentId: draft.documentId, locale } as any);

/**
 * Publishes every draft of one locale that is ready: it has changes to publish, its translation
 * is current (not outdated against the English) and it passes every rule a publish checks. Each
 * is first published in a trial transaction that is rolled back, which finds the ones that would
 * be refused and why; then the ready ones are published in one transaction, all or nothing,
 * through the Document Service (translator rules, validation, audit, cache and webhooks after
 * commit). `dryRun` stops after the trial.
 */
export const publishReadyDrafts = async (strapi: Core.Strapi, locale: string, { dryRun }: { dryRun: boolean }): Promise<PublishPlan> => {
  const candidates: LocaleDraft[] = [];
  const skipped: SkippedDraft[] = [];
  const { documents } = await translationStatus(strapi, locale, CONTENT_TYPE_UIDS);
  for (const uid of CONTENT_TYPE_UIDS) {
    const changed = await changedDrafts(strapi, locale, uid);
    for (const entry of documents.filter((document) => document.uid === uid && changed.has(document.documentId))) {
      const draft = { uid, documentId: entry.documentId, label: entry.label, change: changed.get(entry.documentId)! };
      if (entry.status === 'current') candidates.push(draft);
      else skipped.push({ ...draft, reason: 'The English text changed since this translation was saved (outdated).' });
    }
  }

  const ready: LocaleDraft[] = [];
  await inTrialTransaction(strapi, async () => {
    for (const draft of candidates) {
      try {
        await publishOne(strapi, draft, locale);
        ready.push(draft);
      } catch (error) {
        if (!(error instanceof errors.ApplicationError)) throw error;
        skipped.push({ ...draft, reason: error.message });
      }
    }
  });
  if (dryRun || ready.length === 0) return { locale, dryRun, ready, skipped, published: [] };

  await withAuditAction('translations-publish', () =>
    strapi.db.transaction(async () => {
      for (const draft of ready) {
        try {
          await publishOne(strapi, draft, locale);
        } catch (error) {
          // Something changed since the trial: the transaction rolls back, nothing is published.
          if (error instanceof errors.ApplicationError) throw new errors.ValidationError(`Nothing published. ${draft.label}: ${error.message}`, { code: 'publish-failed', documentId: draft.documentId, label: draft.label });
          throw error;
        }
      }
    }),
  );
  return { locale, dryRun, ready, skipped, published: ready };
};
