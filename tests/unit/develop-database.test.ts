import path from 'path';
import databaseConfig from '../../config/database';
import { developDatabase } from '../../scripts/lib/develop-database';
import { envFrom } from '../helpers/config-env';
import { APP_DIR } from '../setup/env';

/** Development runs on the production engine: PostgreSQL unless SQLite is asked for. */
describe('database for development', () => {
  it('starts PostgreSQL from npm when no server is given, with its data kept in .tmp/postgres', () => {
    expect(developDatabase({})).toEqual({ kind: 'embedded', port: 54329, dir: path.join(APP_DIR, '.tmp', 'postgres') });
    expect(developDatabase({ EMBEDDED_POSTGRES_PORT: '6000' })).toMatchObject({ kind: 'embedded', port: 6000 });
    expect(() => developDatabase({ EMBEDDED_POSTGRES_PORT: 'five' })).toThrow(/EMBEDDED_POSTGRES_PORT/);
  });

  it('uses the server it is given, and SQLite only when asked for', () => {
    expect(developDatabase({ DATABASE_URL: 'postgres://u@db/x' })).toEqual({ kind: 'server' });
    expect(developDatabase({ DATABASE_HOST: 'db.internal' })).toEqual({ kind: 'server' });
    expect(developDatabase({ DATABASE_CLIENT: 'sqlite', DATABASE_URL: 'postgres://u@db/x' })).toEqual({ kind: 'sqlite' });
  });

  it('configures Strapi for PostgreSQL by default, SQLite only with DATABASE_CLIENT=sqlite', () => {
    expect(databaseConfig({ env: envFrom({}) }).connection.client).toBe('postgres');
    expect(databaseConfig({ env: envFrom({ DATABASE_URL: 'postgres://u@db/x' }) }).connection).toMatchObject({ client: 'postgres', connection: { connectionString: 'postgres://u@db/x' } });
    expect(databaseConfig({ env: envFrom({ DATABASE_CLIENT: 'sqlite' }) }).connection.client).toBe('sqlite');
  });
});
