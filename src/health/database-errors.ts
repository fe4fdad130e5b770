/**
 * Whether an error means "the database cannot be reached" (as opposed to a bad query or a bug):
 * those answer 503 so clients and load balancers retry elsewhere or later, not 500.
 */

/** Socket-level failures (node), as reported by pg, knex and tarn. */
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN']);

/**
 * PostgreSQL SQLSTATEs that say the server is going away or not taking connections: class 08
 * (connection exception), 57P01-57P03 (admin/crash shutdown, cannot connect now), 53300 (too many
 * connections).
 */
const isUnavailableSqlState = (code: string) => code.startsWith('08') || /^57P0[123]$/.test(code) || code === '53300';

const UNAVAILABLE_MESSAGES = [
  /^Connection terminated/, // pg: socket closed, or connectionTimeoutMillis elapsed
  /timeout expired/, // pg: connectionTimeoutMillis
  /^Query read timeout/, // pg: query_timeout
  /Timeout acquiring a connection/, // knex: acquireConnectionTimeout
  /is not currently accepting connections/, // ALTER DATABASE ... ALLOW_CONNECTIONS false
  /Client has encountered a connection error and is not queryable/, // pg: query on a dead client
];

const matches = (error: any): boolean => {
  if (!error || typeof error !== 'object') return false;
  if (error.name === 'KnexTimeoutError') return true;
  if (typeof error.code === 'string' && (NETWORK_CODES.has(error.code) || isUnavailableSqlState(error.code))) return true;
  return typeof error.message === 'string' && UNAVAILABLE_MESSAGES.some((pattern) => pattern.test(error.message));
};

export const isDatabaseUnavailableError = (error: unknown): boolean => {
  // Errors arrive wrapped (AggregateError for several addresses, `cause` chains): look inside, not too deep.
  const seen = new Set<unknown>();
  const visit = (candidate: any, depth: number): boolean => {
    if (!candidate || depth > 5 || seen.has(candidate)) return false;
    seen.add(candidate);
    if (matches(candidate)) return true;
    const inner = [candidate.cause, candidate.originalError, ...(Array.isArray(candidate.errors) ? candidate.errors : [])];
    return inner.some((next) => visit(next, depth + 1));
  };
  return visit(error, 0);
};
