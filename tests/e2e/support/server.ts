import { type ChildProcess, spawn } from 'child_process';
import fs from 'fs';
import net from 'net';
import path from 'path';
import { randomSecrets } from '../../../scripts/lib/secrets';
import { databaseUrl } from '../../setup/database';
import type { Credentials } from './users';

export const APP_DIR = path.resolve(__dirname, '..', '..', '..');
export const RESULTS_DIR = path.join(APP_DIR, 'test-results');

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

const waitUntilReady = async (baseUrl: string, child: ChildProcess, timeoutMs: number) => {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the server exited with code ${child.exitCode} before it was ready (see test-results/server.log)`);
    try {
      if ((await fetch(`${baseUrl}/_ready`)).status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`the server was not ready within ${timeoutMs / 1000} s (see test-results/server.log)`);
};

/**
 * `strapi start` (the production build in dist/, as `npm run start` runs it) on the given
 * database, which it migrates and seeds because it is empty, creating `initialAdmin` as its first
 * super admin. Logs go to test-results/server.log.
 */
export const startProductionServer = async (database: string, initialAdmin: Credentials) => {
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  fs.mkdirSync(RESULTS_DIR, { recursive: true });
  const log = fs.openSync(path.join(RESULTS_DIR, 'server.log'), 'w');
  const child = spawn(process.execPath, [path.join(APP_DIR, 'node_modules', '@strapi', 'strapi', 'bin', 'strapi.js'), 'start'], {
    cwd: APP_DIR,
    env: {
      ...process.env,
      ...randomSecrets(),
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      PORT: String(port),
      PUBLIC_URL: '',
      DATABASE_CLIENT: 'postgres',
      DATABASE_URL: databaseUrl(database),
      SEED_ON_EMPTY: 'true',
      SERVE_ADMIN_PANEL: 'true',
      INITIAL_ADMIN_EMAIL: initialAdmin.email,
      INITIAL_ADMIN_PASSWORD: initialAdmin.password,
      INITIAL_ADMIN_FIRSTNAME: initialAdmin.firstname,
      INITIAL_ADMIN_LASTNAME: initialAdmin.lastname,
      // One browser on one address makes all requests; the limiter is tested on its own.
      RATE_LIMIT_ENABLED: 'false',
      // Plain http on 127.0.0.1, no TLS proxy in front; https-only sign-in is tested on its own
      // (tests/api/production-start.test.ts).
      ADMIN_ALLOW_PLAIN_HTTP: 'true',
      STRAPI_TELEMETRY_DISABLED: 'true',
      LOG_LEVEL: process.env.E2E_LOG_LEVEL ?? 'warn',
    },
    stdio: ['ignore', log, log],
  });
  fs.closeSync(log);
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
      setTimeout(() => child.kill('SIGKILL'), 10_000).unref();
    });
  try {
    await waitUntilReady(baseUrl, child, 180_000);
  } catch (error) {
    await stop();
    throw error;
  }
  return { baseUrl, stop };
};
