import { xliff12ToJs } from 'xliff';
import { seeded } from '../helpers/builders';
import { adminLogin } from '../helpers/callers';
import { useApp } from '../helpers/strapi';
import { exportXliffText } from '../helpers/xliff';

const CITY = 'api::city.city';

/** What changed in English since a translation was saved: per field, word by word. */
describe('English changes for translators', () => {
  const app = useApp();
  let editor: { headers: Record<string, string> };
  let translatorDe: { headers: Record<string, string> };
  let dortmund: string;
  let summaryThen: string;
  let firstParagraphThen: string;

  beforeAll(async () => {
    editor = await adminLogin(app(), 'international-relations-editor');
    translatorDe = await adminLogin(app(), 'translator-de');
    dortmund = await seeded(app(), CITY, 'dortmund');
    const english = await app().strapi.documents(CITY).findOne({ documentId: dortmund, locale: 'en', status: 'published' });
    summaryThen = english!.summary as string;
    const description = english!.description as any[];
    firstParagraphThen = description[0].children.map((child: any) => child.text).join('');
    description[0] = { ...description[0], children: [{ type: 'text', text: `${firstParagraphThen} It hosts a football museum.` }] };
    await app().strapi.documents(CITY).update({
      documentId: dortmund,
      locale: 'en',
      status: 'published',
      data: { summary: summaryThen.replace('Leeds', 'the City of Leeds'), description } as any,
    });
  });

  const statusOf = async (query: string, who = editor) => {
    const response = await app().http().get(`/translations/status?${query}`).set(who.headers);
    expect(response.status).toBe(200);
    return response.body.data.documents.find((entry: any) => entry.documentId === dortmund);
  };

  it('lists, per field of an outdated translation, the English then and now with a word diff', async () => {
    const entry = await statusOf(`locale=de&uid=${CITY}&include=diff`, translatorDe);
    expect(entry.status).toBe('outdated');
    expect(entry.changes.map((change: any) => [change.field, change.label])).toEqual([['summary', 'Summary'], ['description', 'Description']]);
    const [summary, description] = entry.changes;
    expect(summary.before).toBe(summaryThen);
    expect(summary.after).toBe(summaryThen.replace('Leeds', 'the City of Leeds'));
    expect(summary.diff.filter((part: any) => part.kind !== 'same')).toEqual([{ kind: 'added', text: 'the City of ' }]);
    expect(summary.diff.map((part: any) => part.text).join('')).toBe(summary.after);
    expect(description.diff.filter((part: any) => part.kind === 'added').map((part: any) => part.text.trim())).toEqual(['It hosts a football museum.']);
    expect(description.diff.some((part: any) => part.kind === 'removed')).toBe(false);
  });

  it('names a changed component field by its labels', async () => {
    const PARTNERSHIP = 'api::partnership.partnership';
    const hangzhou = await seeded(app(), PARTNERSHIP, 'leeds-hangzhou');
    const english = await app().strapi.documents(PARTNERSHIP).findOne({ documentId: hangzhou, locale: 'en', status: 'published', populate: ['organisations'] } as any);
    const organisations = ((english as any).organisations as any[]).map(({ id: _id, ...organisation }, index) => (index === 0 ? { ...organisation, role: `${organisation.role} and host` } : organisation));
    await app().strapi.documents(PARTNERSHIP).update({ documentId: hangzhou, locale: 'en', status: 'published', data: { organisations } as any });
    const response = await app().http().get(`/translations/status?locale=cs&uid=${PARTNERSHIP}&include=diff`).set(editor.headers);
    const entry = response.body.data.documents.find((document: any) => document.documentId === hangzhou);
    expect(entry.changes.map((change: any) => [change.field, change.label])).toEqual([['organisations.role', 'Organisations: Role']]);
  });

  it('leaves changes out unless asked, and for current translations', async () => {
    expect(await statusOf(`locale=de&uid=${CITY}`)).not.toHaveProperty('changes');
    const lille = await seeded(app(), CITY, 'lille');
    const current = (await app().http().get(`/translations/status?locale=de&uid=${CITY}&include=diff`).set(editor.headers)).body.data.documents.find((entry: any) => entry.documentId === lille);
    expect(current.status).toBe('current');
    expect(current).not.toHaveProperty('changes');
    expect((await app().http().get('/translations/status?locale=de&include=everything').set(editor.headers)).status).toBe(400);
  });

  it('notes the change on the outdated units of the XLIFF export, and only there', async () => {
    const { xml } = await exportXliffText(app(), `locale=de&uid=${CITY}`, editor);
    const units = (await xliff12ToJs(xml)).resources[CITY];
    expect(units[`${dortmund}/summary`].note).toContain(`English changed since the last translation: ${summaryThen.replace('Leeds', '{+the City of +}Leeds')}`);
    expect(units[`${dortmund}/description/0`].note).toContain('education. {+It hosts a football museum.+}');
    expect(units[`${dortmund}/name`].note).not.toContain('English changed');
    expect(units[`${dortmund}/description/1`].note).not.toContain('English changed');
  });

  it('compares with the English of the latest save: saving the translation clears the change, a later English edit shows only itself', async () => {
    const saved = await app()
      .http()
      .put(`/content-manager/collection-types/${CITY}/${dortmund}?locale=de`)
      .set(translatorDe.headers)
      .send({ locale: 'de', summary: 'Dortmund, Partnerstadt der Stadt Leeds.' });
    expect(saved.status).toBe(200);
    expect((await statusOf(`locale=de&uid=${CITY}&include=diff`)).status).toBe('current');

    const english = await app().strapi.documents(CITY).findOne({ documentId: dortmund, locale: 'en', status: 'published' });
    await app().strapi.documents(CITY).update({ documentId: dortmund, locale: 'en', status: 'published', data: { summary: `${english!.summary} Twinned since 1969.` } as any });
    const entry = await statusOf(`locale=de&uid=${CITY}&include=diff`);
    expect(entry.changes).toEqual([{ field: 'summary', label: 'Summary', before: english!.summary, after: `${english!.summary} Twinned since 1969.`, diff: expect.any(Array) }]);
    // Still outdated in French, against the English the French was saved with: both edits show.
    const french = await statusOf(`locale=fr&uid=${CITY}&include=diff`);
    expect(french.changes.find((change: any) => change.field === 'summary').before).toBe(summaryThen);
  });
});
