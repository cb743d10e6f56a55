import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { serve, type ServerType } from '@hono/node-server';
import { Kernel } from '../../platform/kernel.ts';
import { ensureDemoTenants, type DemoTenant } from '../../platform/templates/demo-tenants.ts';
import { openStorage } from '../../platform/storage/open-storage.ts';
import type { Storage } from '../../platform/storage/storage.ts';
import { createApp } from './app.ts';
import { problemType } from './http/problem.ts';
import type { ServerConfig } from './config.ts';

export interface RunningServer {
  kernel: Kernel;
  url: string;
  port: number;
  /** Set when this start generated the platform operator token (print it once). */
  generatedAdminToken: string | undefined;
  demoTenants: DemoTenant[];
  close(): Promise<void>;
}

/**
 * Requests Node refuses before the app sees them (headers over its 16 KB, a malformed request
 * line) get a problem like every other 4xx, not Node's bare status line: a filter in the query
 * string is where an integrator meets the limit, so the problem says to send it in a body.
 */
function answerClientError(error: Error & { code?: string }, socket: Duplex): void {
  // Not into a response under way (a bad request pipelined behind a streaming export): Node's own handler would not either.
  const inFlight = (socket as unknown as { _httpMessage?: { headersSent?: boolean } })._httpMessage?.headersSent === true;
  if (!socket.writable || error.code === 'ECONNRESET' || inFlight) {
    socket.destroy();
    return;
  }
  const problem = error.code === 'HPE_HEADER_OVERFLOW'
    ? { status: 431, code: 'headers_too_large' as const, title: 'Request Header Fields Too Large', detail: 'The request line and headers are over 16 KB; send a long filter in the body of POST /records/{object}/query instead of the query string' }
    : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
      ? { status: 408, code: 'request_timeout' as const, title: 'Request Timeout', detail: 'The request did not arrive in time' }
      : { status: 400, code: 'bad_request' as const, title: 'Bad Request', detail: 'The request is not valid HTTP' };
  const body = JSON.stringify({ type: problemType(problem.code), ...problem });
  socket.end(`HTTP/1.1 ${problem.status} ${problem.title}\r\nContent-Type: application/problem+json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
}

/** Opens storage (migrating it), builds the kernel and the app, and listens. */
export async function startServer(config: ServerConfig, options: { storage?: Storage; host?: string; clock?: () => Date; allowPrivateWebhookUrls?: boolean } = {}): Promise<RunningServer> {
  const storage = options.storage ?? await openStorage({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, preparedStatements: config.preparedStatements });
  const kernel = new Kernel({
    storage, ...(options.clock ? { clock: options.clock } : {}),
    allowPrivateWebhookUrls: options.allowPrivateWebhookUrls ?? process.env.SHOAL_WEBHOOKS_ALLOW_PRIVATE === '1',
  });
  await kernel.start({ jobs: config.jobs, tickSeconds: config.tickSeconds });
  const generatedAdminToken = await kernel.adminToken.initialise(storage, config.adminToken);
  const demoTenants = config.demo ? await ensureDemoTenants(kernel) : [];
  const app = createApp(kernel, { ...(config.logRequests ? { log: (line: string) => console.log(line) } : {}), trustedProxies: config.trustedProxies });
  const host = options.host ?? '0.0.0.0';
  const server: ServerType = await new Promise((resolve) => {
    const s = serve({ fetch: app.fetch, port: config.port, hostname: host }, () => resolve(s));
    s.on('clientError', answerClientError);
  });
  const port = (server.address() as AddressInfo).port;
  // A server bound to one address is reached by it: "localhost" needs a DNS lookup, which waits
  // in libuv's thread pool behind password hashing and can time out a connect under load.
  const urlHost = host === '0.0.0.0' || host === '::' ? 'localhost' : host.includes(':') ? `[${host}]` : host;
  return {
    kernel,
    port,
    url: `http://${urlHost}:${port}`,
    generatedAdminToken,
    demoTenants,
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
      await kernel.close();
    },
  };
}
