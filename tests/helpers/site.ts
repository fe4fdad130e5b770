import type { AddressInfo } from 'net';
import type http from 'http';
import { createSite, type SiteOptions } from '../../site/src/server';

/** The reference site (site/) on a free port, reading the given CMS over HTTP. */
export const startSite = async (options: Omit<SiteOptions, 'siteUrl'> & { siteUrl?: string }) => {
  let server: http.Server | undefined;
  const site = createSite({ siteUrl: 'http://site.invalid', ...options });
  server = await site.listen(0, '127.0.0.1');
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    get: (path: string, headers: Record<string, string> = {}) => fetch(`${url}${path}`, { headers, redirect: 'manual' }),
    stop: () => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())),
  };
};

/** Starts a test app's HTTP server on a free port and returns its base URL. */
export const listen = async (server: http.Server): Promise<string> => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
};
