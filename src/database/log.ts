import { inspect } from 'util';

type Level = 'debug' | 'warn' | 'error';
type AppLogger = Record<Level, (message: string) => void>;

/** Strapi's logger, once Strapi is loaded (knex only logs while queries run, by which time it is). */
const appLogger = (): AppLogger | undefined => (globalThis as { strapi?: { log?: AppLogger } }).strapi?.log;

const forward = (level: Level) => (message: unknown) => {
  const text = `database: ${typeof message === 'string' ? message : inspect(message, { depth: 5 })}`;
  const logger = appLogger();
  if (logger) logger[level](text);
  else if (level !== 'debug') console.warn(text);
};

/**
 * Knex's `log` option. Knex prints its own warnings (such as "Connection Error: Connection ended
 * unexpectedly" for every pooled connection lost in a database outage) with console.log, past
 * LOG_LEVEL and the log format; these hand them to Strapi's logger instead.
 */
export const databaseLog = {
  debug: forward('debug'),
  warn: forward('warn'),
  error: forward('error'),
  deprecate: forward('warn'),
};
