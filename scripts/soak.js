#!/usr/bin/env node
// @ts-check
'use strict';
/**
 * `npm run soak [-- --duration 60 --connections 50 --warmup-requests 1500 --warmup-seconds 30]`
 *
 * Sustained load on the production build (NODE_ENV=production, one instance on a throwaway
 * PostgreSQL database with the seed content): a warm-up, then DURATION seconds at CONNECTIONS
 * connections on a weighted mix of public reads, cached and uncached. Passes when no request
 * fails (anything but a 2xx or a 304 is a failure) and the server's RSS after the run is within
 * 15% of its RSS after the warm-up. Appends a dated section to docs/benchmarks.md and exits
 * non-zero when a criterion fails.
 */
const os = require('os');
const fs = require('fs');
const autocannon = require('autocannon');
const { loadCli } = require('./lib/app');
const { numberOption: option, serverUrl, withDatabase, adminQuery, startInstance, prependReport } = require('./lib/instances');
const { mixFor } = require('./lib/read-mix');

const duration = option('duration', 60);
const connections = option('connections', 50);
// The warm-up is counted in requests, not seconds, so that on a slow or busy machine it still
// sends more uncached requests than the response cache holds (about a quarter of the mix are
// uncached: ~370 of 1500 against 200 entries). The cache is then full, and evicting, before RSS
// is first sampled, and the comparison shows leaks rather than the cache filling up.
// Then WARM_UP_SECONDS more: RSS moves while the process first meets the full load (V8 and
// malloc reserve memory for peak concurrency, then hand part of it back); with 30 s, quiet runs
// read RSS 16-30% lower after the run than after the warm-up, with 90 s it had settled.
const warmUpRequests = option('warmup-requests', 1500);
const WARM_UP_SECONDS = option('warmup-seconds', 90);
const CACHE_ENTRIES = 200;
// A request still unanswered after this many seconds counts as an error (autocannon's default is 10).
const TIMEOUT_SECONDS = 30;
const PORT = 41347;

/**
 * Resident set size of a process, in bytes, from /proc/<pid>/status (VmRSS is in kB).
 * @param {number | undefined} pid
 */
const rssOf = (pid) => {
  const match = /^VmRSS:\s+(\d+) kB$/m.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
  if (!match) throw new Error(`no VmRSS for process ${pid}`);
  return Number(match[1]) * 1024;
};

// After a full collection V8 gives back the heap it reserved for peak load only over the next
// moments, so a reading straight after the load still holds part of that reserve (a first run
// read 393 MiB after warm-up and 330 MiB after the run, heap in use 94 MiB both times). Both
// readings therefore follow the same settling: collect, idle SETTLE_MS, collect again.
const SETTLE_MS = 5000;

/**
 * RSS after the server has settled: memory it still holds, not garbage or a reserve for peak load.
 * @param {import('../src/cli').Instance} instance
 */
const retainedRss = async (instance) => {
  const collect = async () => {
    const { collected, memory } = await instance.collectGarbage();
    if (!collected) throw new Error('the server was not started with --expose-gc');
    return memory;
  };
  await collect();
  await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
  const { heapUsed, heapTotal, external } = await collect();
  return { rss: rssOf(instance.child.pid), heapUsed, heapTotal, external };
};

/**
 * @param {string} url
 * @param {import('./lib/read-mix').MixEntry[]} mix
 * @param {typeof import('../src/cli').pickWeighted} pickWeighted
 * @param {{ amount?: number, duration?: number }} amount
 */
const load = (url, mix, pickWeighted, amount) =>
  autocannon({
    url,
    connections,
    timeout: TIMEOUT_SECONDS,
    ...amount,
    requests: [
      {
        method: 'GET',
        setupRequest: (request) => {
          const entry = pickWeighted(mix, Math.random());
          return { ...request, path: entry.path(), headers: { ...request.headers, ...(entry.headers ?? {}) } };
        },
      },
    ],
  });

/**
 * Waits until the server answers promptly again: requests still queued when the load stopped are served before it is stopped.
 * @param {string} base
 */
const settle = async (base) => {
  const until = Date.now() + 30_000;
  while (Date.now() < until) {
    const started = Date.now();
    await fetch(`${base}/_ready`).catch(() => undefined);
    if (Date.now() - started < 200) return;
  }
};

