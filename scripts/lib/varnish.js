// @ts-check
'use strict';
/**
 * Debian's varnishd running deploy/varnish.vcl unchanged on a loopback port, for the edge cache
 * test (tests/tools/varnish.test.ts) and `npm run storm`. Only the one include the deployment
 * swaps (varnish-backends.vcl) is written here: one backend, probed on /_ready.
 */
const { spawn, spawnSync } = require('child_process');
const fs = require('fs');
const net = require('net');
const os = require('os');
const path = require('path');

const ROOT = path.resolve(__dirname, '..', '..');

/** A free loopback port, for a program that must be told its port before it starts. */
const freePort = () =>
  /** @type {Promise<number>} */ (
    new Promise((resolve, reject) => {
      const server = net.createServer();
      server.on('error', reject);
      server.listen(0, '127.0.0.1', () => {
        const { port } = /** @type {net.AddressInfo} */ (server.address());
        server.close(() => resolve(port));
      });
    })
  );

/** Whether varnishd and the xkey vmod are installed (Debian: varnish, varnish-modules). */
const varnishInstalled = () => spawnSync('varnishd', ['-V'], { encoding: 'utf8' }).status === 0;

/**
 * How the backend is probed: `quick` (every 300 ms, one failure makes it sick: tests that cut the
 * app off) or `steady` (docker-compose's: every 5 s, sick after 3 failures in 5, 2 s timeout: a
 * loaded app answering /_ready slowly once is not taken out).
 */
const PROBES = {
  quick: '.interval = 300ms; .timeout = 1s; .window = 1; .threshold = 1; .initial = 1;',
  steady: '.interval = 5s; .timeout = 2s; .window = 5; .threshold = 3; .initial = 3;',
};

/**
 * @param {{ port: number, backendPort: number, memory?: string, probe?: keyof typeof PROBES, purgers?: string[] }} options
 * @returns {Promise<import('./varnish').Varnish>}
 */
const startVarnish = async ({ port, backendPort, memory = '64m', probe = 'quick', purgers = ['127.0.0.1'] }) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pcms-varnish-'));
  // varnishd compiles VCL as its own unprivileged user: the files go where it can read them (a
  // checkout can sit in a private folder), the deployment's VCL copied byte for byte.
  fs.chmodSync(dir, 0o755);
  fs.copyFileSync(path.join(ROOT, 'deploy', 'varnish.vcl'), path.join(dir, 'varnish.vcl'));
  fs.writeFileSync(
    path.join(dir, 'varnish-backends.vcl'),
    `probe ready { .url = "/_ready"; ${PROBES[probe]} }
backend app_1 { .host = "127.0.0.1"; .port = "${backendPort}"; .probe = ready; }
sub vcl_init { new origin = directors.round_robin(); origin.add_backend(app_1); }
acl purgers { ${purgers.map((address) => `"${address}";`).join(' ')} }
`,
  );
  const workdir = path.join(dir, 'work');
  const args = ['-F', '-n', workdir, '-a', `127.0.0.1:${port}`, '-f', path.join(dir, 'varnish.vcl'), '-p', `vcl_path=${dir}`, '-p', 'http_gzip_support=off'];
  // No grace unless the VCL gives it: what a test sees of stale-if-error is then the VCL's doing.
  args.push('-p', 'default_grace=0', '-s', `malloc,${memory}`);
  const child = spawn('varnishd', args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  const url = `http://127.0.0.1:${port}`;
  const started = Date.now();
  for (;;) {
    if (child.exitCode !== null) throw new Error(`varnishd exited (${child.exitCode}):\n${output}`);
    const answered = await fetch(`${url}/_ready`).then((response) => response.status, () => 0);
    if (answered === 200) break;
    if (Date.now() - started > 20_000) throw new Error(`varnishd did not serve /_ready within 20 s (last status ${answered}):\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    url,
    pid: child.pid,
    backendHealth: () => spawnSync('varnishadm', ['-n', workdir, 'backend.list'], { encoding: 'utf8' }).stdout,
    counters: () => {
      const stats = JSON.parse(spawnSync('varnishstat', ['-n', workdir, '-1', '-j'], { encoding: 'utf8' }).stdout);
      const counters = stats.counters ?? stats;
      /** @param {string} name */
      const value = (name) => Number(counters[name]?.value ?? 0);
      return { clientRequests: value('MAIN.client_req'), backendRequests: value('MAIN.backend_req'), hits: value('MAIN.cache_hit'), misses: value('MAIN.cache_miss') };
    },
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
};

module.exports = { freePort, startVarnish, varnishInstalled };
