import path from 'path';
import { adminLogin } from '../helpers/callers';
import { useApp } from '../helpers/strapi';
import { DIST_DIR } from '../setup/env';

// The compiled module the app itself loaded, so that it empties the app's response cache (the
// cache lives in module state, and a ts-jest import of src/ would be a second copy).
const { insertSyntheticProjects } = require(path.join(DIST_DIR, 'src', 'seed', 'bulk-projects.js'));

/** The benchmark's bulk generator writes what the Document Service would: versions, links, fingerprints. */
describe('synthetic projects in bulk', () => {
  const app = useApp();

  it('adds published projects in every locale, linked and with current translations, once', async () => {
    const before = (await app().http().get('/api/projects?locale=cs')).body.meta.pagination.total;
    expect(await insertSyntheticProjects(app().strapi, 3)).toBe(3);
    expect(await insertSyntheticProjects(app().strapi, 3)).toBe(0);

    for (const locale of ['en', 'fr', 'de', 'cs', 'zh-Hans']) {
      const response = await app().http().get(`/api/projects?locale=${locale}&filters[slug][$startsWith]=synthetic-project-&populate[partnerships]=true&populate[themes]=true&sort=slug`);
      expect(response.body.meta.pagination.total).toBe(3);
      for (const project of response.body.data) {
        expect(project.locale).toBe(locale);
        expect(project.partnerships).toHaveLength(1);
        expect(project.partnerships[0].locale).toBe(locale);
        expect(project.themes.length).toBeGreaterThan(0);
      }
    }
    expect((await app().http().get('/api/projects?locale=cs')).body.meta.pagination.total).toBe(before + 3);

    const editor = await adminLogin(app(), 'international-relations-editor');
    const status = await app().http().get('/translations/status?locale=de&uid=api::project.project').set(editor.headers);
    expect(status.body.data.counts).toMatchObject({ outdated: 0, missing: 0 });
  });
});
