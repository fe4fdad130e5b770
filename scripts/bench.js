#!/usr/bin/env node
// @ts-check
'use strict';
/**
 * `npm run bench [-- --scale N --duration S --connections C --saves N --edits N]` (`--editor-only`: only f below)
 *
 * Boots the production build on a throwaway PostgreSQL database with the seed content (plus N
 * synthetic projects) and measures, in one run and with the same client (autocannon):
 *   a) the partnerships query served from the response cache,
 *   b) the same query with the cache off (a second instance, HTTP_CACHE_ENABLED=false),
 *   c) a 304 revalidation (If-None-Match),
 *   d) a bare Node http server sending the identical bytes: the practical ceiling,
 *   e) a) asked with `Accept-Encoding: br`, and as a browser asks (gzip, deflate, br).
 * Prints requests/s, p50, p99 and errors, the ratios a/d, a/b and c/d. Then version history
 * (`--saves N`, 300 by default): Content Manager saves of one city on two more instances, with
 * and without history (HISTORY_ENABLED), and the history list of a city with 1,000 versions.
 * Then f) the editor's save and publish of each type through the Content Manager (`--edits N`).
 * Writes the tables to docs/benchmarks.md.
 */
const crypto = require('crypto');
const http = require('http');
const os = require('os');
const autocannon = require('autocannon');
const { loadCli, withApp } = require('./lib/app');
const { numberOption: option, stringOption, SECRETS, serverUrl, withDatabase, adminQuery: admin, startInstance: startOn, prependReport } = require('./lib/instances');

const QUERY = '/api/partnerships?locale=fr&populate[city]=true&populate[themes]=true&populate[projects]=true';
// compressedVsPlain: a hit sent compressed (stored compressed) costs about what a plain one does.
const TARGETS = { cachedVsCeiling: 0.3, cachedVsUncached: 20, compressedVsPlain: 0.8 };

const scale = option('scale', 0);
const duration = option('duration', 10);
const connections = option('connections', 10);
const saves = option('saves', 300);

const database = `pcms_bench_${Date.now()}`;

/**
 * Seeds a database and adds `scale` synthetic projects in five locales, in this process, before
 * any instance starts; returns how long the synthetic projects took, in seconds.
 * @param {string} name
 * @param {number} scale
 */
const prepare = async (name, scale) => {
  Object.assign(process.env, SECRETS, { DATABASE_CLIENT: 'postgres', DATABASE_URL: withDatabase(name) });
  return withApp(async (strapi, cli) => {
    await cli.seedContent(strapi);
    const started = Date.now();
    if (scale > 0) console.log(`  generated ${await cli.insertSyntheticProjects(strapi, scale)} synthetic projects in five locales`);
    return (Date.now() - started) / 1000;
  });
};

/** @typedef {{ label: string, rps: number, p50: number, p99: number, errors: number, total: number }} Row */

/**
 * @param {string} label
 * @param {string} url
 * @param {Record<string, string>} [headers]
 * @param {number} [expectedStatus]
 * @param {{ connections: number, duration: number }} [load]
 * @returns {Promise<Row>}
 */
const measure = async (label, url, headers = {}, expectedStatus = 200, load = { connections, duration }) => {
  await autocannon({ url, headers, connections: load.connections, duration: Math.min(3, load.duration) }); // warm-up
  const result = await autocannon({ url, headers, connections: load.connections, duration: load.duration });
  const expected = /** @type {Record<string, number>} */ (/** @type {unknown} */ (result))[`${String(expectedStatus)[0]}xx`];
  const wrong = result.requests.total ? result.requests.total - expected : 0;
  const row = {
    label,
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts + Math.max(0, wrong - result.errors - result.timeouts),
    total: result.requests.total,
  };
  console.log(`  ${label}: ${row.rps.toFixed(0)} req/s, p50 ${row.p50} ms, p99 ${row.p99} ms, errors ${row.errors}`);
  return row;
};

