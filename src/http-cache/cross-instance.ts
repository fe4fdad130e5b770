import crypto from 'crypto';
import type { Core } from '@strapi/strapi';
import { Client } from 'pg';
import type { ResponseCache } from './response-cache';

/** The PostgreSQL channel instances use to tell each other which cached responses a change invalidated. */
export const INVALIDATION_CHANNEL = 'pcms_cache_invalidation';
export const LISTENER_APPLICATION_NAME = 'pcms-cache-listener';

type Message = { from: string; reason: string; tags: readonly string[] | 'all' };

/** NOTIFY payloads must stay under 8000 bytes: a longer list of tags is sent as "everything". */
const MAX_PAYLOAD = 7000;

const RECONNECTED = 'cache listener reconnected';

/**
 * A listening connection only receives, so a silent network path (packets dropped, server gone
 * without a FIN) would leave it deaf for good: every HEARTBEAT_MS it asks the server something,
 * and a connection that does not answer within HEARTBEAT_TIMEOUT_MS is cut and reconnected.
 */
export const HEARTBEAT_MS = 5000;
export const HEARTBEAT_TIMEOUT_MS = 2000;

const NOTIFY_ATTEMPTS = 4;
const NOTIFY_RETRY_MS = 250;

const cutSocket = (client: Client) => (client as unknown as { connection?: { stream?: { destroy(): void } } }).connection?.stream?.destroy();

/**
 * Cache invalidation across instances through PostgreSQL LISTEN/NOTIFY: no new infrastructure.
 * Each instance notifies the tags a local change invalidated and drops the entries carrying the
 * tags another instance notifies. The listener has its own connection; when that connection is
 * lost it reconnects with backoff and then empties the cache, since it may have missed events.
 */
export const connectCrossInstanceInvalidation = (strapi: Core.Strapi, cache: ResponseCache) => {
  const instance = crypto.randomBytes(6).toString('hex');
  const connection = strapi.db.config.connection.connection as Record<string, any>;
  let client: Client | undefined;
  let stopped = false;
  let retryDelay = 250;
  let everConnected = false;

  const connect = async () => {
    if (stopped) return;
    // Named by process id and instance, so an operator (or a test) can tell the listeners apart.
    const listener = new Client({ ...connection, application_name: `${LISTENER_APPLICATION_NAME}:${process.pid}:${instance}` });
    let heartbeat: NodeJS.Timeout | undefined;
    listener.on('error', () => undefined);
    listener.on('end', () => {
      clearInterval(heartbeat);
      if (client === listener) client = undefined;
      if (!stopped) setTimeout(connect, retryDelay).unref();
    });
    listener.on('notification', (notification) => {
      const message = parse(notification.payload);
      if (!message || message.from === instance) return;
      cache.invalidate(message.tags, `remote: ${message.reason}`, 'remote');
    });
    try {
      await listener.connect();
      await listener.query(`LISTEN ${INVALIDATION_CHANNEL}`);
      client = listener;
      retryDelay = 250;
      heartbeat = setInterval(() => {
        const deadline = setTimeout(() => cutSocket(listener), HEARTBEAT_TIMEOUT_MS);
        listener
          .query('select 1')
          .catch(() => cutSocket(listener))
          .finally(() => clearTimeout(deadline));
      }, HEARTBEAT_MS).unref();
      // Events sent while this instance was not listening are lost: start from an empty cache.
      if (everConnected) cache.clear(RECONNECTED, 'reconnect');
      everConnected = true;
      strapi.log.debug(`cache listener ${instance} listening on ${INVALIDATION_CHANNEL}`);
    } catch (error) {
      strapi.log.warn(`cache listener could not connect (${(error as Error).message}); retrying`);
      retryDelay = Math.min(retryDelay * 2, 5000);
      listener.end().catch(() => undefined);
    }
  };

  /**
   * Tells the other instances, retrying a few times: a lost notification leaves their caches
   * stale until the entries' lifetime runs out (HTTP_CACHE_TTL_SECONDS).
   */
  const notify = async (payload: string) => {
    for (let attempt = 1; ; attempt += 1) {
      try {
        await strapi.db.connection.raw('select pg_notify(?, ?)', [INVALIDATION_CHANNEL, payload]);
        return;
      } catch (error) {
        if (stopped || attempt >= NOTIFY_ATTEMPTS) {
          strapi.log.warn(`could not notify other instances of a cache clear after ${attempt} attempt(s): ${(error as Error).message}`);
          return;
        }
        await new Promise((resolve) => setTimeout(resolve, NOTIFY_RETRY_MS * attempt).unref());
      }
    }
  };

  const unsubscribe = cache.onInvalidate(({ tags, reason, origin }) => {
    if (origin !== 'local') return;
    const payload = JSON.stringify({ from: instance, reason, tags } satisfies Message);
    void notify(payload.length <= MAX_PAYLOAD ? payload : JSON.stringify({ from: instance, reason, tags: 'all' } satisfies Message));
  });

  const ready = connect();
  return {
    instance,
    ready,
    async stop() {
      stopped = true;
      unsubscribe();
      const closing = client;
      if (!closing) return;
      // A polite end waits for the server's goodbye, which a dead path never sends.
      const deadline = setTimeout(() => cutSocket(closing), HEARTBEAT_TIMEOUT_MS);
      await closing.end().catch(() => undefined);
      clearTimeout(deadline);
    },
  };
};

const parse = (payload: string | undefined): Message | undefined => {
  try {
    const message = JSON.parse(payload ?? '');
    if (typeof message?.from !== 'string') return undefined;
    // From an instance of an earlier release (no tags): everything, as it meant.
    const tags = Array.isArray(message.tags) && message.tags.every((tag: unknown) => typeof tag === 'string') ? message.tags : 'all';
    return { from: message.from, reason: String(message.reason ?? ''), tags };
  } catch {
    return undefined;
  }
};
