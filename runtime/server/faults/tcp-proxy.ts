import { createConnection, createServer, type AddressInfo, type Server, type Socket } from 'node:net';

/**
 * A TCP proxy between Shoal and PostgreSQL that a test can cut and restore, standing in for a
 * database server that stops (other tests share the real one, so it cannot be stopped).
 *
 * - `cut('refuse')`: like a stopped server — every open connection is reset and new ones are
 *   closed at once.
 * - `cut('blackhole')`: like a network partition — open connections stay up but nothing gets
 *   through, and new connections are accepted and never answered.
 */
export class TcpProxy {
  readonly #server: Server;
  readonly #sockets = new Set<Socket>();
  #mode: 'open' | 'refuse' | 'blackhole' = 'open';
  port = 0;

  private constructor(readonly targetHost: string, readonly targetPort: number) {
    this.#server = createServer((client) => this.#accept(client));
  }

  static async start(targetHost: string, targetPort: number): Promise<TcpProxy> {
    const proxy = new TcpProxy(targetHost, targetPort);
    await new Promise<void>((resolve) => proxy.#server.listen(0, '127.0.0.1', resolve));
    proxy.port = (proxy.#server.address() as AddressInfo).port;
    return proxy;
  }

  /** The database URL through this proxy. */
  url(databaseUrl: string): string {
    const u = new URL(databaseUrl);
    u.hostname = '127.0.0.1';
    u.port = String(this.port);
    return u.toString();
  }

  #accept(client: Socket): void {
    this.#sockets.add(client);
    client.on('close', () => this.#sockets.delete(client));
    client.on('error', () => {});
    if (this.#mode === 'refuse') {
      client.destroy();
      return;
    }
    if (this.#mode === 'blackhole') {
      client.pause();
      return;
    }
    const upstream = createConnection({ host: this.targetHost, port: this.targetPort });
    this.#sockets.add(upstream);
    upstream.on('close', () => {
      this.#sockets.delete(upstream);
      client.destroy();
    });
    upstream.on('error', () => client.destroy());
    client.on('close', () => upstream.destroy());
    // Forward only while open: in blackhole mode bytes are swallowed.
    client.on('data', (chunk) => {
      if (this.#mode === 'open') upstream.write(chunk);
    });
    upstream.on('data', (chunk) => {
      if (this.#mode === 'open') client.write(chunk);
    });
  }

  cut(mode: 'refuse' | 'blackhole' = 'refuse'): void {
    this.#mode = mode;
    if (mode === 'refuse') for (const socket of this.#sockets) socket.destroy();
  }

  /** Lets connections through again (connections held during a blackhole are dropped). */
  restore(): void {
    if (this.#mode === 'blackhole') for (const socket of this.#sockets) socket.destroy();
    this.#mode = 'open';
  }

  async close(): Promise<void> {
    for (const socket of this.#sockets) socket.destroy();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }
}
