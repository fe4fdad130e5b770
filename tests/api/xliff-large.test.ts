import { xliff12ToJs } from 'xliff';
import { adminLogin } from '../helpers/callers';
import { useApp } from '../helpers/strapi';

/** A well-formed XLIFF 1.2 file of about `bytes`, its units naming documents that do not exist (so the import refuses it after parsing). */
const largeXliff = (bytes: number) => {
  const head = '<?xml version="1.0" encoding="UTF-8"?>\n<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2"><file original="api::theme.theme" source-language="en" target-language="fr" datatype="plaintext"><body>\n';
  const tail = '</body></file></xliff>\n';
  const units: string[] = [];
  let size = head.length + tail.length;
  for (let index = 0; size < bytes; index += 1) {
    // Inline codes, as formatted rich text exports them: each is an element the parser builds.
    const unit = `<trans-unit id="nodoc${index}/description"><source><g id="1">Leeds</g> and its <x id="2"/>partner city <g id="3">share</g> exchanges ${index}.</source><target><g id="1">Leeds</g> et sa <x id="2"/>ville partenaire <g id="3">échangent</g> ${index}.</target></trans-unit>\n`;
    units.push(unit);
    size += Buffer.byteLength(unit);
  }
  return head + units.join('') + tail;
};

/**
 * The largest XLIFF the body limit allows is parsed off the event loop: the app keeps answering
 * its health check meanwhile, and one user's second import while the first runs is refused.
 */
describe('large XLIFF imports', () => {
  const app = useApp();
  let translator: { headers: Record<string, string> };
  const xml = largeXliff(9.5 * 1024 * 1024);

  beforeAll(async () => {
    translator = await adminLogin(app(), 'translator-fr');
  });

  const importFile = () => app().http().post('/translations/xliff?locale=fr').set(translator.headers).set('Content-Type', 'application/xliff+xml').send(xml);

  it('keeps answering /_health while a 9.5 MB file is parsed', async () => {
    // What parsing this file costs on this machine now: on the main thread, every request waited that long.
    const parseStarted = performance.now();
    await (xliff12ToJs as unknown as (xml: string, options: object) => Promise<unknown>)(xml, { captureSpacesBetweenElements: true });
    const parseMs = performance.now() - parseStarted;
    let importing = true;
    const latencies: number[] = [];
    const probe = (async () => {
      while (importing) {
        const started = performance.now();
        await app().http().get('/_health');
        latencies.push(performance.now() - started);
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    })();
    const importStarted = performance.now();
    const response = await Promise.resolve(importFile()).finally(() => {
      importing = false;
    });
    await probe;
    // Parsed whole (a malformed file would be refused before any unit is read), then refused for its unknown documents.
    expect(response.status).toBe(400);
    expect(response.body.error.details.code).toBe('xliff-refused');
    latencies.sort((a, b) => a - b);
    const worst = latencies[latencies.length - 1];
    // eslint-disable-next-line no-console
    console.log(`[xliff-large] parse alone ${Math.round(parseMs)} ms; /_health during a 9.5 MB import (${Math.round(performance.now() - importStarted)} ms): ${latencies.length} probes, p50 ${latencies[Math.floor(latencies.length / 2)].toFixed(1)} ms, max ${worst.toFixed(1)} ms`);
    expect(latencies.length).toBeGreaterThan(5);
    // Parsed on the main thread, the longest wait was the whole parse (2.2 s against a 2.1 s parse);
    // what remains is receiving the parsed file and planning its 50,000 units. Relative to the
    // parse measured just now, so a slower machine moves both.
    expect(worst).toBeLessThan(parseMs / 2);
  });

  it("refuses one user's second import while the first is still running", async () => {
    const [first, second] = await Promise.all([importFile(), new Promise((resolve) => setTimeout(resolve, 30)).then(() => importFile())]);
    expect([first.status, second.status].sort()).toEqual([400, 429]);
    const refused = first.status === 429 ? first : second;
    expect(refused.body.error.details.code).toBe('import-running');
  });
});
