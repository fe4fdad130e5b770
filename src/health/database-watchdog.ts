import type { Core } from '@strapi/strapi';
import { Client } from 'pg';

/** A request still running after this long makes the watchdog check the database (and again as long as it runs). */
export const SLOW_REQUEST_MS = 500;
/** How long the check may take (connect plus one small query) before the database counts as gone. */
export const PROBE_TIMEOUT_MS = 1000;
/** A backend idle for this long while its client still waits for an answer: the answer was lost. */
const LOST_ANSWER_MS = 1000;
/** Queries sent this recently may still be on their way to the server: not judged yet. */
const MIN_WAIT_MS = 250;
/** Leeway for comparing the app's and the server's durations (transit, a busy event loop). */
const LEEWAY_MS = 100;
/** At most one warning this often about checks that found the database busy rather than gone. */
const BUSY_WARNING_INTERVAL_MS = 60_000;
/** How many times a probe's deadline is pushed back for an event loop that ran late. */
const MAX_EXTENSIONS = 3;

/** pg's Client internals the watchdog reads: the socket, the backend pid, the query awaiting an answer. */
type PgConnection = {
  __knexUid?: string;
  processID?: number;
  _activeQuery?: unknown;
  connection?: { stream?: { destroy(): void } };
  on(event: 'error', listener: () => void): void;
};
/** knex's tarn pool: its connections and events. */
type TarnPool = {
  used: { resource: PgConnection }[];
  free: { resource: PgConnection }[];
  on(event: 'createFail' | 'acquireFail', listener: () => void): void;
  on(event: 'createSuccess' | 'destroySuccess', listener: (eventId: number, connection: PgConnection) => void): void;
};

export type DatabaseWatchdog = {
  /** Starts watching one request; call the returned function when it ends. */
  watch(): () => void;
  /**
   * Starts watching the pool itself: a query nobody's request waits for (a background job, a write
   * finished after its response) that has waited SLOW_REQUEST_MS starts a check too, so that its
   * connection, if it went silent, does not stay open and in use for minutes.
   */
  watchPool(): () => void;
  /** Whether connecting to the database failed, or a connection was lost, at or after `time` (ms). */
  failedSince(time: number): boolean;
};

const cut = (connection: PgConnection) => connection.connection?.stream?.destroy();

/**
 * Unblocks requests stuck on a database that went silent. A refused or reset connection fails
 * at once, but a black-holed one (packets dropped, server gone without a FIN) leaves a query
 * waiting for an answer that never comes, and TCP keepalive takes minutes to notice. So while a
 * request has run for SLOW_REQUEST_MS or more, the watchdog opens a fresh connection every
 * SLOW_REQUEST_MS (one check at a time) and asks the server:
 * - no answer within PROBE_TIMEOUT_MS: the database is unreachable, so every pooled connection is
 *   cut; the waiting queries fail with "Connection terminated" (answered 503) and the pool
 *   reconnects once the database is back;
 * - an answer: only the waiting connections the server does not know, or knows as idle since
 *   before their query was sent (it never arrived) or for more than LOST_ANSWER_MS (its answer
 *   never arrived), are cut: their path went silent, and so are the idle ones. Merely slow
 *   queries go on.
 * A check that fails (no answer in time, or a refusal such as "too many clients") while pooled
 * connections got answers since it started proves only that new connections are slow or refused,
 * not that the database is gone: nothing is cut then (under full CPU load a new backend can take
 * seconds to start while the pool's queries keep being answered; cutting them made every reader
 * fail). It also remembers when connections last failed, for errors that callers swallow.
 */
