import { adminLogin } from '../helpers/callers';
import { translateWithOmegat } from '../helpers/omegat';
import { useApp } from '../helpers/strapi';
import { exportXliffText, importXliffText } from '../helpers/xliff';

const CITY = 'api::city.city';

/**
 * A real CAT tool end to end: the export opened in OmegaT (Debian's package), its segments
 * translated with the tags moved as a translator moves them, OmegaT's translated file imported.
 */
describe('XLIFF through OmegaT', () => {
  const app = useApp();

  it('keeps every kind of formatting as OmegaT tags, and imports the translation with it', async () => {
    const editor = await adminLogin(app(), 'international-relations-editor');
    const translator = await adminLogin(app(), 'translator-cs');
    const city = await app().strapi.documents(CITY).create({
      locale: 'en',
      status: 'published',
      data: {
        name: 'Omegaton',
        countryCode: 'CZ',
        latitude: 49.2,
        longitude: 16.6,
        summary: 'A town for a CAT tool.',
        description: [
          {
            type: 'paragraph',
            children: [
              { type: 'text', text: 'See ' },
              { type: 'link', url: 'https://www.example.org/omegaton', children: [{ type: 'text', text: 'the town site' }] },
              { type: 'text', text: ' and ' },
              { type: 'text', text: 'read this', bold: true },
              { type: 'text', text: ', ' },
              { type: 'text', text: 'this', italic: true },
              { type: 'text', text: ', ' },
              { type: 'text', text: 'that', underline: true },
              { type: 'text', text: ', ' },
              { type: 'text', text: 'not this', strikethrough: true },
              { type: 'text', text: ' and ' },
              { type: 'text', text: 'code', code: true },
              { type: 'text', text: '.\nBye.' },
            ],
          },
        ],
      } as any,
    });
    const { xml } = await exportXliffText(app(), `locale=cs&uid=${CITY}&status=missing&prefill=source`, editor);

    const { xliff, segments } = await translateWithOmegat(xml, { source: 'en', target: 'cs' }, (segment) =>
      segment.startsWith('See ')
        ? // The translator puts the link last, as Czech word order wants.
          'Přečtěte <g1>si toto</g1>, <g2>toto</g2>, <g3>tamto</g3>, <g4>ne toto</g4> a <g5>kód</g5>.<x6/>Ahoj. Viz <g0>stránky města</g0>.'
        : `CS ${segment}`,
    );
    expect(segments).toContain('See <g0>the town site</g0> and <g1>read this</g1>, <g2>this</g2>, <g3>that</g3>, <g4>not this</g4> and <g5>code</g5>.<x6/>Bye.');
    expect(xliff).toContain('<g id="1" ctype="link">stránky města</g>');

    const response = await importXliffText(app(), xliff, undefined, translator, 'application/xliff+xml');
    expect(response.status).toBe(200);
    const czech = await app().strapi.documents(CITY).findOne({ documentId: city.documentId, locale: 'cs', status: 'draft' });
    expect(czech).toMatchObject({ name: 'CS Omegaton', summary: 'CS A town for a CAT tool.' });
    expect((czech!.description as any[])[0].children).toEqual([
      { type: 'text', text: 'Přečtěte ' },
      { type: 'text', text: 'si toto', bold: true },
      { type: 'text', text: ', ' },
      { type: 'text', text: 'toto', italic: true },
      { type: 'text', text: ', ' },
      { type: 'text', text: 'tamto', underline: true },
      { type: 'text', text: ', ' },
      { type: 'text', text: 'ne toto', strikethrough: true },
      { type: 'text', text: ' a ' },
      { type: 'text', text: 'kód', code: true },
      { type: 'text', text: '.\nAhoj. Viz ' },
      { type: 'link', url: 'https://www.example.org/omegaton', children: [{ type: 'text', text: 'stránky města' }] },
      { type: 'text', text: '.' },
    ]);
  });
});
