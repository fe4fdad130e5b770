import os from 'os';
import type { Core } from '@strapi/strapi';
import { databaseWatchdog } from '../health/database-watchdog';
import { errors } from '@strapi/utils';
import { appendAuditEntry } from '../audit/entries';
import { withAuditAction } from '../audit/scope';
import { queryOf } from '../database/models';
import { ALL_LOCALES, performScheduledAction, SCHEDULED_ACTIONS_TABLE, SCHEDULED_ACTIONS_UID, type ScheduledAction } from './actions';

export type SchedulingConfig = { enabled: boolean; intervalMs: number; lateAfterMs: number };

export const schedulingConfig = (strapi: Core.Strapi): SchedulingConfig => ({
  enabled: true,
  intervalMs: 1000,
  lateAfterMs: 30_000,
  ...(strapi.config.get('scheduling') as Partial<SchedulingConfig>),
});

/** Which instance ran an action, for operators (host and process). */
const INSTANCE = `${os.hostname()}:${process.pid}`;

const actorOf = (action: ScheduledAction) => ({ actorType: action.actorType, actorId: action.actorId, actorName: action.actorName, actorEmail: action.actorEmail });

/**
 * Claims the most overdue pending action and runs it, all in one transaction: the row is locked
 * with FOR UPDATE SKIP LOCKED, so however many instances poll, each action is claimed by one, and
 * the others pass over it. The publish runs under a savepoint: if any rule refuses it, everything
 * it wrote is rolled back (never half-published) and the action is recorded as failed, with the
 * reason, in its row and in the audit log. Resolves to the action run, or null when none is due.
 */
export const runNextDueAction = async (strapi: Core.Strapi, now = () => new Date()): Promise<ScheduledAction | null> =>
  strapi.db.transaction(async ({ trx }) => {
    const [claimed] = await trx(SCHEDULED_ACTIONS_TABLE)
      .select('id')
      .where('state', 'pending')
      .andWhere('scheduled_at', '<=', now())
      .orderBy([{ column: 'scheduled_at' }, { column: 'id' }])
      .limit(1)
      .forUpdate()
      .skipLocked();
    if (!claimed) return null;
    const query = queryOf(strapi, SCHEDULED_ACTIONS_UID);
    const action: ScheduledAction = await query.findOne({ where: { id: claimed.id } });
    const ranAt = now();
    const lateMs = ranAt.getTime() - new Date(action.scheduledAt).getTime();
    const lateBySeconds = lateMs > schedulingConfig(strapi).lateAfterMs ? Math.round(lateMs / 1000) : null;
    const what = `${action.action} of ${action.targetLabel ?? action.targetDocumentId} (${action.locale === ALL_LOCALES ? 'all locales' : action.locale})`;

    await trx.raw('SAVEPOINT scheduled_action');
    try {
      await withAuditAction(`scheduled-${action.action}`, () => performScheduledAction(strapi, action), actorOf(action));
      await trx.raw('RELEASE SAVEPOINT scheduled_action');
      const done = await query.update({ where: { id: action.id }, data: { state: 'done', ranAt, ranBy: INSTANCE, lateBySeconds } });
      if (lateBySeconds) strapi.log.warn(`Scheduled ${what} ran ${lateBySeconds} s late (no instance was running at its time)`);
      else strapi.log.info(`Scheduled ${what} done`);
      return done as ScheduledAction;
    } catch (error) {
      await trx.raw('ROLLBACK TO SAVEPOINT scheduled_action');
      const reason = error instanceof errors.ApplicationError ? error.message : `Unexpected error: ${(error as Error).message}`;
      strapi.log.error(`Scheduled ${what} failed: ${reason}`);
      const failed = await query.update({ where: { id: action.id }, data: { state: 'failed', ranAt, ranBy: INSTANCE, lateBySeconds, failure: reason } });
      await appendAuditEntry(strapi, {
        action: `scheduled-${action.action}-failed`,
        targetUid: action.targetUid,
        targetDocumentId: action.targetDocumentId,
        targetLabel: action.targetLabel,
        locale: action.locale,
        changedFields: [],
        note: reason,
        ...actorOf(action),
      });
      return failed as ScheduledAction;
    }
  });

/** Runs every action that is due, one transaction each; resolves to how many ran. */
export const runDueActions = async (strapi: Core.Strapi, now?: () => Date): Promise<number> => {
  let ran = 0;
  while (await runNextDueAction(strapi, now)) ran += 1;
  return ran;
};

type Poller = { timer: NodeJS.Timeout; running: Promise<unknown> | null };
const pollers = new WeakMap<Core.Strapi, Poller>();

/**
 * Polls for due actions every `intervalMs` (1 s: due within 2 s), starting at once, so actions
 * that fell due while no instance ran are run at start, marked late. A poll never overlaps the
 * previous one; a failed poll (database down) is logged and the next one tries again. The
 * database watchdog watches each poll as it watches requests: a poll whose connection went silent
 * would otherwise wait for minutes, and no action would run until it gave up.
 */
export const startScheduler = (strapi: Core.Strapi) => {
  const { enabled, intervalMs } = schedulingConfig(strapi);
  if (!enabled || pollers.has(strapi)) return;
  const poller: Poller = { timer: setInterval(() => poll(), intervalMs), running: null };
  const poll = () => {
    if (poller.running) return;
    const watched = databaseWatchdog(strapi).watch();
    poller.running = runDueActions(strapi)
      .catch((error) => strapi.log.error(`Scheduled actions: poll failed: ${(error as Error).message}`))
      .finally(() => {
        watched();
        poller.running = null;
      });
  };
  poller.timer.unref();
  pollers.set(strapi, poller);
  poll();
};

/** Stops polling and waits for a poll in progress, so shutdown never cuts an action short. */
export const stopScheduler = async (strapi: Core.Strapi) => {
  const poller = pollers.get(strapi);
  if (!poller) return;
  clearInterval(poller.timer);
  pollers.delete(strapi);
  await poller.running;
};
