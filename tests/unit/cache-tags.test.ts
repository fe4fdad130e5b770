import zlib from 'zlib';
import { changeTags, responseTags, tagHeaders, type ModelLookup, type TagModel } from '../../src/http-cache/tags';
import { encodeBody, encodedEtag, preferredEncoding } from '../../src/http-cache/compression';
import { SingleFlight } from '../../src/http-cache/single-flight';

const models: Record<string, TagModel> = {
  'api::partnership.partnership': {
    type: 'partnership',
    attributes: { title: { type: 'string' }, city: { type: 'relation', target: 'api::city.city' }, themes: { type: 'relation', target: 'api::theme.theme' }, links: { type: 'component', component: 'shared.link' } },
  },
  'api::city.city': { type: 'city', attributes: { name: { type: 'string' }, partnerships: { type: 'relation', target: 'api::partnership.partnership' } } },
  'api::theme.theme': { type: 'theme', attributes: { name: { type: 'string' } } },
  'shared.link': { type: 'shared.link', attributes: { project: { type: 'relation', target: 'api::project.project' } } },
  'api::project.project': { type: 'project', attributes: {} },
};
const modelOf: ModelLookup = (uid) => models[uid];
const PARTNERSHIP = 'api::partnership.partnership';

describe('response tags', () => {
  it('name the list, every document returned or populated, and the populated types', () => {
    const body = {
      data: [
        { documentId: 'p1', title: 'Leeds–Lille', city: { documentId: 'c1', name: 'Lille' }, themes: [{ documentId: 't1' }, { documentId: 't2' }] },
        { documentId: 'p2', title: 'Leeds–Brno', city: null, themes: [] },
      ],
      meta: { pagination: { page: 1 } },
    };
    expect(responseTags(body, { kind: 'list', uid: PARTNERSHIP }, modelOf)).toEqual(['all', 'l:partnership', 't:city', 't:theme', 'd:p1', 'd:c1', 'd:t1', 'd:t2', 'd:p2']);
  });

  it('for a single read: its document and what it populates, not its type\'s lists', () => {
    const body = { data: { documentId: 'p1', links: [{ project: { documentId: 'x1' } }] } };
    expect(responseTags(body, { kind: 'single', uid: PARTNERSHIP }, modelOf)).toEqual(['all', 't:project', 'd:p1', 'd:x1']);
  });

  it('mark a response from a route they cannot describe as depending on every change', () => {
    const geojson = { type: 'FeatureCollection', features: [{ properties: { documentId: 'c1' } }] };
    expect(responseTags(geojson, { kind: 'other' }, modelOf)).toEqual(['all', 'g', 'd:c1']);
  });

  it('beyond the limit keep only what stays correct without document tags', () => {
    const data = Array.from({ length: 50 }, (_, index) => ({ documentId: `p${index}`, city: { documentId: `c${index}` } }));
    expect(responseTags({ data }, { kind: 'list', uid: PARTNERSHIP }, modelOf, 20)).toEqual(['all', 'l:partnership', 't:city']);
    const single = { data: { documentId: 'p1', themes: data.map((_, index) => ({ documentId: `t${index}` })) } };
    expect(responseTags(single, { kind: 'single', uid: PARTNERSHIP }, modelOf, 20)).toEqual(['all', 't:theme', 'd:p1']);
  });

  it('hash what is too long for a CDN\'s tag', () => {
    const [tag] = responseTags({ data: { documentId: 'x'.repeat(80) } }, { kind: 'single', uid: 'api::theme.theme' }, modelOf).slice(-1);
    expect(tag).toMatch(/^h:[A-Za-z0-9_-]{16}$/);
  });

  it('a change invalidates its document, its type\'s lists, what populates its type, and the undescribed routes', () => {
    expect(changeTags('city', 'c1')).toEqual(['d:c1', 'l:city', 't:city', 'g']);
    expect(changeTags('city')).toEqual(['l:city', 't:city', 'g']);
  });

  it('go into each edge\'s header in its own syntax', () => {
    expect(tagHeaders(['all', 'd:c1'], ['Surrogate-Key', 'Cache-Tag', 'xkey'])).toEqual({ 'Surrogate-Key': 'all d:c1', 'Cache-Tag': 'all,d:c1', xkey: 'all d:c1' });
  });
});

describe('compressed variants', () => {
  it('are both computed once, and decompress to the body', async () => {
    const body = Buffer.from(JSON.stringify({ data: Array.from({ length: 100 }, (_, index) => ({ name: `City ${index}` })) }));
    const encoded = await encodeBody(body);
    expect(zlib.brotliDecompressSync(encoded!.br!).equals(body)).toBe(true);
    expect(zlib.gunzipSync(encoded!.gzip!).equals(body)).toBe(true);
    expect(encoded!.br!.length).toBeLessThan(body.length / 3);
    expect(await encodeBody(Buffer.from('{"data":[]}'))).toBeUndefined();
  });

  it('are chosen by Accept-Encoding and its q-values', () => {
    const both = { br: Buffer.from('b'), gzip: Buffer.from('g') };
    expect(preferredEncoding('gzip, deflate, br', both)).toBe('br');
    expect(preferredEncoding('gzip', both)).toBe('gzip');
    expect(preferredEncoding('br;q=0.5, gzip', both)).toBe('gzip');
    expect(preferredEncoding('br;q=0, gzip;q=0', both)).toBeUndefined();
    expect(preferredEncoding('*', both)).toBe('br');
    expect(preferredEncoding('identity', both)).toBeUndefined();
    expect(preferredEncoding(undefined, both)).toBeUndefined();
    expect(preferredEncoding('br', undefined)).toBeUndefined();
  });

  it('have ETags of their own', () => {
    expect(encodedEtag('"abc"', 'br')).toBe('"abc-br"');
    expect(encodedEtag('"abc"', undefined)).toBe('"abc"');
  });
});

describe('single flight', () => {
  it('computes concurrent misses once and hands the others the outcome', async () => {
    const flights = new SingleFlight<string>();
    let computations = 0;
    let release!: () => void;
    const leader = flights.lead('k', async () => {
      computations += 1;
      await new Promise<void>((resolve) => (release = resolve));
      return 'answer';
    });
    const followers = [flights.pending('k'), flights.pending('k')];
    expect(flights.pending('other')).toBeUndefined();
    release();
    expect(await leader).toBe('answer');
    expect(await Promise.all(followers)).toEqual(['answer', 'answer']);
    expect(computations).toBe(1);
    expect(flights.size).toBe(0);
  });

  it('hands the others nothing when the leader failed, so each computes its own', async () => {
    const flights = new SingleFlight<string>();
    const leader = flights.lead('k', async () => {
      throw new Error('database down');
    });
    const follower = flights.pending('k');
    await expect(leader).rejects.toThrow('database down');
    expect(await follower).toBeUndefined();
  });

  it('when turned off, never makes anyone wait', async () => {
    const flights = new SingleFlight<string>(false);
    const leader = flights.lead('k', async () => 'answer');
    expect(flights.pending('k')).toBeUndefined();
    expect(await leader).toBe('answer');
  });
});
