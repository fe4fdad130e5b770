import { execFile } from 'child_process';
import { promisify } from 'util';
import { cityInput } from '../helpers/builders';
import { withToken } from '../helpers/callers';
import { useApp } from '../helpers/strapi';
import { APP_DIR } from '../setup/env';
import { databaseUrl } from '../setup/database';

const run = promisify(execFile);

describe('npm run token:create', () => {
  const app = useApp();
  const createToken = (...args: string[]) =>
    // The dist/ the test set-up compiled: a compile here would rewrite it under the other worker's app.
    run(process.execPath, ['scripts/token-create.js', ...args, '--no-build'], { cwd: APP_DIR, env: { ...process.env, DATABASE_URL: databaseUrl(app().database) } });

  it('prints a read-only token once; it can read and cannot write', async () => {
    const { stdout } = await createToken('--name', 'web-team', '--days', '30');
    expect(stdout).toMatch(/Read-only API token "web-team" \(expires \d{4}-/);
    const accessKey = stdout.trim().split('\n').pop()!;
    expect(accessKey).toMatch(/^[0-9a-f]{64,}$/);
    const stored = await app().strapi.db.query('admin::api-token').findOne({ where: { name: 'web-team' } });
    expect(stored).toMatchObject({ type: 'read-only' });
    expect(stored.accessKey).not.toBe(accessKey);

    const read = await app().http().get('/api/cities').set(withToken(accessKey));
    expect(read.status).toBe(200);
    expect(read.body.data).toHaveLength(6);
    const write = await app().http().post('/api/cities').set(withToken(accessKey)).send({ data: cityInput() });
    expect(write.status).toBe(403);
    const remove = await app().http().delete(`/api/cities/${read.body.data[0].documentId}`).set(withToken(accessKey));
    expect(remove.status).toBe(403);
  }, 120_000);

  it('refuses a name in use and a lifespan Strapi does not offer', async () => {
    await expect(createToken('--name', 'web-team')).rejects.toMatchObject({ stderr: expect.stringContaining('already exists') });
    await expect(createToken('--name', 'other', '--days', '12')).rejects.toMatchObject({ stderr: expect.stringContaining('--days must be one of 7, 30, 90') });
  }, 120_000);
});
