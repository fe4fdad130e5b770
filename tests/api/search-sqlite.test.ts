import fs from 'fs';
import path from 'path';
import { useApp } from '../helpers/strapi';
import { APP_DIR } from '../setup/env';

/**
 * Development on SQLite (DATABASE_CLIENT=sqlite, only when asked for) has no full-text search;
 * GET /api/search still answers, with a plain case-insensitive match of titles and summaries.
 */
const file = path.join('.tmp', `search-sqlite-${process.pid}.db`);

describe('search on SQLite', () => {
  const app = useApp(() => ({ env: { DATABASE_CLIENT: 'sqlite', DATABASE_FILENAME: file } }));
  afterAll(() => fs.rmSync(path.join(APP_DIR, file), { force: true }));

  it('answers with simpler matching, published content only', async () => {
    expect(app().strapi.db.dialect.client).toBe('sqlite');
    const response = await app().http().get('/api/search?q=lille&locale=fr');
    expect(response.status).toBe(200);
    expect(response.body.data.map((hit: any) => hit.slug)).toEqual(expect.arrayContaining(['lille', 'leeds-lille']));
    expect(response.body.data.every((hit: any) => hit.locale === 'fr')).toBe(true);
    expect(response.body.meta.pagination.total).toBe(response.body.data.length);
  });
});
