import { Xliff } from 'ilib-xliff';
import { jsToXliff12, xliff12ToJs } from 'xliff';
import { rowSnapshot } from '../helpers/builders';
import { adminLogin } from '../helpers/callers';
import { useApp } from '../helpers/strapi';
import { exportXliffText, importXliffText } from '../helpers/xliff';

const CITY = 'api::city.city';

/** A paragraph with every kind of formatting the Blocks editor makes, and a list item with a link. */
const FORMATTED = [
  {
    type: 'paragraph',
    children: [
      { type: 'text', text: 'Visit ' },
      { type: 'link', url: 'https://www.example.org/town-hall', children: [{ type: 'text', text: 'the town hall' }] },
      { type: 'text', text: ', read ' },
      { type: 'text', text: 'this', bold: true },
      { type: 'text', text: ' twice', bold: true, italic: true },
      { type: 'text', text: ', ' },
      { type: 'text', text: 'that', underline: true },
      { type: 'text', text: ', ' },
      { type: 'text', text: 'not this', strikethrough: true },
      { type: 'text', text: ' and run ' },
      { type: 'text', text: 'make', code: true },
      { type: 'text', text: '.\nSee you.' },
    ],
  },
  { type: 'list', format: 'unordered', children: [{ type: 'list-item', children: [{ type: 'text', text: 'Our ' }, { type: 'link', url: 'https://www.example.org/schools', children: [{ type: 'text', text: 'schools' }] }, { type: 'text', text: '' }] }] },
];

/** Replaces each text of a parsed source or target, keeping its tags where they are. */
const translateStrings = (value: unknown, translate: (text: string) => string): unknown => {
  if (typeof value === 'string') return translate(value);
  if (Array.isArray(value)) return value.map((item) => translateStrings(item, translate));
  if (value && typeof value === 'object' && 'GenericSpan' in value) {
    const span = (value as any).GenericSpan;
    return { GenericSpan: { ...span, contents: translateStrings(span.contents, translate) } };
  }
  return value;
};

/** The xliff package's writer, indenting nothing: it would otherwise indent inside inline content. */
const writeXliff = (file: unknown) => (jsToXliff12 as unknown as (js: unknown, options: { indent: string }) => Promise<string>)(file, { indent: '' });

