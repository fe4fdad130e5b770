import http from 'http';
import type { AddressInfo } from 'net';

export type Recorded = { method: string; url: string; headers: http.IncomingHttpHeaders; body: string };

/** A local server standing in for Fastly's, Cloudflare's and Varnish's purge endpoints: it records what it is sent. */
export const recordingServer = async (status = (_request: Recorded) => 200) => {
  const requests: Recorded[] = [];
  const server = http.createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => (body += chunk));
    request.on('end', () => {
      const recorded = { method: request.method ?? '', url: request.url ?? '', headers: request.headers, body };
      requests.push(recorded);
      response.writeHead(status(recorded), { 'content-type': 'application/json' }).end('{"status":"ok"}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, requests, close: () => new Promise((resolve) => server.close(resolve)) };
};

