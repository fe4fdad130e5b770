import type { Core } from '@strapi/strapi';

const SIGNALS = ['SIGTERM', 'SIGINT'] as const;

/** Longest wait for requests in flight; under Docker's 10 s stop timeout, after which it kills. */
const graceMs = () => Number(process.env.SHUTDOWN_GRACE_SECONDS ?? 8) * 1000;

/**
 * SIGTERM/SIGINT: stop accepting connections, let the requests in flight finish (up to the grace
 * period), then destroy Strapi (which closes the database pool and the cache listener) and exit 0.
 * Replaces the handler createStrapi() installs (`terminateStrapi` in @strapi/core's
 * utils/signals), which destroys every open connection at once and so cuts requests in flight.
 */
export const installGracefulShutdown = (strapi: Core.Strapi) => {
  for (const signal of SIGNALS) {
    for (const listener of process.listeners(signal)) {
      if (listener.name === 'terminateStrapi') process.removeListener(signal, listener);
    }
  }

  let shuttingDown = false;
  const shutDown = async (signal: NodeJS.Signals) => {
    if (shuttingDown) return;
    shuttingDown = true;
    const server = strapi.server.httpServer;
    strapi.log.info(`${signal}: refusing new connections, finishing requests in flight`);
    const drained = new Promise<void>((resolve) => (server.listening ? server.close(() => resolve()) : resolve()));
    // Keep-alive connections with no request in flight would hold close() open: close them as they go idle.
    const closeIdle = setInterval(() => server.closeIdleConnections(), 100);
    server.closeIdleConnections();
    let graceTimer: NodeJS.Timeout | undefined;
    const graceOver = new Promise<void>((resolve) => {
      graceTimer = setTimeout(() => {
        strapi.log.warn(`requests still in flight after ${graceMs()} ms; closing them`);
        resolve();
      }, graceMs());
    });
    await Promise.race([drained, graceOver]);
    clearInterval(closeIdle);
    clearTimeout(graceTimer);
    try {
      await strapi.destroy();
      process.exit(0);
    } catch (error) {
      console.error(error);
      process.exit(1);
    }
  };
  for (const signal of SIGNALS) process.on(signal, shutDown);
};