describe('XLIFF inline formatting', () => {
  const app = useApp();
  let editor: { headers: Record<string, string> };
  let translatorCs: { headers: Record<string, string> };
  let translatorDe: { headers: Record<string, string> };
  let documentId: string;

  beforeAll(async () => {
    editor = await adminLogin(app(), 'international-relations-editor');
    translatorCs = await adminLogin(app(), 'translator-cs');
    translatorDe = await adminLogin(app(), 'translator-de');
    const created = await app().strapi.documents(CITY).create({
      locale: 'en',
      status: 'published',
      data: { name: 'Formatville', countryCode: 'PL', latitude: 50, longitude: 19, summary: 'A town with formatting.', description: FORMATTED } as any,
    });
    documentId = created.documentId;
  });

  const exportCity = async (query = '') => exportXliffText(app(), `locale=cs&uid=${CITY}${query}`, editor);
  const czechDraft = () => app().strapi.documents(CITY).findOne({ documentId, locale: 'cs', status: 'draft' });

  it('exports marks and links as <g> and line breaks as <x/>, with no link target in the text', async () => {
    const { xml } = await exportCity('&status=missing');
    const unit = xml.slice(xml.indexOf(`id="${documentId}/description/0"`), xml.indexOf('</trans-unit>', xml.indexOf(`id="${documentId}/description/0"`)));
    expect(unit).toContain(
      '<source>Visit <g id="1" ctype="link">the town hall</g>, read <g id="2" ctype="bold">this<g id="3" ctype="italic"> twice</g></g>, <g id="4" ctype="underlined">that</g>, ' +
        '<g id="5" ctype="x-strikethrough">not this</g> and run <g id="6" ctype="x-code">make</g>.<x id="7" ctype="lb"/>See you.</source>',
    );
    expect(xml).not.toContain('example.org');
  });

  it('imports the formatting where the translator moved the tags, links pointing where the English ones do', async () => {
    const file = await xliff12ToJs((await exportCity('&status=missing')).xml);
    const units = file.resources[CITY];
    for (const unit of Object.values(units) as any[]) unit.target = translateStrings(unit.source, (text) => (text.trim() === '' ? text : `«${text}»`));
    // The translator moves the link to the end of the sentence.
    const paragraph = units[`${documentId}/description/0`].target as unknown as any[];
    (units[`${documentId}/description/0`] as any).target = ['Navštivte ', ...paragraph.slice(2), ' ', paragraph[1]];

    // The registered media type, no ?locale=: the file's target-language says Czech.
    const response = await importXliffText(app(), await writeXliff(file), undefined, translatorCs, 'application/xliff+xml');
    expect(response.status).toBe(200);
    expect(response.body.data).toMatchObject({ locale: 'cs', created: [{ uid: CITY, documentId }] });

    const czech = await czechDraft();
    const [first, list] = czech!.description as any[];
    expect(first.children[0]).toEqual({ type: 'text', text: 'Navštivte «, read »' });
    expect(first.children).toContainEqual({ type: 'text', text: '«this»', bold: true });
    expect(first.children).toContainEqual({ type: 'text', text: '« twice»', bold: true, italic: true });
    expect(first.children).toContainEqual({ type: 'text', text: '«that»', underline: true });
    expect(first.children).toContainEqual({ type: 'text', text: '«not this»', strikethrough: true });
    expect(first.children).toContainEqual({ type: 'text', text: '«make»', code: true });
    expect(first.children).toContainEqual({ type: 'text', text: '«.»\n«See you.» ' });
    expect(first.children.at(-2)).toEqual({ type: 'link', url: 'https://www.example.org/town-hall', children: [{ type: 'text', text: '«the town hall»' }] });
    expect(list.children[0].children[1]).toEqual({ type: 'link', url: 'https://www.example.org/schools', children: [{ type: 'text', text: '«schools»' }] });
  });

  it("exports that translation with the source's tag ids, and takes it back unchanged", async () => {
    const before = await czechDraft();
    const { xml } = await exportCity();
    expect(xml).toContain('<target>Navštivte «, read »<g id="2" ctype="bold">«this»');
    expect(xml).toContain('<g id="1" ctype="link">«the town hall»</g></target>');
    const response = await importXliffText(app(), xml, 'cs', translatorCs, 'application/x-xliff+xml');
    expect(response.status).toBe(200);
    expect((await czechDraft())!.description).toEqual(before!.description);
  });

  describe('refuses a target whose tags do not match, naming the unit and the tag', () => {
    const refusedWith = async (target: string, message: string) => {
      const { xml } = await exportCity();
      const id = `${documentId}/description/0`;
      const start = xml.indexOf('<target>', xml.indexOf(`id="${id}"`));
      const edited = xml.slice(0, start) + `<target>${target}</target>` + xml.slice(xml.indexOf('</target>', start) + '</target>'.length);
      const before = await rowSnapshot(app(), CITY);
      const response = await importXliffText(app(), edited, 'cs', editor, 'application/xliff+xml');
      expect(response.status).toBe(400);
      expect(response.body.error.message).toContain(`${id}: ${message}`);
      expect(response.body.error.details.tags).toEqual([{ unit: id, problems: [message] }]);
      expect(await rowSnapshot(app(), CITY)).toEqual(before);
    };
    const ALL = '<g id="1">a</g><g id="2">b<g id="3">c</g></g><g id="4">d</g><g id="5">e</g><g id="6">f</g><x id="7"/>';

    it('a dropped tag', () => refusedWith(ALL.replace('<g id="4">d</g>', 'd'), '<g id="4"> (underlined) is missing'));
    it('a duplicated tag', () => refusedWith(`${ALL}<g id="6">g</g>`, '<g id="6"> (x-code) appears 2 times'));
    it('an invented tag', () => refusedWith(`${ALL}<g id="8" ctype="bold">h</g>`, '<g id="8"> is not in the source'));
    it('a tag kind this project does not write', () => refusedWith(`${ALL}<ph id="9">&lt;br&gt;</ph>`, '<Span> (only <g> and <x/> are used here) is not in the source'));
  });

  it('checks the caller may act for the locale the file names, and a mismatch with ?locale= stays 400', async () => {
    const { xml } = await exportCity();
    const forbidden = await importXliffText(app(), xml, undefined, translatorDe, 'application/xliff+xml');
    expect(forbidden.status).toBe(403);
    expect(forbidden.body.error.message).toMatch(/^Your role may not create and update cs versions of /);
    const mismatch = await importXliffText(app(), xml, 'fr', editor, 'application/xliff+xml');
    expect(mismatch.status).toBe(400);
    expect(mismatch.body.error.message).toMatch(/target-language is "cs", this import is for fr/);
  });

  it('an independent implementation (ilib-xliff) reads the export; its file imports, and a unit whose tags it flattened is refused by name', async () => {
    const { xml } = await exportCity();
    const file = new Xliff({ version: '1.2' });
    file.deserialize(xml);
    const units = file.getTranslationUnits();
    expect(units.map((unit) => unit.id)).toEqual(expect.arrayContaining([`${documentId}/name`, `${documentId}/summary`, `${documentId}/description/0`]));
    expect(units.every((unit) => unit.file === CITY && unit.targetLocale === 'cs' && unit.sourceLocale === 'en')).toBe(true);
    const summary = units.find((unit) => unit.id === `${documentId}/summary`)!;
    expect(summary.source).toBe('A town with formatting.');

    summary.target = 'Město s formátováním.';
    const plainOnly = new Xliff({ version: '1.2' });
    plainOnly.addTranslationUnits(units.filter((unit) => !unit.id.includes('/description/')));
    const accepted = await importXliffText(app(), plainOnly.serialize(), 'cs', translatorCs);
    expect(accepted.status).toBe(200);
    expect((await czechDraft())!.summary).toBe('Město s formátováním.');

    const refused = await importXliffText(app(), file.serialize(), 'cs', translatorCs);
    expect(refused.status).toBe(400);
    expect(refused.body.error.details.tags.map((entry: any) => entry.unit)).toEqual([`${documentId}/description/0`, `${documentId}/description/1/0`]);
    expect(refused.body.error.message).toMatch(/the source lost or changed its tags/);
  });

  it('prefills untranslated units with the English, and does not import the English left as it was', async () => {
    const other = await app().strapi.documents(CITY).create({
      locale: 'en',
      status: 'published',
      data: { name: 'Prefillton', countryCode: 'PL', latitude: 50, longitude: 19, summary: 'Left in English.', description: FORMATTED } as any,
    });
    const { xml } = await exportXliffText(app(), `locale=cs&uid=${CITY}&status=missing&prefill=source`, editor);
    expect(xml).toContain(`<target state="needs-translation">Left in English.</target>`);
    expect(xml).toContain('<target state="needs-translation">Visit <g id="1" ctype="link">the town hall</g>');
    const untouched = await importXliffText(app(), xml, 'cs', translatorCs);
    expect(untouched.status).toBe(200);
    expect(untouched.body.data.created).toEqual([]);
    expect(await app().strapi.documents(CITY).findOne({ documentId: other.documentId, locale: 'cs' })).toBeNull();

    const translated = xml.replace('<target state="needs-translation">Left in English.</target>', '<target>Zůstalo v angličtině.</target>');
    const imported = await importXliffText(app(), translated, 'cs', translatorCs);
    expect(imported.body.error).toBeUndefined();
    expect(imported.body.data.created).toEqual([{ uid: CITY, documentId: other.documentId }]);
    const czech = await app().strapi.documents(CITY).findOne({ documentId: other.documentId, locale: 'cs', status: 'draft' });
    expect(czech).toMatchObject({ summary: 'Zůstalo v angličtině.', description: FORMATTED });
  });
});
