#!/usr/bin/env node
// @ts-check
'use strict';
/**
 * `npm run storm [-- --duration 60 --connections 50 --interval 1000 --modes before,after,varnish,layout]`
 *
 * A publish storm on the production build: DURATION seconds at CONNECTIONS connections on the
 * soak's public read mix while an editor saves and publishes one random document (city,
 * partnership, project or theme) every INTERVAL ms through the Content Manager, as the admin panel
 * does. Run side by side, each on a fresh seeded database:
 *   - before: HTTP_CACHE_INVALIDATION=clear-all, HTTP_CACHE_SINGLE_FLIGHT=false (every change
 *     empties the cache, every concurrent miss is computed);
 *   - after: cache tags and single flight (the defaults);
 *   - after, through Varnish (when varnishd is installed): the readers go through
 *     deploy/varnish.vcl, which the app purges by tag; the editor reaches the app directly;
 *   - docker-compose's layout: the same, with the editor on a second instance of its own (caches
 *     kept in step by NOTIFY, both purging Varnish) that has the CPU first when both want it: the
 *     public instance, Varnish and the load generator run at a lower priority, as compose's
 *     cpu_shares give the public side a quarter of the editor instance's weight.
 * Measured: the hit ratio of the repeated reads (X-Cache, or X-Edge-Cache through Varnish), p50 and
 * p99 of the repeated and of the uncached reads, stale answers (after a publish's response, the
 * document and a list holding it are read through the same entrance; an answer with the old text
 * is stale), the editor's save and publish times under that load and, for reference, idle on the
 * same instances just before (the editor runs in a process of its own, scripts/lib/storm-editor.js),
 * and through Varnish the share of reads that reached the app.
 * Appends the table to docs/benchmarks.md; exits non-zero when "after" misses a target.
 */
const os = require('os');
const path = require('path');
const crypto = require('crypto');
const { fork } = require('child_process');
const autocannon = require('autocannon');
const { loadCli } = require('./lib/app');
const { numberOption: option, stringOption, serverUrl, withDatabase, adminQuery, startInstance, prependReport } = require('./lib/instances');
const { mixFor } = require('./lib/read-mix');
const { freePort, startVarnish, varnishInstalled } = require('./lib/varnish');
const { setTreePriority } = require('./lib/process-priority');

const duration = option('duration', 60);
const connections = option('connections', 50);
const interval = option('interval', 1000);
const WARM_UP_REQUESTS = 2000;
const PORT = 41357;
const TARGETS = { hitRatio: 0.9, p99: 100, originShare: 0.05, editorSlowdown: 2 };
/** The editor's idle reference: its saves and publishes on the same instances before the readers start. */
const IDLE_SECONDS = 15;
/**
 * In docker-compose's layout the public side (app replicas, edge) has a quarter of the editor
 * instance's CPU weight (cpu_shares 256 against 1024): here the public instance, Varnish and this
 * process's load generator run at nice 6, which the scheduler weighs the same way.
 */
const PUBLIC_NICENESS = 6;
const ADMIN = { email: 'storm@leeds.example', password: `Storm-${crypto.randomBytes(6).toString('hex')}-A1` };

/** What the editor changes, per type: a localized text field the public API returns. */
const TYPES = [
  { uid: 'api::city.city', plural: 'cities', field: 'summary' },
  { uid: 'api::partnership.partnership', plural: 'partnerships', field: 'summary' },
  { uid: 'api::project.project', plural: 'projects', field: 'summary' },
  { uid: 'api::theme.theme', plural: 'themes', field: 'description' },
];

/** @param {number[]} values @param {number} q */
const percentile = (values, q) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] : NaN;
};
/** @param {number} ms */
const round = (ms) => Math.round(ms);

/**
 * @typedef {{ name: string, label: string, env: NodeJS.ProcessEnv, throughVarnish?: boolean, editorInstance?: boolean }} Mode
 * @typedef {import('./lib/storm-editor').EditorStats} EditorStats
 * @typedef {{ reads: number, rps: number, p50: number, p99: number, errors: number, statuses: Record<string, number> }} ReadStats
 * @typedef {{ mode: Mode, repeated: ReadStats, uncached: ReadStats, hits: number, publishes: number, refused: number, refusals: string[], stale: number, checks: number, save: number[], publish: number[], idle: EditorStats, originShare?: number, repeatedOriginShare?: number, appWarnings: string[] }} StormResult
 */

