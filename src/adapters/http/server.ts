import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from '../../log.js';

/**
 * The worker's HTTP endpoints: `/healthz` (the process answers), `/readyz` (connected and consuming: 503 until then
 * and while shutting down) and `/metrics` (Prometheus text format). Port 0 in the configuration turns it off.
 */
export interface HealthEndpoints {
  ready(): boolean;
  metrics(): Promise<string>;
  metricsContentType: string;
}

export interface HealthServer {
  readonly port: number;
  close(): Promise<void>;
}

export async function startHealthServer(
  host: string,
  port: number,
  endpoints: HealthEndpoints,
  log: Logger,
): Promise<HealthServer> {
  const server: Server = createServer((request, response) => {
    const path = (request.url ?? '/').split('?')[0];
    if (request.method !== 'GET') {
      response.writeHead(405).end();
      return;
    }
    if (path === '/healthz') {
      response.writeHead(200, { 'content-type': 'text/plain' }).end('ok\n');
    } else if (path === '/readyz') {
      const ready = endpoints.ready();
      response.writeHead(ready ? 200 : 503, { 'content-type': 'text/plain' }).end(ready ? 'ready\n' : 'not ready\n');
    } else if (path === '/metrics') {
      endpoints.metrics().then(
        (text) => response.writeHead(200, { 'content-type': endpoints.metricsContentType }).end(text),
        (error: unknown) => {
          log.warn({ err: error }, 'metrics collection failed');
          response.writeHead(500).end();
        },
      );
    } else {
      response.writeHead(404).end();
    }
  });
  await new Promise<void>((done, fail) => {
    server.once('error', fail);
    server.listen(port, host, () => done());
  });
  const bound = (server.address() as AddressInfo).port;
  log.info({ host, port: bound }, 'health and metrics endpoints listening');
  return {
    port: bound,
    close: () => new Promise<void>((done) => server.close(() => done())),
  };
}
