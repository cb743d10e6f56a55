import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { ApiClient, operatorToken, type ApiResponse } from '../../testing/test-server.ts';

const root = fileURLToPath(new URL('../../../', import.meta.url));

/** `npm start` as a child process on a given database, to be killed with SIGKILL mid-work. */
export class ChildServer {
  readonly api: ApiClient;
  #exited = false;

  private constructor(readonly process: ChildProcess, readonly url: string, readonly output: () => string) {
    this.api = new ApiClient(url);
    process.once('exit', () => {
      this.#exited = true;
    });
  }

  static async start(databaseUrl: string, env: Record<string, string> = {}): Promise<ChildServer> {
    const child = spawn(process.execPath, ['--import', 'tsx', 'runtime/server/main.ts'], {
      cwd: root,
      env: {
        ...process.env,
        DATABASE_URL: databaseUrl, PORT: '0', SHOAL_ADMIN_TOKEN: operatorToken, SHOAL_DEMO: '0',
        SHOAL_JOBS: '1', SHOAL_TICK_SECONDS: '1', SHOAL_LOG_REQUESTS: '0', ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout!.on('data', (chunk: Buffer) => { output += chunk.toString(); });
    child.stderr!.on('data', (chunk: Buffer) => { output += chunk.toString(); });
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`the server did not start within 60 s:\n${output}`)), 60_000);
      const check = () => {
        const m = /App\s+(http:\/\/localhost:\d+)\/app/.exec(output);
        if (m) {
          clearTimeout(timer);
          resolve(m[1]!);
        }
      };
      child.stdout!.on('data', check);
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`the server exited with ${code} while starting:\n${output}`));
      });
    });
    return new ChildServer(child, url, () => output);
  }

  /** SIGKILL: no shutdown hooks, no graceful anything — like a power cut of the process. */
  async kill(): Promise<void> {
    if (this.#exited) return;
    const exited = once(this.process, 'exit');
    this.process.kill('SIGKILL');
    await exited;
  }

  async stop(): Promise<void> {
    if (this.#exited) return;
    const exited = once(this.process, 'exit');
    this.process.kill('SIGTERM');
    await exited;
  }
}

export async function until<T>(probe: () => Promise<T | undefined | false>, what: string, ms = 30_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export function expectOk(res: ApiResponse, status = 200): ApiResponse {
  if (res.status !== status) throw new Error(`expected ${status}, got ${res.status}: ${res.text}`);
  return res;
}

/** A tenant made through the operator API of a running server; returns an admin client. */
export async function createTenant(api: ApiClient, slug: string, extra: Record<string, unknown> = {}): Promise<ApiClient> {
  expectOk(await api.post('/api/tenants', { slug, name: slug, admin: { email: `admin@${slug}.test`, password: 'admin-password-1' }, ...extra }, { token: operatorToken }), 201);
  return login(api, slug);
}

export async function login(api: ApiClient, slug: string): Promise<ApiClient> {
  const res = expectOk(await api.post(`/api/t/${slug}/auth/login`, { email: `admin@${slug}.test`, password: 'admin-password-1' }));
  return api.withToken(res.body.token);
}
