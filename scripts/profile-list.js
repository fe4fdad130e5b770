#!/usr/bin/env node
// @ts-check
'use strict';
/**
 * `npm run profile:list [-- --duration 15 --connections 4 --top 25 --runs 0 --profile 1 --path /api/...]`
 *
 * Where an uncached populated list spends its time: the production build with the response cache
 * off, loaded with autocannon on
 * GET /api/partnerships?locale=fr&populate[city]=true&populate[themes]=true&populate[projects]=true,
 * profiled (V8's CPU profiler, through the instance's ipc) over the load only, not the start-up.
 * Prints requests/s, the app's CPU ms per request and the TOP functions by self time,
 * each with its share of the samples and where it lives (a package, or this project's src/), and
 * the shares per area (Strapi's sanitizing and validation, the query engine, pg, koa, this
 * project's middlewares). The profile stays in .tmp/profiles/ (open it in Chrome DevTools).
 * With `--runs N`, N more runs of DURATION seconds follow without the profiler, each printing its
 * requests/s and CPU ms per request, then their range and mean (compare two builds this way, one
 * straight after the other); `--profile 0` skips the profiled run. `--path` loads another request
 * instead (say, a one-entry list without its count, to see what every request costs whatever it asks).
 */
const fs = require('fs');
const path = require('path');
const autocannon = require('autocannon');
const { loadCli } = require('./lib/app');
const { numberOption: option, stringOption, withDatabase, adminQuery, startInstance, ROOT } = require('./lib/instances');

const QUERY = stringOption('path') ?? '/api/partnerships?locale=fr&populate[city]=true&populate[themes]=true&populate[projects]=true';
const PORT = 41367;
const duration = option('duration', 15);
const connections = option('connections', 4);
const top = option('top', 25);
const runs = option('runs', 0);
const profiled = option('profile', 1) !== 0;

/**
 * CPU time (user and system) a process has used so far, in ms, from /proc (Linux); NaN elsewhere.
 * Less sensitive than requests per second to what else the machine is doing.
 * @param {number | undefined} pid
 */
const cpuMilliseconds = (pid) => {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // clock ticks of 1/100 s (USER_HZ)
  } catch {
    return Number.NaN;
  }
};

/**
 * @typedef {{ id: number, callFrame: { functionName: string, url: string, lineNumber: number }, children?: number[] }} ProfileNode
 * @typedef {{ nodes: ProfileNode[], samples: number[], timeDeltas: number[] }} CpuProfile
 */

/** Where a script lives, shortly: a package name, this project's file, or node's internals. @param {string} url */
const placeOf = (url) => {
  if (!url) return '(native)';
  const inPackage = /node_modules\/((?:@[^/]+\/)?[^/]+)\/(.*)$/.exec(url);
  if (inPackage) return `${inPackage[1]}/${inPackage[2].replace(/^dist\//, '')}`;
  const own = url.indexOf('/dist/src/');
  if (own >= 0) return `src/${url.slice(own + '/dist/src/'.length)}`;
  return url.replace(/^node:/, 'node:');
};

