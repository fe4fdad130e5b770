import crypto from 'crypto';
import path from 'path';
import { execFile } from 'child_process';
import { promisify } from 'util';
import { createDatabase, databaseUrl, dropDatabase, queryDatabase } from '../setup/database';
import { APP_DIR } from '../setup/env';
import { SUPPORTED_LOCALE_CODES } from '../../src/locales/locales';
import { loadSeedData } from '../../src/seed/seed-data';

const run = promisify(execFile);

/** `npm run seed` (scripts/seed.js) on a new, empty database, twice. */
describe('npm run seed', () => {
  const database = `${process.env.TEST_TEMPLATE_DATABASE}_seed_${crypto.randomBytes(3).toString('hex')}`;
  beforeAll(() => createDatabase(database));
  afterAll(() => dropDatabase(database));

  const seed = async () => {
    // The dist/ the test set-up compiled: a compile here would rewrite it under the other worker's app.
    const { stdout } = await run(process.execPath, ['scripts/seed.js', '--no-build'], {
      cwd: APP_DIR,
      env: { ...process.env, DATABASE_URL: databaseUrl(database) },
    });
    return stdout;
  };

  const seedData = loadSeedData(path.join(APP_DIR, 'database', 'seed'));
  const versions = Object.values(seedData).flat().length * SUPPORTED_LOCALE_CODES.length;

  it('loads everything into an empty database, then finds nothing missing', async () => {
    expect(await seed()).toContain(`Seed: ${versions} documents or translations created, 0 already there.`);
    const [first] = await queryDatabase(database, 'select count(*)::int as rows, max(updated_at) as latest from projects');
    expect(first.rows).toBe(2 * SUPPORTED_LOCALE_CODES.length * seedData.projects.length);

    expect(await seed()).toContain(`Seed: 0 documents or translations created, ${versions} already there.`);
    const [second] = await queryDatabase(database, 'select count(*)::int as rows, max(updated_at) as latest from projects');
    expect(second).toEqual(first);
  }, 180_000);
});
