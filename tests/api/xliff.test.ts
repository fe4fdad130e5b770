import { jsToXliff12, xliff12ToJs } from 'xliff';
import { toBlocks } from '../../src/domain/rich-text';
import { rowSnapshot, seeded } from '../helpers/builders';
import { adminLogin } from '../helpers/callers';
import { useApp } from '../helpers/strapi';
import { exportXliffText, importXliffText } from '../helpers/xliff';

const CITY = 'api::city.city';
const TYPES = ['api::theme.theme', 'api::city.city', 'api::partnership.partnership', 'api::project.project', 'api::international-relations-page.international-relations-page'];

/** XLIFF 1.2 export and import, checked with the `xliff` package (not this project's code). */
describe('XLIFF for CAT tools', () => {
  const app = useApp();
  let editor: { headers: Record<string, string> };
  let translatorCs: { headers: Record<string, string> };
  let translatorDe: { headers: Record<string, string> };

  beforeAll(async () => {
    editor = await adminLogin(app(), 'international-relations-editor');
    translatorCs = await adminLogin(app(), 'translator-cs');
    translatorDe = await adminLogin(app(), 'translator-de');
  });

  const exportXliff = (query: string, who = editor) => exportXliffText(app(), query, who);
  const importXliff = (xml: string, locale: string, who = editor) => importXliffText(app(), xml, locale, who);

  it('exports one file per type and one unit per text, with targets and notes', async () => {
    const { xml, headers } = await exportXliff('locale=fr');
    expect(headers['content-type']).toMatch(/xliff\+xml/);
    expect(headers['content-disposition']).toContain('partner-cities-fr.xlf');
    const parsed = await xliff12ToJs(xml);
    expect(parsed).toMatchObject({ sourceLanguage: 'en', targetLanguage: 'fr' });
    expect(Object.keys(parsed.resources).sort()).toEqual([...TYPES].sort());

    const lille = await seeded(app(), CITY, 'lille');
    const city = parsed.resources[CITY];
    expect(city[`${lille}/name`]).toMatchObject({ source: 'Lille', target: 'Lille' });
    expect(city[`${lille}/summary`].source).toMatch(/^The capital of French Flanders/);
    expect(city[`${lille}/summary`].target).not.toBe(city[`${lille}/summary`].source);
    expect(city[`${lille}/description/0`].source).toMatch(/^Lille is the principal city/);
    expect(city[`${lille}/summary`].note).toContain('field summary');
    expect(city[`${lille}/summary`].note).toContain(`/admin/content-manager/collection-types/api::city.city/${lille}`);
    expect(Object.keys(city).some((id) => id.endsWith('/countryCode') || id.endsWith('/slug'))).toBe(false);

    const partnerships = parsed.resources['api::partnership.partnership'];
    const hangzhou = await seeded(app(), 'api::partnership.partnership', 'leeds-hangzhou');
    expect(partnerships[`${hangzhou}/description/4/0`]).toMatchObject({ source: 'e-commerce' });
    expect(partnerships[`${hangzhou}/organisations/1/role`].source).toContain('pre-Olympic training camp');
    expect(Object.keys(partnerships).some((id) => id.endsWith('/url'))).toBe(false);
  });

  it('keeps unit ids stable across exports', async () => {
    const first = await xliff12ToJs((await exportXliff('locale=de&uid=api::theme.theme')).xml);
    const second = await xliff12ToJs((await exportXliff('locale=de&uid=api::theme.theme')).xml);
    expect(Object.keys(first.resources['api::theme.theme'])).toEqual(Object.keys(second.resources['api::theme.theme']));
    expect(Object.keys(first.resources)).toEqual(['api::theme.theme']);
  });

  it('exports only what needs work when asked', async () => {
    const brno = await seeded(app(), CITY, 'brno');
    await app().strapi.documents(CITY).update({ documentId: brno, locale: 'en', status: 'published', data: { summary: 'Brno, second city of Czechia.' } as any });
    const parsed = await xliff12ToJs((await exportXliff('locale=cs&status=missing,outdated')).xml);
    expect(Object.keys(parsed.resources)).toEqual([CITY]);
    const ids = Object.values(parsed.resources).flatMap((units) => Object.keys(units));
    expect(ids.length).toBeGreaterThan(0);
    expect(ids.every((id) => id.startsWith(`${brno}/`))).toBe(true);
  });

  it('round-trips: export, fill the targets, import; the draft holds exactly the targets, nothing else moves', async () => {
    const documents = app().strapi.documents(CITY);
    const created = await documents.create({
      locale: 'en',
      status: 'published',
      data: { name: 'Round Trip Town', countryCode: 'PL', latitude: 52.2, longitude: 21, summary: 'A town for a round trip.', description: toBlocks(['First paragraph.', { list: ['one', 'two'] }]) } as any,
    });
    const exported = await xliff12ToJs((await exportXliff('locale=cs&uid=api::city.city&status=missing')).xml);
    const units = exported.resources[CITY];
    expect(Object.keys(units).sort()).toEqual(['description/0', 'description/1/0', 'description/1/1', 'name', 'summary'].map((path) => `${created.documentId}/${path}`).sort());
    for (const unit of Object.values(units)) unit.target = `CS ${unit.source}`;
    const before = (await rowSnapshot(app(), CITY)).filter((row: any) => row.documentId !== created.documentId);

    const response = await importXliff(await jsToXliff12(exported), 'cs', translatorCs);
    expect(response.status).toBe(200);
    expect(response.body.data).toMatchObject({ locale: 'cs', created: [{ uid: CITY, documentId: created.documentId }], updated: [], units: 5 });

    const czech = await documents.findOne({ documentId: created.documentId, locale: 'cs', status: 'draft' });
    expect(czech).toMatchObject({ name: 'CS Round Trip Town', summary: 'CS A town for a round trip.', countryCode: 'PL', slug: 'round-trip-town', publishedAt: null });
    expect(czech!.description).toEqual(toBlocks(['CS First paragraph.', { list: ['CS one', 'CS two'] }]));
    expect(await documents.findOne({ documentId: created.documentId, locale: 'cs', status: 'published' })).toBeNull();
    expect((await rowSnapshot(app(), CITY)).filter((row: any) => row.documentId !== created.documentId)).toEqual(before);
  });

  describe('refuses, changing nothing', () => {
    const refused = async (xml: string, locale: string, message: RegExp, who = editor) => {
      const before = await Promise.all(TYPES.map((uid) => rowSnapshot(app(), uid)));
      const response = await importXliff(xml, locale, who);
      expect(response.status).toBe(who === translatorDe ? 403 : 400);
      expect(response.body.error.message).toMatch(message);
      expect(await Promise.all(TYPES.map((uid) => rowSnapshot(app(), uid)))).toEqual(before);
      return response;
    };
    const themesFor = async (locale: string) => xliff12ToJs((await exportXliff(`locale=${locale}&uid=api::theme.theme`)).xml);

    it('a malformed file', async () => {
      await refused('<xliff version="1.2"><file', 'fr', /^Malformed XLIFF/);
    });

    it('another target language', async () => {
      await refused(await jsToXliff12(await themesFor('de')), 'fr', /target-language is "de", this import is for fr/);
    });

    it('a unit id that does not exist', async () => {
      const file = await themesFor('fr');
      file.resources['api::theme.theme']['nosuchdocument00000000000/name'] = { source: 'Peace', target: 'Paix' };
      await refused(await jsToXliff12(file), 'fr', /1 unknown unit\(s\): nosuchdocument00000000000\/name/);
    });

    it('stale units, naming them', async () => {
      const file = await themesFor('fr');
      const peace = await seeded(app(), 'api::theme.theme', 'peace');
      const units = file.resources['api::theme.theme'];
      for (const unit of Object.values(units)) unit.target = `${unit.target} (révisé)`;
      units[`${peace}/name`].source = 'Peace and quiet';
      const response = await refused(await jsToXliff12(file), 'fr', new RegExp(`1 stale unit\\(s\\).*${peace}/name`));
      expect(response.body.error.details.stale).toEqual([`${peace}/name`]);
    });

    it("another locale's translator", async () => {
      await refused(await jsToXliff12(await themesFor('fr')), 'fr', /^Your role may not create and update fr versions of theme$/, translatorDe);
    });
  });
});