/**
 * The editor (scripts/lib/storm-editor.js) in a process of its own, forked now: its save and
 * publish times are the app's, not delayed by this process's event loop running the readers.
 * @param {import('./lib/storm-editor').EditorOptions} options
 * @returns {Promise<import('./lib/storm-editor').EditorStats>}
 */
const runEditor = (options) =>
  new Promise((resolve, reject) => {
    const child = fork(path.join(__dirname, 'lib', 'storm-editor.js'), [], { stdio: 'inherit' });
    let answered = false;
    child.once('message', (/** @type {{ stats: import('./lib/storm-editor').EditorStats }} */ message) => {
      answered = true;
      resolve(message.stats);
    });
    child.once('exit', (code) => answered || reject(new Error(`the editor process exited (${code}) without its stats`)));
    child.send(options);
  });

/**
 * The readers: the soak's mix in two groups of connections, split by the mix's weights, so each
 * has its own latencies: the repeated reads (the cache's work; hits counted from `cacheHeader`)
 * and the uncached ones (a query string never seen before, built to miss).
 * @param {string} url
 * @param {ReturnType<typeof mixFor>} mix
 * @param {(entries: ReturnType<typeof mixFor>, random: number) => ReturnType<typeof mixFor>[number]} pickWeighted
 * @param {string} cacheHeader
 * @param {{ amount?: number, duration?: number }} amount
 */
const readers = async (url, mix, pickWeighted, cacheHeader, amount) => {
  const repeatedMix = mix.filter((entry) => !entry.label.startsWith('uncached'));
  const uncachedMix = mix.filter((entry) => entry.label.startsWith('uncached'));
  const weight = (/** @type {typeof mix} */ entries) => entries.reduce((sum, entry) => sum + entry.weight, 0);
  const uncachedConnections = Math.max(1, Math.round((connections * weight(uncachedMix)) / weight(mix)));
  const hits = { count: 0 };
  /** @param {typeof mix} entries @param {number} share @param {boolean} count */
  const run = (entries, share, count) =>
    autocannon({
      url,
      connections: share,
      timeout: 30,
      ...(amount.amount ? { amount: Math.round((amount.amount * share) / connections) } : { duration: amount.duration }),
      requests: [
        {
          method: 'GET',
          setupRequest: (request) => {
            const entry = pickWeighted(entries, Math.random());
            return { ...request, path: entry.path(), headers: { ...request.headers, ...(entry.headers ?? {}) } };
          },
          // One request at a time per connection: the response of the request built last.
          onResponse: (_status, _body, _context, headers) => {
            if (!count || !headers) return;
            const value = Object.entries(headers).find(([name]) => name.toLowerCase() === cacheHeader)?.[1];
            if (value === 'HIT') hits.count += 1;
          },
        },
      ],
    });
  const [repeated, uncached] = await Promise.all([run(repeatedMix, connections - uncachedConnections, true), run(uncachedMix, uncachedConnections, false)]);
  return { repeated, uncached, hits: hits.count };
};

/**
 * One mode on its own fresh, seeded database.
 * @param {import('./lib/app').Cli} cli
 * @param {Mode} mode
 * @returns {Promise<StormResult>}
 */
