// The raw baseline: node:http, a pg pool and hand-written SQL over the typed table bench_leads
// (real columns, btree indexes on the filtered columns). It serves the benchmark's four
// requests with no framework, no metadata and no permission engine — the physical limit of
// this hardware for the same rows. Usage: PORT=… DATABASE_URL=… node --import tsx bench/baseline/server.ts
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import pg from 'pg';

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
const columns = `id, version, owner, pool_state AS "poolState", stage, name, city, score, expected_revenue::float8 AS "expectedRevenue",
  next_call_at AS "nextCallAt", source, segment, referrer, contact_name AS "contactName", contact_phone AS "contactPhone", notes,
  created_at AS "createdAt", updated_at AS "updatedAt"`;
const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const writable = ['name', 'city', 'score', 'expectedRevenue', 'nextCallAt', 'source', 'segment', 'contactName', 'contactPhone', 'notes'] as const;
const column: Record<string, string> = { expectedRevenue: 'expected_revenue', nextCallAt: 'next_call_at', contactName: 'contact_name', contactPhone: 'contact_phone' };

function send(res: http.ServerResponse, status: number, body: unknown, etag?: number): void {
  const text = JSON.stringify(body);
  const headers: http.OutgoingHttpHeaders = { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) };
  if (etag !== undefined) headers.etag = `"${etag}"`;
  res.writeHead(status, headers).end(text);
}

function readBody(req: http.IncomingMessage): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c)).on('end', () => {
      try { resolve(JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}')); } catch (e) { reject(e); }
    }).on('error', reject);
  });
}

/** The same checks the typed columns need: a bad value is a 422, not a database error. */
function check(body: Record<string, unknown>, create: boolean): string | undefined {
  if (create && (typeof body.name !== 'string' || body.name === '')) return 'name is required';
  for (const key of Object.keys(body)) if (!(writable as readonly string[]).includes(key)) return `unknown field ${key}`;
  if (body.score !== undefined && (!Number.isInteger(body.score) || (body.score as number) < 0 || (body.score as number) > 100)) return 'score must be 0..100';
  if (body.expectedRevenue !== undefined && typeof body.expectedRevenue !== 'number') return 'expectedRevenue must be a number';
  return undefined;
}

const server = http.createServer(async (req, res) => {
  try {
    const url = new URL(req.url ?? '/', 'http://x');
    const parts = url.pathname.split('/').filter(Boolean); // t/{tenant}/leads[/{id}]
    const tenant = parts[1];
    const user = req.headers['x-user'] as string | undefined; // a BD: own or public leads only
    if (parts[0] !== 't' || !tenant || !uuid.test(tenant) || parts[2] !== 'leads' || (user && !uuid.test(user))) return send(res, 404, { error: 'not found' });
    const id = parts[3];
    if (id && !uuid.test(id)) return send(res, 404, { error: 'not found' });
    if (req.method === 'GET' && id) {
      const { rows } = await pool.query({
        name: user ? 'get-bd' : 'get',
        text: `SELECT ${columns} FROM bench_leads WHERE tenant_id = $1 AND id = $2${user ? ` AND (owner = $3 OR pool_state = 'public')` : ''}`,
        values: user ? [tenant, id, user] : [tenant, id],
      });
      return rows[0] ? send(res, 200, rows[0], rows[0].version) : send(res, 404, { error: 'not found' });
    }
    if (req.method === 'GET') {
      const limit = Math.min(500, Number(url.searchParams.get('limit') ?? 50));
      const values: unknown[] = [tenant, url.searchParams.get('stage'), url.searchParams.get('city'), Number(url.searchParams.get('minScore') ?? 0), limit];
      if (user) values.push(user);
      const { rows } = await pool.query({
        name: user ? 'list-bd' : 'list',
        text: `SELECT ${columns} FROM bench_leads WHERE tenant_id = $1 AND stage = $2 AND city = $3 AND score >= $4
               ${user ? `AND (owner = $6 OR pool_state = 'public')` : ''} ORDER BY score DESC, id DESC LIMIT $5`,
        values,
      });
      return send(res, 200, { data: rows });
    }
    if (req.method === 'POST' && !id) {
      const body = await readBody(req);
      const problem = check(body, true);
      if (problem) return send(res, 422, { error: problem });
      const keys = writable.filter((k) => body[k] !== undefined);
      const { rows } = await pool.query(
        `INSERT INTO bench_leads (tenant_id, id, pool_state, stage, ${keys.map((k) => column[k] ?? k).join(', ')})
         VALUES ($1, $2, 'public', 'new', ${keys.map((_, i) => `$${i + 3}`).join(', ')}) RETURNING ${columns}`,
        [tenant, randomUUID(), ...keys.map((k) => body[k])],
      );
      return send(res, 201, rows[0], rows[0].version);
    }
    if (req.method === 'PATCH' && id) {
      const body = await readBody(req);
      const problem = check(body, false);
      if (problem) return send(res, 422, { error: problem });
      const ifMatch = Number((req.headers['if-match'] ?? '').replace(/"/g, '')) || null;
      const keys = writable.filter((k) => body[k] !== undefined);
      const { rows } = await pool.query(
        `UPDATE bench_leads SET ${keys.map((k, i) => `${column[k] ?? k} = $${i + 4}`).join(', ')}${keys.length ? ', ' : ''}version = version + 1, updated_at = now()
          WHERE tenant_id = $1 AND id = $2 AND ($3::int IS NULL OR version = $3) RETURNING ${columns}`,
        [tenant, id, ifMatch, ...keys.map((k) => body[k])],
      );
      if (rows[0]) return send(res, 200, rows[0], rows[0].version);
      const exists = await pool.query('SELECT 1 FROM bench_leads WHERE tenant_id = $1 AND id = $2', [tenant, id]);
      return send(res, exists.rowCount ? 412 : 404, { error: exists.rowCount ? 'version mismatch' : 'not found' });
    }
    return send(res, 405, { error: 'method not allowed' });
  } catch (error) {
    send(res, error instanceof SyntaxError ? 400 : 500, { error: String(error) });
  }
});

server.keepAliveTimeout = 60_000;
server.listen(Number(process.env.PORT ?? 3100), '127.0.0.1', () => console.log(`baseline listening on ${(server.address() as { port: number }).port}`));
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => { server.close(); void pool.end().then(() => process.exit(0)); });
