#!/usr/bin/env node
// @ts-check
'use strict';
/**
 * `npm run bench [-- --scale N --duration S --connections C]`
 *
 * Boots the production build on a throwaway PostgreSQL database with the seed content (plus N
 * synthetic projects) and measures, in one run and with the same client (autocannon):
 *   a) the partnerships query served from the response cache,
 *   b) the same query with the cache off (a second instance, HTTP_CACHE_ENABLED=false),
 *   c) a 304 revalidation (If-None-Match),
 *   d) a bare Node http server sending the identical bytes: the practical ceiling.
 * Prints requests/s, p50, p99 and errors, the ratios a/d, a/b and c/d, and writes the table
 * to docs/benchmarks.md.
 */
const crypto = require('crypto');
const http = require('http');
const os = require('os');
const autocannon = require('autocannon');
const { loadCli, withApp } = require('./lib/app');
const { numberOption: option, SECRETS, serverUrl, withDatabase, adminQuery: admin, startInstance: startOn, prependReport } = require('./lib/instances');

const QUERY = '/api/partnerships?locale=fr&populate[city]=true&populate[themes]=true&populate[projects]=true';
const TARGETS = { cachedVsCeiling: 0.3, cachedVsUncached: 20 };

const scale = option('scale', 0);
const duration = option('duration', 10);
const connections = option('connections', 10);

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

const scalesOption = process.argv.includes('--scales') ? process.argv[process.argv.indexOf('--scales') + 1].split(',').map(Number) : undefined;
const PAGE = '/api/projects?locale=fr&pagination[pageSize]=25&populate[partnerships]=true&populate[themes]=true';
const SEARCH = '/api/search?q=jumelages&locale=fr';
const BROAD_SEARCH = '/api/search?q=project&locale=fr';
const ADMIN = { email: 'bench@leeds.example', password: `Bench-${crypto.randomBytes(6).toString('hex')}-A1` };

/**
 * `--scales 100,1000,10000`: for each N, a fresh database with the seed and N synthetic projects
 * in five locales; p50/p99 of a 25-item page of projects with partnerships and themes (uncached
 * and cached), of GET /translations/status and of the XLIFF export of one locale.
 */
/** @typedef {{ n: number, generated: number, cold: Row, cachedPage: Row, status: Row, xliff: Row, search: Row, broadSearch: Row }} ScaleRow */

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
      rows.push({
        n,
        generated,
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
    '| N | generate (s) | page uncached | page cached | /translations/status | XLIFF export (fr) | search | broad search |',
    '| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...rows.map((row) => `| ${row.n} | ${row.generated.toFixed(1)} | ${cell(row.cold)} | ${cell(row.cachedPage)} | ${cell(row.status)} | ${cell(row.xliff)} | ${cell(row.search)} | ${cell(row.broadSearch)} |`),
    '',
    `From N=${first.n} to N=${last.n} (×${last.n / first.n}): uncached page p50 ×${ratio('cold')} (target ≤ 2), status p50 ×${ratio('status')}, XLIFF p50 ×${ratio('xliff')} (target: linear or better); search p50 ${last.search.p50} ms at N=${last.n} (target ≤ 20 ms).`,
    '',
  ].join('\n');
  prependReport(section);
};

const main = async () => {
  if (scalesOption) return scaleBenchmark(scalesOption);
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
    };
    const ratios = { ad: rows.a.rps / rows.d.rps, ab: rows.a.rps / rows.b.rps, cd: rows.c.rps / rows.d.rps };
    const met = { ad: ratios.ad >= TARGETS.cachedVsCeiling, ab: ratios.ab >= TARGETS.cachedVsUncached };
    const errors = Object.values(rows).reduce((sum, row) => sum + row.errors, 0);
    console.log(`  a/d ${ratios.ad.toFixed(2)} (target ≥ ${TARGETS.cachedVsCeiling}), a/b ${ratios.ab.toFixed(1)} (target ≥ ${TARGETS.cachedVsUncached}), c/d ${ratios.cd.toFixed(2)}, errors ${errors}`);
    writeReport({ rows, ratios, met, errors, bodyBytes: body.length });
    if (errors > 0) process.exitCode = 1;
  } finally {
    if (bare) bare.close();
    for (const instance of instances) await instance.stop();
    await admin(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
  }
};

/**
 * @param {{ rows: Record<'a' | 'b' | 'c' | 'd', Row>, ratios: Record<'ad' | 'ab' | 'cd', number>, met: Record<'ad' | 'ab', boolean>, errors: number, bodyBytes: number }} report
 */
const writeReport = ({ rows, ratios, met, errors, bodyBytes }) => {
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  /** @param {Row} row */
  const line = (row) => `| ${row.label} | ${row.rps.toFixed(0)} | ${row.p50} | ${row.p99} | ${row.errors} |`;
  const section = [
    `## ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC: scale ${scale}`,
    '',
    `Machine: ${os.cpus().length} cores (${cpu}), ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, PostgreSQL at ${serverUrl.host}.`,
    `Request: \`GET ${QUERY}\` (${bodyBytes} bytes of JSON); ${connections} connections, ${duration} s per run after a warm-up, autocannon in the same machine.`,
    '',
    '| run | requests/s | p50 ms | p99 ms | errors |',
    '| --- | ---: | ---: | ---: | ---: |',
    ...[rows.a, rows.b, rows.c, rows.d].map(line),
    '',
    `Ratios: a/d = ${ratios.ad.toFixed(2)} (target ≥ ${TARGETS.cachedVsCeiling}: ${met.ad ? 'met' : 'missed'}), a/b = ${ratios.ab.toFixed(1)} (target ≥ ${TARGETS.cachedVsUncached}: ${met.ab ? 'met' : 'missed'}), c/d = ${ratios.cd.toFixed(2)}. Errors: ${errors}.`,
    '',
  ].join('\n');
  prependReport(section);
};

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
