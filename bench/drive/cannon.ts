// The load generator, run as its own process so it does not share a CPU budget with the
// server under test: `node --import tsx bench/drive/cannon.ts <spec.json>` prints one JSON
// line with req/s, latency percentiles and error counts.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import autocannon from 'autocannon';

export interface CannonSpec {
  /** Base URL, e.g. http://127.0.0.1:3000 */
  url: string;
  connections: number;
  /** Seconds of warm-up (not reported), then `duration` seconds measured. */
  warmup: number;
  duration: number;
  headers: Record<string, string>;
  kind: 'get' | 'list' | 'create' | 'update';
  /** get/update: `${pathPrefix}${id}`; list/create: the path itself. */
  path: string;
  ids?: string[];
  /** update: the starting version of every id (same order as ids). */
  versions?: number[];
  /** The server's process (one process): its CPU time over the measured run is reported per request. */
  serverPid?: number;
  /** The PostgreSQL server's postmaster: its and its backends' CPU time, likewise. */
  databasePid?: number;
}

export interface CannonResult {
  requests: number;
  rps: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  statusCodes: Record<string, number>;
  /**
   * CPU time per answered request over the measured run, in µs: the server's process, and the
   * PostgreSQL server with all its processes (only one server is under load at a time). Unlike req/s, these
   * hardly move when other work on the machine takes CPU away.
   */
  cpu?: { serverUs: number; databaseUs: number };
}

/** Fields of /proc/<pid>/stat after the command name (index 0 is field 3, the state), or undefined when gone. */
function statOf(pid: number | string): string[] | undefined {
  try {
    return readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  } catch {
    return undefined;
  }
}

/** CPU seconds a process has used so far (utime + stime; Linux, 100 ticks a second). */
function cpuSeconds(pid: number): number {
  const fields = statOf(pid);
  return fields ? (Number(fields[11]) + Number(fields[12])) / 100 : 0;
}

/**
 * CPU seconds a PostgreSQL server has used so far: the postmaster's own, the backends that
 * ended (counted in its cutime/cstime once reaped), and the ones running now (read afresh each
 * time, so backends started during the run count, and one that ended moves to cutime).
 */
function databaseCpuSeconds(postmaster: number): number {
  const own = statOf(postmaster);
  if (!own) return 0;
  let ticks = Number(own[11]) + Number(own[12]) + Number(own[13]) + Number(own[14]);
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const fields = statOf(entry);
    if (fields && Number(fields[1]) === postmaster) ticks += Number(fields[11]) + Number(fields[12]);
  }
  return ticks / 100;
}

// Versions of updated records and the position in the id list, shared by the warm-up and the
// measured run: the measured run goes on with ids the warm-up did not touch, so the answers the
// warm-up abandoned when its time ran out cannot make the measured run's If-Match stale.
let versions: Map<string, number> | undefined;
let counter = 0;

function requestsFor(spec: CannonSpec): autocannon.Request[] {
  const ids = spec.ids ?? [];
  if (spec.kind === 'get') {
    return [{ method: 'GET', setupRequest: (req) => ({ ...req, path: spec.path + ids[(counter++ * 7919) % ids.length] }) }];
  }
  if (spec.kind === 'list') return [{ method: 'GET', path: spec.path }];
  if (spec.kind === 'create') {
    const cities = ['beijing', 'shanghai', 'guangzhou', 'shenzhen', 'hangzhou'];
    return [{
      method: 'POST',
      setupRequest: (req) => {
        const n = counter++;
        return {
          ...req, path: spec.path, headers: { ...req.headers, 'content-type': 'application/json' },
          body: JSON.stringify({ name: `Bench created ${process.pid}-${n}`, city: cities[n % cities.length], score: n % 101, expectedRevenue: (n % 9000) + 0.5, source: 'bd', contactName: `C ${n}`, contactPhone: '+86 138 0000 0000' }),
        };
      },
    }];
  }
  // update: ids in turn (5,000 of them, so an id comes back long after its last answer), each
  // with the version its last answer reported. autocannon resets a connection's context after
  // every request, so the version is read back from the answer's body, not from the context.
  versions ??= new Map<string, number>(ids.map((id, i) => [id, spec.versions?.[i] ?? 1]));
  const known = versions;
  return [{
    method: 'PATCH',
    setupRequest: (req) => {
      const n = counter++;
      const id = ids[n % ids.length]!;
      return {
        ...req, path: spec.path + id,
        headers: { ...req.headers, 'content-type': 'application/json', 'if-match': `"${known.get(id)}"` },
        body: JSON.stringify({ score: n % 101, notes: `updated ${n}` }),
      };
    },
    onResponse: (status, body) => {
      if (status !== 200) return;
      const record = JSON.parse(body) as { id: string; version: number };
      known.set(record.id, record.version);
    },
  }];
}

async function fire(spec: CannonSpec, duration: number): Promise<autocannon.Result> {
  return autocannon({
    url: spec.url, connections: spec.connections, duration, headers: spec.headers,
    requests: requestsFor(spec), timeout: 30,
  });
}

const spec = JSON.parse(readFileSync(process.argv[2]!, 'utf8')) as CannonSpec;
if (spec.warmup > 0) await fire(spec, spec.warmup);
// The warm-up advanced the versions of updated records: the measured run keeps following them.
const measureCpu = spec.serverPid !== undefined && spec.databasePid !== undefined && existsSync('/proc/self/stat');
const before = measureCpu ? { server: cpuSeconds(spec.serverPid!), database: databaseCpuSeconds(spec.databasePid!) } : undefined;
const result = await fire(spec, spec.duration);
const cpu = before ? {
  serverUs: ((cpuSeconds(spec.serverPid!) - before.server) * 1e6) / Math.max(result.requests.total, 1),
  databaseUs: ((databaseCpuSeconds(spec.databasePid!) - before.database) * 1e6) / Math.max(result.requests.total, 1),
} : undefined;
const statusCodes: Record<string, number> = {};
for (const [code, n] of Object.entries(result.statusCodeStats ?? {})) statusCodes[code] = (n as { count: number }).count;
const out: CannonResult = {
  requests: result.requests.total,
  rps: result.requests.average,
  p50: result.latency.p50,
  p90: result.latency.p90,
  p99: result.latency.p99,
  max: result.latency.max,
  non2xx: result.non2xx,
  errors: result.errors,
  timeouts: result.timeouts,
  statusCodes,
  ...(cpu ? { cpu } : {}),
};
process.stdout.write(`${JSON.stringify(out)}\n`);