const main = async () => {
  console.log(`Soak: ${os.cpus().length} cores, Node ${process.version}, ${connections} connections, warm-up of ${warmUpRequests} requests and ${WARM_UP_SECONDS} s, then ${duration} s`);
  const { cli } = await loadCli();
  const { countErrors, evaluateSoak, formatSoakSection, pickWeighted } = cli;
  const database = `pcms_soak_${Date.now()}`;
  await adminQuery(`CREATE DATABASE "${database}"`);
  let server;
  try {
    server = await startInstance(cli, PORT, {
      DATABASE_URL: withDatabase(database),
      SEED_ON_EMPTY: 'true',
      HTTP_CACHE_ENABLED: 'true',
      HTTP_CACHE_MAX_ENTRIES: String(CACHE_ENTRIES),
      // One client sends every request from 127.0.0.1: with the production default (on), the
      // per-client limit would answer 429 to the uncached part of the mix within seconds, and the
      // soak would measure the limiter instead of the server under sustained load.
      RATE_LIMIT_ENABLED: 'false',
    }, { execArgv: ['--expose-gc'], ipc: true });
    const base = `http://127.0.0.1:${PORT}`;
    const cities = /** @type {{ data?: Array<{ documentId: string }> }} */ (await (await fetch(`${base}/api/cities?locale=de`)).json());
    const first = await fetch(`${base}/api/cities?locale=fr`);
    const etag = first.headers.get('etag');
    if (!cities.data?.length || !etag) throw new Error('the seeded instance did not answer as expected');
    const mix = mixFor({ cityId: cities.data[0].documentId, etag });

    const warmByCount = await load(base, mix, pickWeighted, { amount: warmUpRequests });
    const warmByTime = await load(base, mix, pickWeighted, { duration: WARM_UP_SECONDS });
    const warm = { ...warmByTime, errors: warmByCount.errors + warmByTime.errors, requests: { total: warmByCount.requests.total + warmByTime.requests.total } };
    const warmMemory = await retainedRss(server);
    const rssAfterWarmUp = warmMemory.rss;
    console.log(`  warm-up: ${warm.requests.total} requests, ${countErrors(warm)} errors, RSS ${(rssAfterWarmUp / 2 ** 20).toFixed(0)} MiB, heap used ${(warmMemory.heapUsed / 2 ** 20).toFixed(0)} MiB`);

    const result = await load(base, mix, pickWeighted, { duration });
    const runMemory = await retainedRss(server);
    const rssAfterRun = runMemory.rss;
    /** @param {number} bytes */
    const mib = (bytes) => `${(bytes / 2 ** 20).toFixed(0)} MiB`;
    console.log(`  after a full GC: heap used ${mib(warmMemory.heapUsed)} → ${mib(runMemory.heapUsed)}, heap total ${mib(warmMemory.heapTotal)} → ${mib(runMemory.heapTotal)}, external ${mib(warmMemory.external)} → ${mib(runMemory.external)}`);
    const measurement = {
      durationSeconds: duration,
      connections,
      totalRequests: result.requests.total,
      errors: countErrors(result),
      p50: result.latency.p50,
      p99: result.latency.p99,
      rssAfterWarmUp,
      rssAfterRun,
      statusCounts: Object.fromEntries(Object.entries(result.statusCodeStats ?? {}).map(([code, stats]) => [code, stats.count ?? 0])),
    };
    const { checks, passed } = evaluateSoak(measurement);
    for (const check of checks) console.log(`  ${check.passed ? 'ok' : 'FAILED'} ${check.name}: ${check.detail}`);
    console.log(`  ${measurement.totalRequests} requests, p50 ${measurement.p50} ms, p99 ${measurement.p99} ms`);
    const total = mix.reduce((sum, entry) => sum + entry.weight, 0);
    prependReport(
      formatSoakSection(measurement, {
        date: new Date(),
        machine: `${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'unknown CPU'}), ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, PostgreSQL at ${serverUrl.host}; load average at the end ${os.loadavg().map((value) => value.toFixed(1)).join(' / ')}; warm-up of ${warmUpRequests} requests and ${WARM_UP_SECONDS} s more; response cache limited to ${CACHE_ENTRIES} entries; RSS read from /proc/<pid>/status after a full garbage collection, 5 s idle and another (heap used ${(warmMemory.heapUsed / 2 ** 20).toFixed(0)} → ${(runMemory.heapUsed / 2 ** 20).toFixed(0)} MiB, heap total ${(warmMemory.heapTotal / 2 ** 20).toFixed(0)} → ${(runMemory.heapTotal / 2 ** 20).toFixed(0)} MiB); ${TIMEOUT_SECONDS} s timeout; rate limit off`,
        mix: mix.map((entry) => `${Math.round((entry.weight / total) * 100)}% ${entry.label}`),
      }),
    );
    if (!passed) process.exitCode = 1;
    await settle(base);
  } finally {
    await server?.stop();
    await adminQuery(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
  }
};

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
