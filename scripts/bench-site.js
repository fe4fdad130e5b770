#!/usr/bin/env node
// @ts-check
'use strict';
/**
 * `npm run bench:site [-- --requests N --duration S --connections C]`
 *
 * The reference site (site/) rendering from the production build's public API with its response
 * cache warm: for each page type in English and French, N requests one after another (render
 * time as a visitor meets it: the site's API calls, answered from the CMS cache, plus templating),
 * then autocannon on the partnership page at C connections. Writes a section to docs/benchmarks.md.
 */
const os = require('os');
const path = require('path');
const autocannon = require('autocannon');
const { loadCli, withApp } = require('./lib/app');
const { numberOption: option, ROOT, SECRETS, withDatabase, adminQuery: admin, startInstance: startOn, prependReport } = require('./lib/instances');

const requests = option('requests', 200);
const duration = option('duration', 10);
const connections = option('connections', 10);
const database = `pcms_bench_site_${Date.now()}`;
const CMS_PORT = 41437;
const SITE_PORT = 41438;
const TARGET_P50_MS = 50;

/** @param {number[]} sorted @param {number} q */
const percentile = (sorted, q) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];

/** Sequential GETs of one page: p50 and p99 in ms. @param {string} url */
const timePage = async (url) => {
  const samples = [];
  for (let i = 0; i < requests; i += 1) {
    const started = process.hrtime.bigint();
    const response = await fetch(url);
    await response.arrayBuffer();
    if (response.status !== 200) throw new Error(`${url}: ${response.status}`);
    samples.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  samples.sort((a, b) => a - b);
  return { p50: percentile(samples, 0.5), p99: percentile(samples, 0.99) };
};

const main = async () => {
  console.log(`Site benchmark: ${os.cpus().length} cores, Node ${process.version}, ${requests} sequential requests per page`);
  const { cli } = await loadCli();
  await admin(`CREATE DATABASE "${database}"`);
  /** @type {Array<{ stop: () => Promise<unknown> }>} */
  const stops = [];
  try {
    Object.assign(process.env, SECRETS, { DATABASE_CLIENT: 'postgres', DATABASE_URL: withDatabase(database) });
    await withApp(async (strapi, appCli) => appCli.seedContent(strapi));
    const cms = await startOn(cli, CMS_PORT, { DATABASE_URL: withDatabase(database), SEED_ON_EMPTY: 'false', HTTP_CACHE_ENABLED: 'true' });
    stops.push(cms);
    const cmsUrl = `http://127.0.0.1:${CMS_PORT}`;
    // Built by `npm run site:build` (the npm script runs it first); a path, so the type check does not follow it.
    const { createSite } = require(path.join(ROOT, 'site', 'dist', 'server.js'));
    const server = await createSite({ cmsUrl, siteUrl: `http://127.0.0.1:${SITE_PORT}` }).listen(SITE_PORT, '127.0.0.1');
    stops.push({ stop: () => new Promise((resolve) => server.close(resolve)) });
    const siteUrl = `http://127.0.0.1:${SITE_PORT}`;
    /** @type {any} */
    const projects = await (await fetch(`${cmsUrl}/api/projects?locale=en&sort=slug&pagination[pageSize]=1&fields[0]=slug`)).json();
    const project = projects.data[0].slug;
    const pages = [
      ['International relations page', ''],
      ['partnership', 'partnerships/leeds-lille'],
      ['project', `projects/${project}`],
      ['theme', 'themes/peace'],
      ['city', 'cities/brno'],
    ];
    const rows = [];
    for (const [label, path] of pages) {
      for (const locale of ['en', 'fr']) {
        const url = `${siteUrl}/${locale}/${path}`;
        await fetch(url).then((response) => response.arrayBuffer()); // warms the API cache for this page
        rows.push({ label: `${label} (${locale})`, ...(await timePage(url)) });
        console.log(`  ${rows[rows.length - 1].label}: p50 ${rows[rows.length - 1].p50.toFixed(1)} ms`);
      }
    }
    const load = await autocannon({ url: `${siteUrl}/fr/partnerships/leeds-lille`, connections, duration });
    const throughput = { rps: load.requests.average, p50: load.latency.p50, p99: load.latency.p99, errors: load.errors + load.non2xx };
    const p50s = rows.map((row) => row.p50).sort((a, b) => a - b);
    const median = percentile(p50s, 0.5);
    prependReport(
      [
        `## ${new Date().toISOString().slice(0, 10)}: reference site page render (\`npm run bench:site\`)`,
        '',
        `${os.cpus().length} cores, Node ${process.version}. The site (site/) renders from the production build's public API with its response cache warm (each page fetched once first), over HTTP on 127.0.0.1. ${requests} requests per page, one after another.`,
        '',
        '| page | p50 (ms) | p99 (ms) |',
        '| --- | ---: | ---: |',
        ...rows.map((row) => `| ${row.label} | ${row.p50.toFixed(1)} | ${row.p99.toFixed(1)} |`),
        '',
        `Median of the pages' p50: **${median.toFixed(1)} ms** (target ≤ ${TARGET_P50_MS} ms: ${median <= TARGET_P50_MS ? 'met' : 'missed'}).`,
        `Under load (autocannon, ${connections} connections, ${duration} s, the French partnership page): ${throughput.rps.toFixed(0)} pages/s, p50 ${throughput.p50} ms, p99 ${throughput.p99} ms, errors ${throughput.errors}.`,
        '',
      ].join('\n'),
    );
    if (throughput.errors > 0) process.exitCode = 1;
  } finally {
    while (stops.length) await stops.pop()?.stop();
    await admin(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
  }
};

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