export const createDatabaseWatchdog = (strapi: Core.Strapi): DatabaseWatchdog => {
  if (strapi.db.config.connection.client !== 'postgres') return { watch: () => () => undefined, watchPool: () => () => undefined, failedSince: () => false };
  let probing: Promise<void> | undefined;
  let lastFailureAt = -Infinity;
  const recordFailure = () => {
    lastFailureAt = Date.now();
  };

  // Failed connects (refused, timed out), acquire timeouts and connections lost while open.
  // When each pooled connection (by knex's uid) last sent a query.
  const querySentAt = new Map<string, number>();
  // When a pooled connection last got an answer: a database that answers is not gone.
  let lastAnswerAt = -Infinity;
  let busyChecks = 0;
  let lastBusyWarningAt = -Infinity;
  let observed: TarnPool | undefined;
  const pool = (): TarnPool | undefined => {
    const current: TarnPool | undefined = (strapi.db?.connection as any)?.client?.pool;
    if (current && current !== observed) {
      observed = current;
      current.on('createFail', recordFailure);
      current.on('acquireFail', recordFailure);
      current.on('createSuccess', (_eventId, connection) => connection.on('error', recordFailure));
      current.on('destroySuccess', (_eventId, connection) => querySentAt.delete(connection.__knexUid ?? ''));
      strapi.db.connection.on('query', ({ __knexUid }: { __knexUid?: string }) => {
        if (__knexUid) querySentAt.set(__knexUid, Date.now());
      });
      // Successes only: a connection cut under a query reports an error, not an answer.
      strapi.db.connection.on('query-response', () => {
        lastAnswerAt = Date.now();
      });
    }
    return current;
  };

  const probe = async () => {
    const startedAt = Date.now();
    const connection = strapi.db.config.connection.connection as Record<string, unknown>;
    const waiting = (pool()?.used ?? [])
      .map(({ resource }) => ({ client: resource, query: resource._activeQuery, sentAt: querySentAt.get(resource.__knexUid ?? '') }))
      .filter(({ client, query, sentAt }) => query && client.processID && sentAt !== undefined && Date.now() - sentAt >= MIN_WAIT_MS);
    const client = new Client({
      ...connection,
      application_name: 'pcms-watchdog',
      // The deadline below decides; pg's own timers would fire first on a busy event loop.
      connectionTimeoutMillis: PROBE_TIMEOUT_MS * 3,
      query_timeout: PROBE_TIMEOUT_MS * 3,
    });
    client.on('error', () => undefined);
    let answered = false;
    // A timer due while the event loop was busy runs before the sockets are read, and the probe had
    // less of the loop than the clock says: judge after the loop has read them (setImmediate runs
    // after the poll phase) and give back the time the loop was late, a few times at most.
    // Otherwise a loaded app takes its database for gone and cuts every connection (503s).
    let extensions = 0;
    let deadline: NodeJS.Timeout;
    const armDeadline = (ms: number) => {
      const due = Date.now() + ms;
      deadline = setTimeout(
        () =>
          setImmediate(() => {
            if (answered) return;
            const late = Date.now() - due;
            if (late > LEEWAY_MS && extensions < MAX_EXTENSIONS) {
              extensions += 1;
              armDeadline(late);
            } else {
              cut(client as unknown as PgConnection);
            }
          }),
        ms,
      );
    };
    armDeadline(PROBE_TIMEOUT_MS);
    try {
      await client.connect();
      // Durations, not timestamps, so the app's and the server's clocks need not agree.
      const { rows } = await client.query<{ pid: number; lost: boolean }>(
        `select activity.pid,
                activity.state <> 'active' and extract(epoch from now() - activity.state_change) * 1000 > least(waiting.ms, $3) + $4 as lost
           from unnest($1::int[], $2::float8[]) as waiting(pid, ms) join pg_stat_activity activity on activity.pid = waiting.pid`,
        [waiting.map(({ client: waitingClient }) => waitingClient.processID), waiting.map(({ sentAt }) => Date.now() - sentAt!), LOST_ANSWER_MS, LEEWAY_MS],
      );
      answered = true;
      const alive = new Set(rows.filter((row) => !row.lost).map((row) => row.pid));
      // An answer the server sent may be unread only because the event loop was busy: let it read
      // every socket before judging.
      await new Promise((resolve) => setImmediate(resolve));
      // Still waiting for the same query (not one that finished meanwhile), which the server has not got or has answered.
      const stuck = waiting.filter(({ client: waitingClient, query }) => waitingClient._activeQuery === query && !alive.has(waitingClient.processID!));
      if (stuck.length > 0) {
        recordFailure();
        // The idle ones most likely travel the same dead path: cut them too rather than let each cost a request.
        const idle = (pool()?.free ?? []).map(({ resource }) => resource);
        strapi.log.warn(`database watchdog: cutting ${stuck.length} connection(s) whose answer was lost, and ${idle.length} idle one(s)`);
        stuck.forEach(({ client: waitingClient }) => cut(waitingClient));
        idle.forEach(cut);
      }
      await client.end();
    } catch (error) {
      cut(client as unknown as PgConnection);
      if (lastAnswerAt >= startedAt) {
        busyChecks += 1;
        // Under sustained load this happens on every check: one line a minute, with the count.
        if (Date.now() - lastBusyWarningAt >= BUSY_WARNING_INTERVAL_MS) {
          strapi.log.warn(`database watchdog: ${busyChecks} check(s) whose new connection failed or was slow (last: ${(error as Error).message}) while pooled connections were answered: busy, not gone; nothing cut`);
          lastBusyWarningAt = Date.now();
          busyChecks = 0;
        }
        return;
      }
      recordFailure();
      const current = pool();
      const connections = current ? [...current.used, ...current.free].map(({ resource }) => resource) : [];
      strapi.log.warn(`database unreachable (${(error as Error).message}); cutting ${connections.length} pooled connection(s)`);
      connections.forEach(cut);
    } finally {
      answered = true;
      clearTimeout(deadline!);
    }
  };

  const check = () => {
    probing ??= probe().finally(() => {
      probing = undefined;
    });
  };

  /** Whether a pooled connection has waited SLOW_REQUEST_MS or more for the answer to its query. */
  const queryWaitingLong = () =>
    (pool()?.used ?? []).some(({ resource }) => {
      const sentAt = querySentAt.get(resource.__knexUid ?? '');
      return Boolean(resource._activeQuery) && sentAt !== undefined && Date.now() - sentAt >= SLOW_REQUEST_MS;
    });

  return {
    watch() {
      pool();
      const timer = setInterval(check, SLOW_REQUEST_MS);
      timer.unref();
      return () => clearInterval(timer);
    },
    watchPool() {
      let poolSeen = false;
      const timer = setInterval(() => {
        const current = pool();
        // A pool seen and then gone: the app was destroyed, and the need with it.
        if (!current && poolSeen) clearInterval(timer);
        poolSeen ||= Boolean(current);
        if (current && queryWaitingLong()) check();
      }, SLOW_REQUEST_MS);
      timer.unref();
      return () => clearInterval(timer);
    },
    failedSince: (time) => lastFailureAt >= time,
  };
};

const watchdogs = new WeakMap<Core.Strapi, DatabaseWatchdog>();

/**
 * The app's one watchdog, shared by everything that waits on the database: requests, the
 * scheduler's polls, and any query left waiting on the pool.
 */
export const databaseWatchdog = (strapi: Core.Strapi): DatabaseWatchdog => {
  let watchdog = watchdogs.get(strapi);
  if (!watchdog) {
    watchdogs.set(strapi, (watchdog = createDatabaseWatchdog(strapi)));
    watchdog.watchPool();
  }
  return watchdog;
};