const runMode = async (cli, mode) => {
  const database = `pcms_storm_${mode.name.replace(/\W/g, '_')}_${Date.now()}`;
  await adminQuery(`CREATE DATABASE "${database}"`);
  let server;
  let editorServer;
  let varnish;
  try {
    const env = {
      DATABASE_URL: withDatabase(database),
      SEED_ON_EMPTY: 'true',
      SERVE_ADMIN_PANEL: 'false',
      INITIAL_ADMIN_EMAIL: ADMIN.email,
      INITIAL_ADMIN_PASSWORD: ADMIN.password,
      ADMIN_ALLOW_PLAIN_HTTP: 'true',
      ...mode.env,
    };
    server = await startInstance(cli, PORT, env);
    // docker-compose's layout: the editor on an instance of its own (same database, caches kept in
    // step by NOTIFY, both purging the edge), the readers on the other through the edge.
    // A port of its own, free now: a fixed one can still be held by the previous run's Varnish child.
    if (mode.editorInstance) editorServer = await startInstance(cli, await freePort(), { ...env, SEED_ON_EMPTY: 'false' });
    const app = `http://127.0.0.1:${editorServer ? editorServer.port : PORT}`;
    let entrance = app;
    if (mode.throughVarnish) {
      varnish = await startVarnish({ port: Number(new URL(mode.env.VARNISH_PURGE_URLS ?? '').port), backendPort: PORT, memory: '256m', probe: 'steady' });
      entrance = varnish.url;
    }
    const login = /** @type {{ data: { token: string } }} */ (await (await fetch(`${app}/admin/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(ADMIN) })).json());
    const auth = { authorization: `Bearer ${login.data.token}` };
    const documents = [];
    for (const type of TYPES) {
      const list = /** @type {{ data: Array<{ documentId: string }> }} */ (await (await fetch(`http://127.0.0.1:${PORT}/api/${type.plural}?locale=en&pagination[pageSize]=100&fields[0]=${type.field}`)).json());
      documents.push(...list.data.map(({ documentId }) => ({ type, documentId })));
    }
    const cities = /** @type {{ data: Array<{ documentId: string }> }} */ (await (await fetch(`${entrance}/api/cities?locale=de`)).json());
    const etag = (await fetch(`${entrance}/api/cities?locale=fr`)).headers.get('etag');
    if (!cities.data?.length || !etag) throw new Error('the seeded instance did not answer as expected');
    const mix = mixFor({ cityId: cities.data[0].documentId, etag });
    const cacheHeader = mode.throughVarnish ? 'x-edge-cache' : 'x-cache';

    // The public side gives way to the editor's instance, as docker-compose's cpu_shares make it.
    if (mode.editorInstance) for (const pid of [server.child.pid, varnish?.pid]) if (pid) setTreePriority(pid, PUBLIC_NICENESS);
    const editing = { app, entrance, auth, documents, interval };
    const idle = await runEditor({ ...editing, durationMs: IDLE_SECONDS * 1000 });
    await readers(entrance, mix, cli.pickWeighted, cacheHeader, { amount: WARM_UP_REQUESTS });
    const before = varnish?.counters();
    const editorDone = runEditor({ ...editing, durationMs: duration * 1000 });
    // This process's threads only: the instances and the editor are its children.
    if (mode.editorInstance) setTreePriority(process.pid, PUBLIC_NICENESS, { children: false });
    const [load, edits] = await Promise.all([readers(entrance, mix, cli.pickWeighted, cacheHeader, { duration }), editorDone]).finally(() => {
      if (mode.editorInstance && setTreePriority(process.pid, 0, { children: false }) === 0) console.log('    could not restore this process\'s priority (not root?)');
    });
    const after = varnish?.counters();
    /** @param {autocannon.Result} result @returns {ReadStats} */
    const stats = (result) => ({
      reads: result.requests.total,
      rps: Math.round(result.requests.average),
      p50: result.latency.p50,
      p99: result.latency.p99,
      errors: cli.countErrors(result),
      statuses: Object.fromEntries(Object.entries(result.statusCodeStats ?? {}).map(([code, stat]) => [code, /** @type {{ count?: number }} */ (stat).count ?? 0])),
    });
    const [repeated, uncached] = [stats(load.repeated), stats(load.uncached)];
    // Every uncached read and each of the editor's checks go to the app whatever the edge does.
    const origin = before && after ? after.backendRequests - before.backendRequests : undefined;
    // What the app said while loaded (warnings: a database watchdog cut, a purge that failed).
    const exited = [server, editorServer].filter((instance) => instance && instance.child.exitCode !== null).map((instance) => `an instance exited (${instance?.child.exitCode})`);
    const appWarnings = [...exited, ...[server, editorServer].flatMap((instance) => instance?.output().split('\n') ?? [])].filter((line) => /warn|error/i.test(line) && !/DeprecationWarning|trace-deprecation/.test(line));
    return {
      mode,
      repeated,
      uncached,
      hits: load.hits,
      appWarnings,
      ...edits,
      idle,
      ...(origin === undefined
        ? {}
        : { originShare: origin / (repeated.reads + uncached.reads), repeatedOriginShare: Math.max(0, origin - uncached.reads - edits.checks - 2 * edits.publishes) / repeated.reads }),
    };
  } finally {
    await varnish?.stop();
    await editorServer?.stop();
    await server?.stop();
    await adminQuery(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
  }
};

/** @param {StormResult} result */
const hitRatio = (result) => result.hits / Math.max(1, result.repeated.reads);
/** The editor's p50 under load over its p50 idle. @param {StormResult} result @param {'save' | 'publish'} action */
const slowdown = (result, action) => percentile(result[action], 0.5) / percentile(result.idle[action], 0.5);
/** @param {number | undefined} share */
const percent = (share) => (share === undefined ? '—' : `${(100 * share).toFixed(2)} %`);

/** @param {StormResult[]} results */
const checksOf = (results) =>
  results
    .filter((result) => result.mode.name !== 'before')
    .flatMap((result) => [
      { name: `${result.mode.name}: no stale answer`, passed: result.stale === 0, detail: `${result.stale} of ${result.checks}` },
      { name: `${result.mode.name}: hit ratio of repeated reads ≥ ${TARGETS.hitRatio * 100} %`, passed: hitRatio(result) >= TARGETS.hitRatio, detail: `${(100 * hitRatio(result)).toFixed(1)} %` },
      { name: `${result.mode.name}: p99 of repeated reads ≤ ${TARGETS.p99} ms`, passed: result.repeated.p99 <= TARGETS.p99, detail: `${result.repeated.p99} ms` },
      { name: `${result.mode.name}: no failed read`, passed: result.repeated.errors + result.uncached.errors === 0, detail: `${result.repeated.errors + result.uncached.errors}` },
      ...(result.mode.editorInstance
        ? /** @type {Array<'save' | 'publish'>} */ (['save', 'publish']).map((action) => ({
            name: `${result.mode.name}: editor's ${action} p50 under load ≤ ${TARGETS.editorSlowdown}× idle`,
            passed: slowdown(result, action) <= TARGETS.editorSlowdown,
            detail: `${slowdown(result, action).toFixed(1)}×`,
          }))
        : []),
      ...(result.repeatedOriginShare === undefined
        ? []
        : [{ name: `${result.mode.name}: repeated reads reaching the app ≤ ${TARGETS.originShare * 100} %`, passed: result.repeatedOriginShare <= TARGETS.originShare, detail: `${(100 * result.repeatedOriginShare).toFixed(2)} %` }]),
    ]);

/** @param {StormResult[]} results @param {ReturnType<typeof checksOf>} checks */
const report = (results, checks) => {
  /** @param {string} label @param {(result: StormResult) => string} cell */
  const row = (label, cell) => `| ${label} | ${results.map(cell).join(' | ')} |`;
  /** @param {number[]} values */
  const timing = (values) => `${round(percentile(values, 0.5))} / ${round(percentile(values, 0.99))}`;
  return [
    `## Publish storm — ${new Date().toISOString().slice(0, 10)}`,
    '',
    `${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'unknown CPU'}), Node ${process.version}, PostgreSQL at ${serverUrl.host}; production build, one instance, rate limit off. ${duration} s at ${connections} connections on the soak's read mix (\`scripts/lib/read-mix.js\`) after ${WARM_UP_REQUESTS} warm-up requests, while one random document (of ${TYPES.map((type) => type.plural).join(', ')}) is saved and published every ${interval} ms through the Content Manager. Stale: after a publish's response, the document and a list holding it, read through the readers' entrance, still show the old text. Reads in two groups of connections split by the mix's weights: the repeated reads (hit ratio from \`X-Cache\`, or \`X-Edge-Cache\` through Varnish) and the uncached ones (a query string never seen, built to miss). Through Varnish, "reads reaching the app" is Varnish's backend requests over all reads; for the repeated reads, less the uncached reads and the editor's own requests. The editor runs in a process of its own; its idle times are its saves and publishes on the same instances for ${IDLE_SECONDS} s before the readers start. In docker-compose's layout the editor has an instance of its own and the public side (that instance, Varnish and the load generator) runs at nice ${PUBLIC_NICENESS}, a quarter of the editor's CPU weight, as compose's \`cpu_shares\` set it.`,
    '',
    `| | ${results.map((result) => result.mode.label).join(' | ')} |`,
    `|---|${results.map(() => '---').join('|')}|`,
    row('repeated reads (req/s)', (result) => `${result.repeated.reads} (${result.repeated.rps})`),
    row('hit ratio, repeated reads', (result) => `${(100 * hitRatio(result)).toFixed(1)} %`),
    row('repeated reads p50 / p99 (ms)', (result) => `${result.repeated.p50} / ${result.repeated.p99}`),
    row('uncached reads (req/s)', (result) => `${result.uncached.reads} (${result.uncached.rps})`),
    row('uncached reads p50 / p99 (ms)', (result) => `${result.uncached.p50} / ${result.uncached.p99}`),
    row('failed reads', (result) => String(result.repeated.errors + result.uncached.errors)),
    row('publishes (refused)', (result) => `${result.publishes} (${result.refused})`),
    row('stale answers', (result) => `${result.stale} of ${result.checks}`),
    row('editor: save p50 / p99 (ms)', (result) => timing(result.save)),
    row('editor: publish p50 / p99 (ms)', (result) => timing(result.publish)),
    row(`editor idle (${IDLE_SECONDS} s before the load): save / publish p50 (ms)`, (result) => `${round(percentile(result.idle.save, 0.5))} / ${round(percentile(result.idle.publish, 0.5))}`),
    row('editor under load ÷ idle, p50: save / publish', (result) => `${slowdown(result, 'save').toFixed(1)}× / ${slowdown(result, 'publish').toFixed(1)}×`),
    row('reads reaching the app: all / repeated', (result) => (result.originShare === undefined ? '—' : `${percent(result.originShare)} / ${percent(result.repeatedOriginShare)}`)),
    '',
    ...checks.map((check) => `- ${check.passed ? 'ok' : '**missed**'} ${check.name}: ${check.detail}`),
    '',
  ].join('\n');
};

const main = async () => {
  console.log(`Storm: ${os.cpus().length} cores, Node ${process.version}, ${connections} connections for ${duration} s, a publish every ${interval} ms`);
  const { cli } = await loadCli();
  /** @type {Mode[]} */
  const modes = [
    { name: 'before', label: 'before (clear-all, no single flight)', env: { HTTP_CACHE_INVALIDATION: 'clear-all', HTTP_CACHE_SINGLE_FLIGHT: 'false' } },
    { name: 'after', label: 'after (tags, single flight)', env: {} },
  ];
  if (varnishInstalled()) {
    modes.push({ name: 'varnish', label: 'after, through Varnish', env: { VARNISH_PURGE_URLS: `http://127.0.0.1:${await freePort()}/` }, throughVarnish: true });
    modes.push({
      name: 'layout',
      label: 'through Varnish, editor on its own instance with CPU priority (docker-compose)',
      env: { VARNISH_PURGE_URLS: `http://127.0.0.1:${await freePort()}/` },
      throughVarnish: true,
      editorInstance: true,
    });
  } else {
    console.log('  varnishd is not installed (Debian: varnish varnish-modules): no run through Varnish');
  }
  const only = stringOption('modes')?.split(',');
  const chosen = modes.filter((candidate) => !only || only.includes(candidate.name));
  // An empty run would still write an empty section into docs/benchmarks.md.
  if (chosen.length === 0) throw new Error(`no mode to run: --modes ${only?.join(',')}; this machine can run ${modes.map((mode) => mode.name).join(', ')}`);
  const results = [];
  for (const mode of chosen) {
    console.log(`  ${mode.label}…`);
    const result = await runMode(cli, mode);
    console.log(
      `    repeated: ${result.repeated.reads} reads, hit ratio ${(100 * hitRatio(result)).toFixed(1)} %, p50 ${result.repeated.p50} ms, p99 ${result.repeated.p99} ms; uncached: ${result.uncached.reads} reads, p99 ${result.uncached.p99} ms; ${result.stale} stale of ${result.checks}, ${result.publishes} publishes; save p50 ${round(percentile(result.save, 0.5))} ms, publish p50 ${round(percentile(result.publish, 0.5))} ms; app reached by ${percent(result.originShare)} (repeated ${percent(result.repeatedOriginShare)})`,
    );
    if (result.refusals.length > 0) console.log(`    refused edits: ${result.refusals.join('; ')}`);
    if (result.repeated.errors + result.uncached.errors > 0) console.log(`    read statuses: repeated ${JSON.stringify(result.repeated.statuses)}, uncached ${JSON.stringify(result.uncached.statuses)}`);
    // The last ones: the first are start-up purges sent before Varnish was up.
    if (result.appWarnings.length > 0) console.log(`    app: ${result.appWarnings.length} warning(s), the last ones:`);
    for (const line of result.appWarnings.slice(-8)) console.log(`    app: ${line.slice(0, 300)}`);
    results.push(result);
  }
  const checks = checksOf(results);
  for (const check of checks) console.log(`  ${check.passed ? 'ok' : 'MISSED'} ${check.name}: ${check.detail}`);
  prependReport(report(results, checks));
  if (checks.some((check) => !check.passed)) process.exitCode = 1;
};

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
