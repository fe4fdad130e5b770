import { isDatabaseUnavailableError } from '../../src/health/database-errors';

/** Which errors mean "the database cannot be reached" (503) rather than a bad query or a bug (500). */
describe('isDatabaseUnavailableError', () => {
  const withCode = (message: string, code: string) => Object.assign(new Error(message), { code });
  const knexTimeout = Object.assign(new Error('Knex: Timeout acquiring a connection. The pool is probably full.'), { name: 'KnexTimeoutError' });

  it.each([
    ['connection refused', withCode('connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED')],
    ['connection reset', withCode('read ECONNRESET', 'ECONNRESET')],
    ['pg connect timeout', new Error('Connection terminated due to connection timeout')],
    ['pg socket closed mid-query', new Error('Connection terminated unexpectedly')],
    ['pg query timeout', new Error('Query read timeout')],
    ['knex acquire timeout', knexTimeout],
    ['server shutting down (57P01)', withCode('terminating connection due to administrator command', '57P01')],
    ['server starting up (57P03)', withCode('the database system is starting up', '57P03')],
    ['too many connections (53300)', withCode('sorry, too many clients already', '53300')],
    ['connection exception class 08', withCode('connection failure', '08006')],
    ['database not accepting connections', withCode('database "x" is not currently accepting connections', '55000')],
    ['wrapped in an AggregateError', new AggregateError([withCode('connect ECONNREFUSED ::1:5432', 'ECONNREFUSED')], 'all addresses failed')],
    ['wrapped as a cause', new Error('select failed', { cause: knexTimeout })],
  ])('%s: yes', (_name, error) => {
    expect(isDatabaseUnavailableError(error)).toBe(true);
  });

  it.each([
    ['syntax error (42601)', withCode('syntax error at or near "selct"', '42601')],
    ['unique violation (23505)', withCode('duplicate key value violates unique constraint', '23505')],
    ['statement cancelled by the app (57014)', withCode('canceling statement due to user request', '57014')],
    ['a validation error', Object.assign(new Error('countryCode must be ISO 3166-1'), { name: 'ValidationError' })],
    ['not an error', 'Connection terminated'],
    ['nothing', undefined],
  ])('%s: no', (_name, error) => {
    expect(isDatabaseUnavailableError(error)).toBe(false);
  });

  it('stops on a cause chain that loops', () => {
    const error: Error & { cause?: unknown } = new Error('loop');
    error.cause = error;
    expect(isDatabaseUnavailableError(error)).toBe(false);
  });
});
