import { applyContentManagerViews } from '../../src/content-manager/apply-configuration';
import { MODEL_VIEWS } from '../../src/content-manager/field-help';
import { adminLogin } from '../helpers/callers';
import { useApp } from '../helpers/strapi';

const COUNCIL_TYPES = ['api::city.city', 'api::partnership.partnership', 'api::project.project', 'api::theme.theme', 'api::international-relations-page.international-relations-page'];
const SYSTEM = ['id', 'documentId', 'createdAt', 'updatedAt', 'publishedAt', 'createdBy', 'updatedBy', 'locale', 'localizations'];

/** The Content Manager's labels, help, list views and edit layouts, set from code at start-up. */
describe('Content Manager views for staff', () => {
  const app = useApp();
  let editor: { headers: Record<string, string> };
  let superAdmin: { headers: Record<string, string> };

  beforeAll(async () => {
    editor = await adminLogin(app(), 'international-relations-editor');
    superAdmin = await adminLogin(app());
  });

  const configurationOf = async (uid: string, who = editor) => {
    const path = uid.includes('::') ? `/content-manager/content-types/${uid}/configuration` : `/content-manager/components/${uid}/configuration`;
    const response = await app().http().get(path).set(who.headers);
    expect(response.status).toBe(200);
    return uid.includes('::') ? response.body.data.contentType : response.body.data.component;
  };

  it('labels every field of every type and component in plain English, with one line of help', async () => {
    for (const uid of [...COUNCIL_TYPES, 'shared.organisation']) {
      const { metadatas } = await configurationOf(uid);
      const attributes = app().strapi.getModel(uid as any).attributes as Record<string, any>;
      for (const name of Object.keys(attributes).filter((field) => !SYSTEM.includes(field))) {
        const { label, description } = metadatas[name].edit;
        expect({ uid, name, label }).toEqual({ uid, name, label: expect.stringMatching(/^[A-Z][^A-Z]*( [A-Z]+)?[^A-Z]*$/) });
        expect(label).not.toBe(name);
        expect(description.length).toBeGreaterThan(15);
        expect(metadatas[name].list.label).toBe(label);
      }
    }
    const city = await configurationOf('api::city.city');
    expect(city.metadatas.countryCode.edit).toMatchObject({ label: 'Country code', description: expect.stringContaining('ISO 3166-1') });
    expect(city.metadatas.wikidataId.edit.description).toContain('Wikidata, the free knowledge base');
    expect(city.metadatas.image.edit.description).toContain('Alternative text is required');
    expect((await configurationOf('api::partnership.partnership')).metadatas.dateNote.edit.description).toContain('1988–89');
  });

  it('shows the columns staff look for, sorted usefully', async () => {
    const expected: Record<string, [string[], string, string]> = {
      'api::partnership.partnership': [['title', 'city', 'startYear', 'kind', 'partnershipStatus'], 'startYear', 'ASC'],
      'api::project.project': [['title', 'startYear', 'endYear', 'projectStatus'], 'startYear', 'DESC'],
      'api::city.city': [['name', 'country', 'partnerships'], 'name', 'ASC'],
    };
    for (const [uid, [columns, sortBy, order]] of Object.entries(expected)) {
      const { layouts, settings } = await configurationOf(uid);
      expect({ uid, columns: layouts.list, sortBy: settings.defaultSortBy, order: settings.defaultSortOrder }).toEqual({ uid, columns, sortBy, order });
    }
    const partnerships = await app().http().get('/content-manager/collection-types/api::partnership.partnership?page=1&pageSize=10&sort=startYear:ASC&locale=en').set(editor.headers);
    expect(partnerships.status).toBe(200);
    const years = partnerships.body.results.map((entry: any) => entry.startYear);
    expect(years).toEqual([...years].sort((a, b) => a - b));
  });

  it('lays out every edit view in the same order: text, then facts, then relations', async () => {
    for (const uid of COUNCIL_TYPES) {
      const { layouts } = await configurationOf(uid);
      const view = MODEL_VIEWS[uid].edit!;
      const order = layouts.edit.flat().map((field: { name: string }) => field.name);
      expect({ uid, order }).toEqual({ uid, order: [...view.text, ...view.facts, ...view.relations] });
      // Each group starts its own row.
      const rowOf = (name: string) => layouts.edit.findIndex((row: Array<{ name: string }>) => row.some((field) => field.name === name));
      if (view.facts.length > 0) expect(rowOf(view.facts[0])).toBeGreaterThan(rowOf(view.text.at(-1)!));
      expect(rowOf(view.relations[0])).toBeGreaterThan(rowOf([...view.text, ...view.facts].at(-1)!));
      for (const row of layouts.edit) expect(row.reduce((sum: number, field: { size: number }) => sum + field.size, 0)).toBeLessThanOrEqual(12);
    }
  });

  it("keeps an administrator's change across restarts, and goes on setting what they did not change", async () => {
    const uid = 'api::city.city';
    const before = await configurationOf(uid, superAdmin);
    const { settings, layouts } = before;
    // As the panel sends it: the list metadata the GET adds for relations is not part of a PUT.
    const metadatas = Object.fromEntries(
      Object.entries(before.metadatas as Record<string, any>).map(([name, { edit, list: { mainField: _mainField, ...list } }]) => [name, { edit, list }]),
    );
    const changed = {
      settings,
      layouts: { ...layouts, list: ['name', 'region', 'country'] },
      metadatas: { ...metadatas, name: { ...metadatas.name, edit: { ...metadatas.name.edit, label: 'City name (as locals write it)' } } },
    };
    const saved = await app().http().put(`/content-manager/content-types/${uid}/configuration`).set(superAdmin.headers).send(changed);
    expect({ status: saved.status, error: saved.body.error }).toEqual({ status: 200, error: undefined });

    await applyContentManagerViews(app().strapi); // what every start does
    const after = await configurationOf(uid);
    expect(after.metadatas.name.edit.label).toBe('City name (as locals write it)');
    expect(after.layouts.list).toEqual(['name', 'region', 'country']);
    expect(after.metadatas.name.edit.description).toBe(before.metadatas.name.edit.description);
    expect(after.metadatas.countryCode.edit.label).toBe('Country code');
  });
});