/** The area a place belongs to, for the per-area shares. @param {string} place */
const areaOf = (place) => {
  if (/^@strapi\/utils\/.*(sanitize|validate|traverse)/.test(place)) return 'Strapi sanitize/validate (@strapi/utils)';
  if (/^@strapi\/database/.test(place)) return 'Strapi query engine (@strapi/database)';
  if (/^@strapi\/core\/.*document-service/.test(place)) return 'Strapi Document Service';
  if (/^@strapi\//.test(place)) return 'Strapi, other';
  if (/^(pg|pg-protocol|pg-types|knex)\//.test(place)) return 'PostgreSQL client (pg, knex)';
  if (/^(koa|koa-\w+|@koa\/\w+)\//.test(place)) return 'koa';
  if (/^src\//.test(place)) return 'this project (src/)';
  if (/^\(/.test(place)) return place;
  if (/^node:/.test(place)) return 'Node.js';
  return 'other packages';
};

/** @param {CpuProfile} profile */
const summarize = (profile) => {
  /** @type {Map<number, ProfileNode>} */
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  /** @type {Map<number, number>} */
  const selfTime = new Map();
  profile.samples.forEach((id, index) => selfTime.set(id, (selfTime.get(id) ?? 0) + (profile.timeDeltas[index] ?? 0)));
  const total = [...selfTime.values()].reduce((sum, time) => sum + time, 0);
  /** @type {Map<string, number>} */
  const byFunction = new Map();
  /** @type {Map<string, number>} */
  const byArea = new Map();
  for (const [id, time] of selfTime) {
    const frame = nodes.get(id)?.callFrame;
    if (!frame) continue;
    const place = placeOf(frame.url);
    const key = `${frame.functionName || '(anonymous)'} ${place}${frame.url ? `:${frame.lineNumber + 1}` : ''}`;
    byFunction.set(key, (byFunction.get(key) ?? 0) + time);
    byArea.set(areaOf(place), (byArea.get(areaOf(place)) ?? 0) + time);
  }
  /** @param {Map<string, number>} map @param {number} count */
  const ranked = (map, count) => [...map].sort((a, b) => b[1] - a[1]).slice(0, count).map(([name, time]) => ({ name, share: time / total }));
  return { functions: ranked(byFunction, top), areas: ranked(byArea, 20) };
};

const main = async () => {
  const { cli } = await loadCli();
  const database = `pcms_profile_${Date.now()}`;
  const profiles = path.join(ROOT, '.tmp', 'profiles');
  fs.mkdirSync(profiles, { recursive: true });
  const name = (QUERY.split('?')[0].split('/').filter(Boolean).pop() || 'root').replace(/[^\w-]/g, '_');
  const file = path.join(profiles, `${name}-${Date.now()}.cpuprofile`);
  await adminQuery(`CREATE DATABASE "${database}"`);
  let server;
  try {
    server = await startInstance(cli, PORT, { DATABASE_URL: withDatabase(database), SEED_ON_EMPTY: 'true', HTTP_CACHE_ENABLED: 'false' }, { ipc: profiled });
    const child = server.child;
    /** @param {object} message @param {string} reply */
    const ask = (message, reply) =>
      new Promise((resolve) => {
        /** @param {any} answer */
        const listener = (answer) => {
          if (answer?.type !== reply) return;
          child.off('message', listener);
          resolve(answer);
        };
        child.on('message', listener);
        child.send?.(message);
      });
    const url = `http://127.0.0.1:${PORT}${QUERY}`;
    /** One load of DURATION seconds: its autocannon result and the app's CPU ms per request. */
    const measure = async () => {
      const cpuBefore = cpuMilliseconds(child.pid);
      const result = await autocannon({ url, connections, duration });
      return { result, cpuPerRequest: (cpuMilliseconds(child.pid) - cpuBefore) / result.requests.total };
    };
    /** @param {string} label @param {{ result: autocannon.Result, cpuPerRequest: number }} run */
    const report = (label, { result, cpuPerRequest }) =>
      console.log(
        `${label}: ${Math.round(result.requests.average)} req/s, p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, ` +
          `${Number.isFinite(cpuPerRequest) ? `${cpuPerRequest.toFixed(1)} CPU ms per request (the app's process), ` : ''}${cli.countErrors(result)} errors`,
      );
    console.log(`${QUERY}, cache off, ${connections} connections, ${duration} s per run`);
    await autocannon({ url, connections, duration: 3 });
    if (profiled) {
      await ask({ type: 'profile-start' }, 'profile-started');
      const run = await measure();
      await ask({ type: 'profile-stop', file }, 'profile-done');
      report('profiled run (profiler included)', run);
    }
    const unprofiled = [];
    for (let index = 1; index <= runs; index += 1) {
      const run = await measure();
      report(`run ${index} of ${runs}, no profiler`, run);
      unprofiled.push(run);
    }
    if (unprofiled.length > 0) {
      /** @param {number[]} values @param {number} digits */
      const spread = (values, digits) =>
        `${Math.min(...values).toFixed(digits)}–${Math.max(...values).toFixed(digits)} (mean ${(values.reduce((sum, value) => sum + value, 0) / values.length).toFixed(digits)})`;
      console.log(
        `${runs} runs without the profiler: ${spread(unprofiled.map((run) => run.result.requests.average), 0)} req/s, ` +
          `${spread(unprofiled.map((run) => run.cpuPerRequest), 1)} CPU ms per request`,
      );
    }
  } finally {
    await server?.stop();
    await adminQuery(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
  }
  if (!profiled) return;
  if (!fs.existsSync(file)) throw new Error('the server wrote no profile');
  const { functions, areas } = summarize(JSON.parse(fs.readFileSync(file, 'utf8')));
  console.log(`\nProfile ${path.relative(ROOT, file)} (the measured load only), self time:\n`);
  console.log('| share | function |\n| ---: | --- |');
  for (const { name, share } of functions) console.log(`| ${(share * 100).toFixed(1)} % | \`${name}\` |`);
  console.log('\n| share | area |\n| ---: | --- |');
  for (const { name, share } of areas) console.log(`| ${(share * 100).toFixed(1)} % | ${name} |`);
};

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
