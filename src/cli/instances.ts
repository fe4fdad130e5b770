import { type ChildProcess, spawn } from 'child_process';
import fs from 'fs';
import net from 'net';
import path from 'path';

/**
 * The one way tests, the benchmark and the soak run the app as a child process: `strapi start`
 * on the compiled build in dist/, exactly as `npm run start` runs it in production, with the
 * environment the caller gives. Ready once `readyPath` answers; `stop()` sends SIGTERM (the app
 * drains and exits 0) and SIGKILL after a grace period.
 */
export type Instance = {
  child: ChildProcess;
  port: number;
  baseUrl: string;
  /** What the child printed so far (unless its output goes to `logFile`). */
  output: () => string;
  /** Resolves with the exit code (null after a signal). */
  exited: Promise<number | null>;
  stop: () => Promise<number | null>;
  /** With `ipc`: asks the child to collect garbage and report its memory (needs `--expose-gc`). */
  collectGarbage: () => Promise<{ collected: boolean; memory: NodeJS.MemoryUsage }>;
};

export type InstanceOptions = {
  /** The app's root (holding package.json and dist/). */
  appDir: string;
  env: NodeJS.ProcessEnv;
  /** A free port is chosen when left out; PORT and HOST are set from it. */
  port?: number;
  /** '/_ready' (database answers) by default; '/_health' when the database may be down; false not to wait. */
  readyPath?: '/_ready' | '/_health' | false;
  timeoutMs?: number;
  /** Node options such as --expose-gc. */
  execArgv?: string[];
  /** Where the child's output goes; kept in memory (see `output()`) when left out. */
  logFile?: string;
  /** A message channel for `collectGarbage()`. */
  ipc?: boolean;
};

/** A port nobody listens on right now (the OS picks it). */
export const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });

const STOP_GRACE_MS = 15_000;

export const startInstance = async ({ appDir, env, port: chosen, readyPath = '/_ready', timeoutMs = 180_000, execArgv = [], logFile, ipc = false }: InstanceOptions): Promise<Instance> => {
  const port = chosen ?? (await freePort());
  const baseUrl = `http://127.0.0.1:${port}`;
  const log = logFile ? fs.openSync(logFile, 'w') : undefined;
  const preload = ipc ? ['--require', path.join(appDir, 'scripts', 'lib', 'instance-ipc.js')] : [];
  const child = spawn(process.execPath, [...execArgv, ...preload, path.join(appDir, 'node_modules', '@strapi', 'strapi', 'bin', 'strapi.js'), 'start'], {
    cwd: appDir,
    env: { ...env, HOST: '127.0.0.1', PORT: String(port) },
    stdio: ['ignore', log ?? 'pipe', log ?? 'pipe', ...(ipc ? (['ipc'] as const) : [])],
  });
  if (log !== undefined) fs.closeSync(log);
  let printed = '';
  child.stdout?.on('data', (chunk) => (printed += chunk));
  child.stderr?.on('data', (chunk) => (printed += chunk));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const output = () => (logFile ? fs.readFileSync(logFile, 'utf8') : printed);

  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
    child.kill('SIGTERM');
    const killer = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
    const code = await exited;
    clearTimeout(killer);
    return code;
  };

  const collectGarbage = () =>
    new Promise<{ collected: boolean; memory: NodeJS.MemoryUsage }>((resolve, reject) => {
      if (!child.send) return reject(new Error('the instance was started without ipc'));
      const onMessage = (message: any) => {
        if (message?.type !== 'gc-done') return;
        child.off('message', onMessage);
        resolve({ collected: message.collected, memory: message.memory });
      };
      child.on('message', onMessage);
      child.send({ type: 'gc' });
    });

  const instance = { child, port, baseUrl, output, exited, stop, collectGarbage };
  if (readyPath === false) return instance;
  const expected = readyPath === '/_health' ? 204 : 200;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`the app exited (${child.exitCode ?? child.signalCode}) before it was ready:\n${output().slice(-4000)}`);
    const answer = await fetch(`${baseUrl}${readyPath}`).catch(() => undefined);
    if (answer?.status === expected) return instance;
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`the app was not ready within ${timeoutMs / 1000} s:\n${output().slice(-4000)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
};
