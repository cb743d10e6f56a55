import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const repoRoot = new URL('../../', import.meta.url).pathname;
const tsx = ['--import', 'tsx'];

export interface Child {
  process: ChildProcess;
  url: string;
  port: number;
  stop(): Promise<void>;
  output(): string;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

export async function waitHealthy(url: string, timeoutMs: number, child?: ChildProcess): Promise<number> {
  const started = performance.now();
  for (;;) {
    if (child && child.exitCode !== null) throw new Error(`process exited with ${child.exitCode} before it was healthy`);
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(1000) });
      if (res.ok) return performance.now() - started;
    } catch { /* not listening yet */ }
    if (performance.now() - started > timeoutMs) throw new Error(`${url} not healthy after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Spawns a process in its own process group (so a stop ends its children too) and keeps its output. */
export function spawnChild(command: string, args: string[], env: NodeJS.ProcessEnv, port: number): Child {
  const child = spawn(command, args, { cwd: repoRoot, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let output = '';
  const keep = (chunk: Buffer) => { output = (output + chunk.toString()).slice(-20_000); };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  return {
    process: child, port, url: `http://127.0.0.1:${port}`,
    output: () => output,
    async stop() {
      if (child.exitCode !== null || child.pid === undefined) return;
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      try { process.kill(-child.pid, 'SIGTERM'); } catch { /* already gone */ }
      const timer = setTimeout(() => { try { process.kill(-child.pid!, 'SIGKILL'); } catch { /* gone */ } }, 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** Shoal on PostgreSQL as `processes` stateless processes sharing one port (node:cluster when more than one). */
export async function startShoal(databaseUrl: string, adminToken: string, processes = 1, extraEnv: NodeJS.ProcessEnv = {}): Promise<Child> {
  const port = await freePort();
  const env = { ...process.env, DATABASE_URL: databaseUrl, PORT: String(port), SHOAL_ADMIN_TOKEN: adminToken, SHOAL_DEMO: '0', SHOAL_JOBS: '0', SHOAL_WORKERS: String(processes), ...extraEnv };
  // BENCH_PROFILE=<dir>: Shoal writes a V8 CPU profile there when it stops (one process only).
  const profile = process.env.BENCH_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE}`] : [];
  const args = processes > 1 ? [...tsx, 'bench/drive/shoal-cluster.ts'] : [...profile, ...tsx, 'runtime/server/main.ts'];
  const child = spawnChild(process.execPath, args, env, port);
  try {
    await waitHealthy(`${child.url}/healthz`, 120_000, child.process);
  } catch (error) {
    throw new Error(`Shoal did not start: ${(error as Error).message}\n${child.output()}`);
  }
  return child;
}

export async function startBaseline(databaseUrl: string): Promise<Child> {
  const port = await freePort();
  const child = spawnChild(process.execPath, [...tsx, 'bench/baseline/server.ts'], { ...process.env, DATABASE_URL: databaseUrl, PORT: String(port) }, port);
  // The baseline has no health route: any answer means it listens.
  const started = performance.now();
  for (;;) {
    try {
      await fetch(`${child.url}/`);
      return child;
    } catch {
      if (child.process.exitCode !== null || performance.now() - started > 30_000) throw new Error(`baseline did not start:\n${child.output()}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}

const specDir = mkdtempSync(join(tmpdir(), 'shoal-bench-'));
let specCounter = 0;

/** Runs a driver script (bench/drive/*.ts) in its own process with a JSON spec and returns its JSON answer. */
export async function runDriver<T>(script: string, spec: unknown): Promise<T> {
  const file = join(specDir, `spec-${specCounter++}.json`);
  writeFileSync(file, JSON.stringify(spec));
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...tsx, script, file], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    child.on('exit', (code) => {
      const line = out.trim().split('\n').pop() ?? '';
      if (code !== 0) return reject(new Error(`${script} exited with ${code}: ${err.slice(-2000)}`));
      try { resolve(JSON.parse(line) as T); } catch { reject(new Error(`${script} printed no JSON: ${out.slice(-500)} ${err.slice(-1000)}`)); }
    });
  });
}

/** Resident set size of a process, in bytes (Linux). */
export async function rssOf(pid: number): Promise<number> {
  const { readFileSync } = await import('node:fs');
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return kb * 1024;
}
