import type { TestApp } from './strapi';

type Caller = { headers: Record<string, string> };

/** GET /translations/xliff as text (supertest would otherwise buffer an xliff+xml body as a Buffer). */
export const exportXliffText = async (app: TestApp, query: string, who: Caller) => {
  const response = await app.http().get(`/translations/xliff?${query}`).set(who.headers).buffer(true).parse((res, done) => {
    // Decoded once whole: a chunk may end inside a multi-byte character.
    const chunks: Buffer[] = [];
    res.on('data', (chunk: Buffer) => chunks.push(chunk));
    res.on('end', () => done(null, Buffer.concat(chunks).toString('utf8')));
  });
  if (response.status !== 200) throw new Error(`export ${query}: ${response.status} ${JSON.stringify(response.body)}`);
  return { xml: response.body as string, headers: response.headers };
};

/** POST /translations/xliff with a body of the given media type; `locale` undefined leaves the query out. */
export const importXliffText = (app: TestApp, xml: string, locale: string | undefined, who: Caller, contentType = 'text/plain') =>
  app.http().post(`/translations/xliff${locale ? `?locale=${locale}` : ''}`).set(who.headers).set('Content-Type', contentType).send(xml);