const scalesOption = stringOption('scales')?.split(',').map(Number);
const PAGE = '/api/projects?locale=fr&pagination[pageSize]=25&populate[partnerships]=true&populate[themes]=true';
const SEARCH = '/api/search?q=jumelages&locale=fr';
const BROAD_SEARCH = '/api/search?q=project&locale=fr';
const ADMIN = { email: 'bench@leeds.example', password: `Bench-${crypto.randomBytes(6).toString('hex')}-A1` };

/**
 * `--scales 100,1000,10000`: for each N, a fresh database with the seed and N synthetic projects
 * in five locales; p50/p99 of a 25-item page of projects with partnerships and themes (uncached
 * and cached), of GET /translations/status and of the XLIFF export of one locale.
 */
/** @typedef {{ n: number, generated: number, firstStatusMs: number, cold: Row, cachedPage: Row, status: Row, xliff: Row, search: Row, broadSearch: Row }} ScaleRow */

/** @param {number[]} scales */
const scaleBenchmark = async (scales) => {
  console.log(`Scale benchmark: ${os.cpus().length} cores, Node ${process.version}, scales ${scales.join(', ')}`);
  const { cli } = await loadCli();
  /** @type {ScaleRow[]} */
  const rows = [];
  for (const n of scales) {
    const name = `${database}_${n}`;
    await admin(`CREATE DATABASE "${name}"`);
    const instances = [];
    try {
      const generated = await prepare(name, n);
      // Admin sign-in over plain http on loopback: production refuses it otherwise (https only).
      const env = { DATABASE_URL: withDatabase(name), SEED_ON_EMPTY: 'false', INITIAL_ADMIN_EMAIL: ADMIN.email, INITIAL_ADMIN_PASSWORD: ADMIN.password, ADMIN_ALLOW_PLAIN_HTTP: 'true' };
      instances.push(await startOn(cli, 41337, { ...env, HTTP_CACHE_ENABLED: 'true' }));
      instances.push(await startOn(cli, 41338, { ...env, HTTP_CACHE_ENABLED: 'false' }));
      const login = /** @type {{ data: { token: string } }} */ (await (await fetch('http://127.0.0.1:41337/admin/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(ADMIN) })).json());
      const auth = { authorization: `Bearer ${login.data.token}` };
      const heavy = { connections: 2, duration: Math.max(5, Math.round(duration / 2)) };
      // The first status after the bulk import fingerprints every English text (and caches the
      // fingerprints): done once here, timed, so the measured runs show the steady state.
      const firstStatus = performance.now();
      await (await fetch('http://127.0.0.1:41337/translations/status?locale=fr', { headers: auth })).arrayBuffer();
      const firstStatusMs = Math.round(performance.now() - firstStatus);
      console.log(`  N=${n} first /translations/status after the import: ${firstStatusMs} ms`);
      rows.push({
        n,
        generated,
        firstStatusMs,
        cold: await measure(`N=${n} page, uncached`, `http://127.0.0.1:41338${PAGE}`, {}, 200, { connections: 4, duration }),
        cachedPage: await measure(`N=${n} page, cached`, `http://127.0.0.1:41337${PAGE}`, {}, 200, { connections, duration }),
        status: await measure(`N=${n} /translations/status`, 'http://127.0.0.1:41337/translations/status?locale=fr', auth, 200, heavy),
        xliff: await measure(`N=${n} XLIFF export (fr)`, 'http://127.0.0.1:41337/translations/xliff?locale=fr', auth, 200, heavy),
        // Uncached (the instance without the response cache), one client at a time, so the latency
        // is a search's own: a word in a few texts, and a word in every synthetic project.
        search: await measure(`N=${n} search "jumelages" (fr), uncached`, `http://127.0.0.1:41338${SEARCH}`, {}, 200, { connections: 1, duration }),
        broadSearch: await measure(`N=${n} search "project" (fr, matches every project), uncached`, `http://127.0.0.1:41338${BROAD_SEARCH}`, {}, 200, { connections: 1, duration }),
      });
    } finally {
      for (const instance of instances) await instance.stop();
      await admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    }
  }
  writeScaleReport(rows);
};

/** @param {ScaleRow[]} rows */
const writeScaleReport = (rows) => {
  /** @param {Row} row */
  const cell = (row) => `${row.p50} / ${row.p99}`;
  const first = rows[0];
  const last = rows[rows.length - 1];
  /** @param {'cold' | 'status' | 'xliff' | 'search'} key */
  const ratio = (key) => (last[key].p50 / Math.max(first[key].p50, 1)).toFixed(1);
  const section = [
    `## ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC: scale ${rows.map((row) => row.n).join(' / ')}`,
    '',
    `Machine: ${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'unknown CPU'}), Node ${process.version}, PostgreSQL at ${serverUrl.host}.`,
    `N synthetic projects in five locales (draft and published) on top of the seed. Page: \`GET ${PAGE}\`. Latencies p50 / p99 in ms (autocannon).`,
    '',
    `Search, uncached, one client: \`GET ${SEARCH}\` and \`GET ${BROAD_SEARCH}\` (a word in every synthetic project).`,
    '',
    '| N | generate (s) | page uncached | page cached | first status (ms) | /translations/status | XLIFF export (fr) | search | broad search |',
    '| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...rows.map((row) => `| ${row.n} | ${row.generated.toFixed(1)} | ${cell(row.cold)} | ${cell(row.cachedPage)} | ${row.firstStatusMs} | ${cell(row.status)} | ${cell(row.xliff)} | ${cell(row.search)} | ${cell(row.broadSearch)} |`),
    '',
    `From N=${first.n} to N=${last.n} (×${last.n / first.n}): uncached page p50 ×${ratio('cold')} (target ≤ 2), status p50 ×${ratio('status')}, XLIFF p50 ×${ratio('xliff')} (target: linear or better); search p50 ${last.search.p50} ms at N=${last.n} (target ≤ 20 ms); at N=${last.n} status p50 ${last.status.p50} ms and XLIFF export p50 ${last.xliff.p50} ms (target ≤ 200 ms each). "First status": the first /translations/status after the bulk import, which fingerprints every English text once (src/translations/source-fingerprints.ts); the runs after it read the cached fingerprints.`,
    '',
  ].join('\n');
  prependReport(section);
};

/**
 * Version history, as its issue requires: keeping versions adds at most 20% to a Content Manager
 * save, and the history list of a document with 1,000 versions answers in under 50 ms.
 */
const HISTORY_TARGETS = { saveOverhead: 1.2, listMs: 50 };
const HISTORY_VERSIONS = 1000;
const SAVE_WARMUP = 20;
const CITY = 'api::city.city';

/** @typedef {{ label: string, p50: number, p99: number, mean: number, total: number, errors: number }} SaveRow */
/**
 * @typedef {{
 *   saves: { on: SaveRow, off: SaveRow }, overhead: number, kept: number, versions: number,
 *   list: Row, lastPage: Row, pageCount: number, met: { overhead: boolean, list: boolean }, errors: number
 * }} HistoryReport
 */

/**
 * @param {number[]} sorted ascending
 * @param {number} q between 0 and 1
 */
const percentile = (sorted, q) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];

/**
 * @param {string} label
 * @param {Array<{ ms: number, ok: boolean }>} samples
 * @returns {SaveRow}
 */
const saveRow = (label, samples) => {
  const sorted = samples.map((sample) => sample.ms).sort((a, b) => a - b);
  const round = (/** @type {number} */ ms) => Math.round(ms * 10) / 10;
  const row = {
    label,
    p50: round(percentile(sorted, 0.5)),
    p99: round(percentile(sorted, 0.99)),
    mean: round(sorted.reduce((sum, ms) => sum + ms, 0) / sorted.length),
    total: samples.length,
    errors: samples.filter((sample) => !sample.ok).length,
  };
  console.log(`  ${label}: ${row.total} saves, p50 ${row.p50} ms, p99 ${row.p99} ms, mean ${row.mean} ms, errors ${row.errors}`);
  return row;
};

/**
 * Signs the benchmark admin in on one instance (plain http on loopback, ADMIN_ALLOW_PLAIN_HTTP).
 * @param {number} port
 * @returns {Promise<Record<string, string>>}
 */
const adminAuth = async (port) => {
  const response = await fetch(`http://127.0.0.1:${port}/admin/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(ADMIN) });
  if (response.status !== 200) throw new Error(`admin login on port ${port}: ${response.status} ${await response.text()}`);
  const login = /** @type {{ data: { token: string } }} */ (await response.json());
  return { authorization: `Bearer ${login.data.token}` };
};

/**
 * One Content Manager save of the city's English draft, as the panel sends it; a new summary each
 * time, so that every save changes something (a save that changes nothing keeps no version).
 * @param {number} port
 * @param {Record<string, string>} auth
 * @param {string} documentId
 * @param {string} summary
 */
const cmSave = async (port, auth, documentId, summary) => {
  const started = performance.now();
  const response = await fetch(`http://127.0.0.1:${port}/content-manager/collection-types/${CITY}/${documentId}?locale=en`, {
    method: 'PUT',
    headers: { ...auth, 'content-type': 'application/json' },
    body: JSON.stringify({ summary }),
  });
  await response.arrayBuffer();
  return { ms: performance.now() - started, ok: response.status === 200 };
};

/** @param {string} documentId @param {number} [page] */
const historyPath = (documentId, page = 1) => `/history?uid=${CITY}&documentId=${documentId}&locale=en${page > 1 ? `&page=${page}` : ''}`;

/**
 * The city's English versions as the history list counts them.
 * @param {number} port
 * @param {Record<string, string>} auth
 * @param {string} documentId
 */
const versionCount = async (port, auth, documentId) => {
  const response = await fetch(`http://127.0.0.1:${port}${historyPath(documentId)}`, { headers: auth });
  if (response.status !== 200) throw new Error(`history list: ${response.status} ${await response.text()}`);
  const body = /** @type {{ meta: { pagination: { total: number, pageCount: number } } }} */ (await response.json());
  return body.meta.pagination;
};

/**
 * Two instances on the benchmark database, the same but for HISTORY_ENABLED. `saves` Content
 * Manager saves of one seeded city on each, one at a time and interleaved (alternating which
 * instance goes first) after a warm-up; then saves through the instance with history until the
 * city has 1,000 versions, and its history list (first and last page) with autocannon.
 * @param {typeof import('../src/cli')} cli
 * @param {NodeJS.ProcessEnv} env
 * @returns {Promise<HistoryReport>}
 */
const historyBenchmark = async (cli, env) => {
  const onPort = 41340;
  const offPort = 41341;
  const instances = [];
  try {
    // Admin sign-in over plain http on loopback: production refuses it otherwise (https only).
    const adminEnv = { ...env, INITIAL_ADMIN_EMAIL: ADMIN.email, INITIAL_ADMIN_PASSWORD: ADMIN.password, ADMIN_ALLOW_PLAIN_HTTP: 'true' };
    instances.push(await startOn(cli, onPort, { ...adminEnv, HISTORY_ENABLED: 'true' }));
    instances.push(await startOn(cli, offPort, { ...adminEnv, HISTORY_ENABLED: 'false' }));
    /** @type {Record<number, Record<string, string>>} */
    const auth = { [onPort]: await adminAuth(onPort), [offPort]: await adminAuth(offPort) };

    const cities = await fetch(`http://127.0.0.1:${onPort}/content-manager/collection-types/${CITY}?page=1&pageSize=1&locale=en&sort=id:ASC`, { headers: auth[onPort] });
    const city = /** @type {{ results: Array<{ documentId: string, name: string }> }} */ (await cities.json()).results[0];
    if (cities.status !== 200 || !city) throw new Error(`no city to save: ${cities.status}`);
    const before = (await versionCount(onPort, auth[onPort], city.documentId)).total;

    /** @type {Record<number, Array<{ ms: number, ok: boolean }>>} */
    const samples = { [onPort]: [], [offPort]: [] };
    let counter = 0;
    /** @param {number} port */
    const save = (port) => cmSave(port, auth[port], city.documentId, `${city.name}: benchmark save ${++counter} (port ${port}).`);
    for (let i = 0; i < SAVE_WARMUP; i += 1) for (const port of [onPort, offPort]) await save(port);
    for (let i = 0; i < saves; i += 1) {
      for (const port of i % 2 === 0 ? [onPort, offPort] : [offPort, onPort]) samples[port].push(await save(port));
    }
    const on = saveRow('save with history', samples[onPort]);
    const off = saveRow('save without history (HISTORY_ENABLED=false)', samples[offPort]);
    const overhead = on.p50 / off.p50;
    // Every save through the instance with history kept one version; none through the other.
    const kept = (await versionCount(onPort, auth[onPort], city.documentId)).total - before;
    if (kept !== SAVE_WARMUP + saves) throw new Error(`expected ${SAVE_WARMUP + saves} new versions (one per save with history, none without), found ${kept}`);

    console.log(`  saving through the instance with history until ${city.name} has ${HISTORY_VERSIONS} versions…`);
    for (let total = before + kept; total < HISTORY_VERSIONS; total += 1) {
      if (!(await save(onPort)).ok) throw new Error('a save failed while adding versions');
    }
    const { total: versions, pageCount } = await versionCount(onPort, auth[onPort], city.documentId);
    const load = { connections: 1, duration };
    const list = await measure(`history list of ${versions} versions, page 1`, `http://127.0.0.1:${onPort}${historyPath(city.documentId)}`, auth[onPort], 200, load);
    const lastPage = await measure(`history list of ${versions} versions, page ${pageCount}`, `http://127.0.0.1:${onPort}${historyPath(city.documentId, pageCount)}`, auth[onPort], 200, load);

    const met = { overhead: overhead <= HISTORY_TARGETS.saveOverhead, list: Math.max(list.p99, lastPage.p99) < HISTORY_TARGETS.listMs };
    const errors = on.errors + off.errors + list.errors + lastPage.errors;
    console.log(`  save overhead with history: p50 ×${overhead.toFixed(2)} (target ≤ ${HISTORY_TARGETS.saveOverhead}), history list p99 ${Math.max(list.p99, lastPage.p99)} ms (target < ${HISTORY_TARGETS.listMs} ms)`);
    return { saves: { on, off }, overhead, kept, versions, list, lastPage, pageCount, met, errors };
  } finally {
    for (const instance of instances) await instance.stop();
  }
};

const EDITOR_TARGETS = { saveMs: 150, publishMs: 250 };
const EDITOR_ROUNDS = option('edits', 40);
/** What the editor changes, per type: a localized text field. */
const EDITED_TYPES = [
  { uid: 'api::city.city', field: 'summary' },
  { uid: 'api::partnership.partnership', field: 'summary' },
  { uid: 'api::project.project', field: 'summary' },
  { uid: 'api::theme.theme', field: 'description' },
];

/** @typedef {{ rows: Array<{ uid: string, save: SaveRow, publish: SaveRow, met: boolean }>, errors: number }} EditorReport */

/**
 * The editor's save and publish of one seeded English document of each type through the Content
 * Manager (as the admin panel sends them), on an idle instance: a new text, then publish, EDITS
 * times per type after a warm-up, one request at a time. Every rule runs (validation, slugs,
 * locale sync, fingerprints, audit, history, invalidation).
 * @param {typeof import('../src/cli')} cli
 * @param {NodeJS.ProcessEnv} env
 * @returns {Promise<EditorReport>}
 */
const editorBenchmark = async (cli, env) => {
  const port = 41342;
  const instance = await startOn(cli, port, { ...env, INITIAL_ADMIN_EMAIL: ADMIN.email, INITIAL_ADMIN_PASSWORD: ADMIN.password, ADMIN_ALLOW_PLAIN_HTTP: 'true' });
  try {
    const auth = { ...(await adminAuth(port)), 'content-type': 'application/json' };
    const rows = [];
    for (const { uid, field } of EDITED_TYPES) {
      const base = `http://127.0.0.1:${port}/content-manager/collection-types/${uid}`;
      const list = await fetch(`${base}?page=1&pageSize=1&locale=en&sort=id:ASC`, { headers: auth });
      const document = /** @type {{ results: Array<{ documentId: string }> }} */ (await list.json()).results[0];
      if (!document) throw new Error(`no ${uid} to edit: ${list.status}`);
      /** @param {string} method @param {string} url @param {object} body */
      const timed = async (method, url, body) => {
        const started = performance.now();
        const response = await fetch(url, { method, headers: auth, body: JSON.stringify(body) });
        await response.arrayBuffer();
        return { ms: performance.now() - started, ok: response.status === 200 };
      };
      /** @type {{ save: Array<{ ms: number, ok: boolean }>, publish: Array<{ ms: number, ok: boolean }> }} */
      const samples = { save: [], publish: [] };
      for (let round = -5; round < EDITOR_ROUNDS; round += 1) {
        const save = await timed('PUT', `${base}/${document.documentId}?locale=en`, { [field]: `Benchmark edit ${round} of ${uid}.` });
        const publish = await timed('POST', `${base}/${document.documentId}/actions/publish?locale=en`, {});
        if (round < 0) continue;
        samples.save.push(save);
        samples.publish.push(publish);
      }
      const name = uid.split('.').pop();
      const save = saveRow(`save ${name}`, samples.save);
      const publish = saveRow(`publish ${name}`, samples.publish);
      rows.push({ uid, save, publish, met: save.p50 <= EDITOR_TARGETS.saveMs && publish.p50 <= EDITOR_TARGETS.publishMs });
    }
    return { rows, errors: rows.reduce((sum, row) => sum + row.save.errors + row.publish.errors, 0) };
  } finally {
    await instance.stop();
  }
};

/** @param {EditorReport} editor */
const editorSection = ({ rows, errors }) => [
  `The editor's save and publish: Content Manager \`PUT …/:documentId?locale=en\` with a new English text, then \`POST …/:documentId/actions/publish?locale=en\`, of the first seeded document of each type, ${EDITOR_ROUNDS} times each after 5 warm-up rounds, one request at a time on an idle instance (fetch). Latencies in ms as the client saw them; targets p50 ≤ ${EDITOR_TARGETS.saveMs} ms per save and ≤ ${EDITOR_TARGETS.publishMs} ms per publish.`,
  '',
  '| type | save p50 | save p99 | publish p50 | publish p99 | target |',
  '| --- | ---: | ---: | ---: | ---: | --- |',
  ...rows.map((row) => `| ${row.uid} | ${row.save.p50} | ${row.save.p99} | ${row.publish.p50} | ${row.publish.p99} | ${row.met ? 'met' : 'missed'} |`),
  '',
  `Errors: ${errors}.`,
  '',
];

const main = async () => {
  if (scalesOption) return scaleBenchmark(scalesOption);
  if (process.argv.includes('--editor-only')) return editorOnly();
  console.log(`Benchmark: ${os.cpus().length} cores, Node ${process.version}, scale ${scale}, ${connections} connections, ${duration} s per run`);
  const { cli } = await loadCli();
  await admin(`CREATE DATABASE "${database}"`);
  const instances = [];
  /** @type {http.Server | undefined} */
  let bare;
  try {
    const cachedPort = 41337;
    const uncachedPort = 41338;
    const barePort = 41339;
    const seedStarted = Date.now();
    await prepare(database, scale);
    const env = { DATABASE_URL: withDatabase(database), SEED_ON_EMPTY: 'false' };
    instances.push(await startOn(cli, cachedPort, { ...env, HTTP_CACHE_ENABLED: 'true' }));
    console.log(`  seeded and started in ${((Date.now() - seedStarted) / 1000).toFixed(1)} s`);
    instances.push(await startOn(cli, uncachedPort, { ...env, HTTP_CACHE_ENABLED: 'false' }));

    const sample = await fetch(`http://127.0.0.1:${cachedPort}${QUERY}`);
    const body = Buffer.from(await sample.arrayBuffer());
    const etag = sample.headers.get('etag');
    const contentType = sample.headers.get('content-type') ?? 'application/json';
    if (sample.status !== 200 || !etag) throw new Error(`unexpected sample response ${sample.status}`);
    bare = http.createServer((request, response) => {
      response.writeHead(200, { 'content-type': contentType, etag, 'content-length': body.length });
      response.end(body);
    });
    const server = bare;
    await new Promise((resolve) => server.listen(barePort, '127.0.0.1', () => resolve(undefined)));

    const rows = {
      a: await measure('a) cached', `http://127.0.0.1:${cachedPort}${QUERY}`),
      b: await measure('b) cache off', `http://127.0.0.1:${uncachedPort}${QUERY}`),
      c: await measure('c) 304 revalidation', `http://127.0.0.1:${cachedPort}${QUERY}`, { 'if-none-match': etag }, 304),
      d: await measure('d) bare Node http, same bytes', `http://127.0.0.1:${barePort}${QUERY}`),
      e: await measure('e) cached, `Accept-Encoding: br`', `http://127.0.0.1:${cachedPort}${QUERY}`, { 'accept-encoding': 'br' }),
      f: await measure('f) cached, `Accept-Encoding: gzip, deflate, br` (a browser)', `http://127.0.0.1:${cachedPort}${QUERY}`, { 'accept-encoding': 'gzip, deflate, br' }),
    };
    const ratios = { ad: rows.a.rps / rows.d.rps, ab: rows.a.rps / rows.b.rps, cd: rows.c.rps / rows.d.rps, ea: rows.e.rps / rows.a.rps };
    const met = { ad: ratios.ad >= TARGETS.cachedVsCeiling, ab: ratios.ab >= TARGETS.cachedVsUncached, ea: ratios.ea >= TARGETS.compressedVsPlain };
    const errors = Object.values(rows).reduce((sum, row) => sum + row.errors, 0);
    console.log(`  a/d ${ratios.ad.toFixed(2)} (target ≥ ${TARGETS.cachedVsCeiling}), a/b ${ratios.ab.toFixed(1)} (target ≥ ${TARGETS.cachedVsUncached}), c/d ${ratios.cd.toFixed(2)}, e/a ${ratios.ea.toFixed(2)} (target ≥ ${TARGETS.compressedVsPlain}), errors ${errors}`);

    // The cache instances are done: stop them, so the history instances have the machine.
    server.close();
    bare = undefined;
    while (instances.length) await instances.pop()?.stop();
    const history = await historyBenchmark(cli, env);
    const editor = await editorBenchmark(cli, env);
    writeReport({ rows, ratios, met, errors, bodyBytes: body.length, history, editor });
    if (errors + history.errors + editor.errors > 0) process.exitCode = 1;
  } finally {
    if (bare) bare.close();
    for (const instance of instances) await instance.stop();
    await admin(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
  }
};

/** `npm run bench -- --editor-only`: the editor's save and publish rows alone, printed, not written. */
const editorOnly = async () => {
  const { cli } = await loadCli();
  await admin(`CREATE DATABASE "${database}"`);
  try {
    await prepare(database, scale);
    const editor = await editorBenchmark(cli, { DATABASE_URL: withDatabase(database), SEED_ON_EMPTY: 'false' });
    console.log(editorSection(editor).join('\n'));
  } finally {
    await admin(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
  }
};

/**
 * A table row of an autocannon run: requests/s, p50, p99, errors.
 * @param {Row} row
 */
const requestsLine = (row) => `| ${row.label} | ${row.rps.toFixed(0)} | ${row.p50} | ${row.p99} | ${row.errors} |`;

/**
 * @param {{ rows: Record<'a' | 'b' | 'c' | 'd' | 'e' | 'f', Row>, ratios: Record<'ad' | 'ab' | 'cd' | 'ea', number>, met: Record<'ad' | 'ab' | 'ea', boolean>, errors: number, bodyBytes: number, history: HistoryReport, editor: EditorReport }} report
 */
const writeReport = ({ rows, ratios, met, errors, bodyBytes, history, editor }) => {
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  const section = [
    `## ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC: scale ${scale}`,
    '',
    `Machine: ${os.cpus().length} cores (${cpu}), ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, PostgreSQL at ${serverUrl.host}.`,
    `Request: \`GET ${QUERY}\` (${bodyBytes} bytes of JSON); ${connections} connections, ${duration} s per run after a warm-up, autocannon in the same machine.`,
    '',
    '| run | requests/s | p50 ms | p99 ms | errors |',
    '| --- | ---: | ---: | ---: | ---: |',
    ...[rows.a, rows.b, rows.c, rows.d, rows.e, rows.f].map(requestsLine),
    '',
    `Ratios: a/d = ${ratios.ad.toFixed(2)} (target ≥ ${TARGETS.cachedVsCeiling}: ${met.ad ? 'met' : 'missed'}), a/b = ${ratios.ab.toFixed(1)} (target ≥ ${TARGETS.cachedVsUncached}: ${met.ab ? 'met' : 'missed'}), c/d = ${ratios.cd.toFixed(2)}, e/a = ${ratios.ea.toFixed(2)} (target ≥ ${TARGETS.compressedVsPlain}: ${met.ea ? 'met' : 'missed'}). Errors: ${errors}.`,
    '',
    ...historySection(history),
    ...editorSection(editor),
  ].join('\n');
  prependReport(section);
};

/** @param {HistoryReport} history */
const historySection = ({ saves: { on, off }, overhead, kept, versions, list, lastPage, pageCount, met, errors }) => {
  /** @param {SaveRow} row */
  const saveLine = (row) => `| ${row.label} | ${row.total} | ${row.p50} | ${row.p99} | ${row.mean} | ${row.errors} |`;
  const listP99 = Math.max(list.p99, lastPage.p99);
  return [
    `Version history: Content Manager saves of one seeded city (\`PUT /content-manager/collection-types/${CITY}/:documentId?locale=en\`, a new \`summary\` each time) on two instances on this database, with history and with \`HISTORY_ENABLED=false\`; one client (fetch), one save at a time, the two instances interleaved (alternating which goes first), after ${SAVE_WARMUP} warm-up saves on each. Latencies in ms as the client saw them.`,
    '',
    '| run | saves | p50 ms | p99 ms | mean ms | errors |',
    '| --- | ---: | ---: | ---: | ---: | ---: |',
    saveLine(on),
    saveLine(off),
    '',
    `Save with history / without: p50 ×${overhead.toFixed(2)} (${overhead >= 1 ? '+' : ''}${((overhead - 1) * 100).toFixed(0)}%; target ≤ ${HISTORY_TARGETS.saveOverhead}: ${met.overhead ? 'met' : 'missed'}); mean ×${(on.mean / off.mean).toFixed(2)}. The saves with history kept ${kept} versions (${SAVE_WARMUP} warm-up and ${on.total} measured), those without none.`,
    '',
    `History list of that city with ${versions} versions (English; saved through the instance with history): \`GET /history?uid=${CITY}&documentId=…&locale=en\` (page 1, the newest 50) and \`&page=${pageCount}\` (the oldest), admin JWT, 1 connection, ${duration} s each after a warm-up (autocannon).`,
    '',
    '| run | requests/s | p50 ms | p99 ms | errors |',
    '| --- | ---: | ---: | ---: | ---: |',
    requestsLine(list),
    requestsLine(lastPage),
    '',
    `History list p99 ${listP99} ms (target < ${HISTORY_TARGETS.listMs} ms: ${met.list ? 'met' : 'missed'}). Errors: ${errors}.`,
    '',
  ];
};

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
