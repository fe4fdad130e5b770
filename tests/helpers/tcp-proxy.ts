import net from 'net';

/**
 * A TCP proxy the outage tests own, between the app and PostgreSQL, so they can cut the database
 * off without touching the machine's server:
 * - refuse(): stop listening (new connections get ECONNREFUSED) and reset every open connection;
 * - blackhole(): accept new connections but never answer, and let open ones go silent (bytes in
 *   either direction are dropped, a FIN is not passed on): a network partition, or a server gone
 *   without a goodbye;
 * - silenceOpen(): let the open connections go silent but forward new ones (a failover: the old
 *   server vanished, the address now leads to a working one);
 * - stallNew(): accept new connections but never answer them, while the open ones go on working
 *   (a server too busy to start new backends, or one that refuses them: "too many clients");
 * - restore(): forward new connections again (connections that went silent stay dead, as they
 *   would after a failover);
 */
export type ProxiedConnection = { openedAt: number; silent: boolean };

export type TcpProxy = {
  port: number;
  refuse(): Promise<void>;
  blackhole(): void;
  silenceOpen(): void;
  stallNew(): void;
  restore(): Promise<void>;
  /** Connections from the app that are still open. */
  open(): ProxiedConnection[];
  /** How the app's connections ended: with PostgreSQL's Terminate message, or just closed. */
  endings(): { terminated: number; dropped: number };
  close(): Promise<void>;
};

// PostgreSQL's Terminate message: 'X', then the length 4.
const TERMINATE = Buffer.from([0x58, 0, 0, 0, 4]);

type Pair = ProxiedConnection & { client: net.Socket; upstream?: net.Socket; tail: Buffer };

export const startTcpProxy = async (target: { host: string; port: number }): Promise<TcpProxy> => {
  let mode: 'open' | 'refuse' | 'blackhole' = 'open';
  const pairs = new Set<Pair>();
  const endings = { terminated: 0, dropped: 0 };

  const accept = (client: net.Socket) => {
    const pair: Pair = { client, openedAt: Date.now(), silent: mode === 'blackhole', tail: Buffer.alloc(0) };
    pairs.add(pair);
    client.on('error', () => undefined);
    client.on('close', () => {
      pairs.delete(pair);
      if (pair.tail.equals(TERMINATE)) endings.terminated += 1;
      else endings.dropped += 1;
      pair.upstream?.destroy();
    });
    client.on('data', (chunk: Buffer) => {
      pair.tail = Buffer.concat([pair.tail, chunk]).subarray(-TERMINATE.length);
      if (!pair.silent) pair.upstream?.write(chunk);
    });
    client.on('end', () => {
      // The app hung up: passed on when forwarding; when silent, the proxy just lets go of its end.
      if (pair.silent) client.destroy();
      else pair.upstream?.end();
    });
    if (pair.silent) return;

    const upstream = net.connect(target.port, target.host);
    pair.upstream = upstream;
    upstream.on('error', () => undefined);
    upstream.on('data', (chunk: Buffer) => {
      if (!pair.silent) client.write(chunk);
    });
    upstream.on('end', () => {
      if (!pair.silent) client.end();
    });
    upstream.on('close', () => {
      if (!pair.silent) client.destroy();
    });
  };

  const server = net.createServer({ allowHalfOpen: true }, accept);
  const listen = (port: number) =>
    new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
  const stopListening = () => new Promise<void>((resolve) => (server.listening ? server.close(() => resolve()) : resolve()));
  await listen(0);
  const port = (server.address() as net.AddressInfo).port;

  const resetAll = () => {
    for (const pair of pairs) {
      pair.client.resetAndDestroy();
      pair.upstream?.destroy();
    }
  };

  return {
    port,
    async refuse() {
      mode = 'refuse';
      const stopped = stopListening();
      resetAll();
      await stopped;
    },
    blackhole() {
      mode = 'blackhole';
      for (const pair of pairs) pair.silent = true;
    },
    silenceOpen() {
      for (const pair of pairs) pair.silent = true;
    },
    stallNew() {
      mode = 'blackhole';
    },
    async restore() {
      mode = 'open';
      if (!server.listening) await listen(port);
    },
    open: () => [...pairs].map(({ openedAt, silent }) => ({ openedAt, silent })),
    endings: () => ({ ...endings }),
    async close() {
      const stopped = stopListening();
      resetAll();
      await stopped;
    },
  };
};
