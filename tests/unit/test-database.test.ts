import { assertPostgresReachable } from '../setup/database';

describe('test database check', () => {
  const original = process.env.DATABASE_URL;
  afterEach(() => {
    if (original === undefined) delete process.env.DATABASE_URL;
    else process.env.DATABASE_URL = original;
  });

  it('stops at once, saying how to provide PostgreSQL, when the server is unreachable', async () => {
    process.env.DATABASE_URL = 'postgres://root:secret@127.0.0.1:1/postgres';
    const started = Date.now();
    const failure = assertPostgresReachable();
    await expect(failure).rejects.toThrow(/cannot reach it at postgres:\/\/root:\*\*\*@127\.0\.0\.1:1\/postgres/);
    await expect(failure).rejects.toThrow(/DATABASE_URL=postgres:\/\/user:password@host:5432\/postgres npm test/);
    expect(Date.now() - started).toBeLessThan(5000);
  });
});
