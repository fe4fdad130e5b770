import { spawn, spawnSync, type ChildProcess } from 'child_process';
import fs from 'fs';
import net from 'net';
import os from 'os';
import path from 'path';
import { APP_DIR } from '../setup/env';

/** A free loopback port, for a program that must be told its port before it starts. */
export const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const server = net.createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });

export type Varnish = { url: string; backendHealth(): string; stop(): Promise<void> };

/**
 * Debian's varnishd running deploy/varnish.vcl unchanged, on a loopback port, with its own backends
 * file (the one include the deployment swaps): one backend at `backendPort`, probed every 300 ms
 * on /_ready so that a test sees it go sick and come back within a second.
 */
export const startVarnish = async ({ port, backendPort }: { port: number; backendPort: number }): Promise<Varnish> => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pcms-varnish-'));
  // varnishd compiles VCL as its own unprivileged user: the files go where it can read them (a
  // checkout can sit in a private folder), the deployment's VCL copied byte for byte.
  fs.chmodSync(dir, 0o755);
  fs.copyFileSync(path.join(APP_DIR, 'deploy', 'varnish.vcl'), path.join(dir, 'varnish.vcl'));
  fs.writeFileSync(
    path.join(dir, 'varnish-backends.vcl'),
    `probe ready { .url = "/_ready"; .interval = 300ms; .timeout = 1s; .window = 1; .threshold = 1; .initial = 1; }
backend app_1 { .host = "127.0.0.1"; .port = "${backendPort}"; .probe = ready; }
sub vcl_init { new origin = directors.round_robin(); origin.add_backend(app_1); }
`,
  );
  const workdir = path.join(dir, 'work');
  const child: ChildProcess = spawn(
    'varnishd',
    ['-F', '-n', workdir, '-a', `127.0.0.1:${port}`, '-f', path.join(dir, 'varnish.vcl'), '-p', `vcl_path=${dir}`, '-p', 'http_gzip_support=off',
      // No grace unless the VCL gives it: what the test sees of stale-if-error is then the VCL's doing.
      '-p', 'default_grace=0', '-s', 'malloc,64m'],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout?.on('data', (chunk) => (output += chunk));
  child.stderr?.on('data', (chunk) => (output += chunk));
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
    backendHealth: () => spawnSync('varnishadm', ['-n', workdir, 'backend.list'], { encoding: 'utf8' }).stdout,
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
