import type { AddressInfo } from 'net';
import { createSite, type SiteOptions } from '../../../site/src/server';

/** The reference site (site/) in the runner's process, on `port`, for the whole run. */
export const startReferenceSite = async ({ port, ...options }: SiteOptions & { port: number }) => {
  const server = await createSite(options).listen(port, '127.0.0.1');
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
};
