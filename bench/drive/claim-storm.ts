// The claim storm's load, in its own process: every user claims leads of one shuffled list
// concurrently, one request in flight per user, until the list is exhausted or the pool says
// the user reached a limit. Prints one JSON line: the successful claims and every answer.
// Usage: node --import tsx bench/drive/claim-storm.ts <spec.json>
import { readFileSync } from 'node:fs';
import { connect, type Socket } from 'node:net';

interface StormSpec {
  url: string;
  path: string; // /api/t/{t}/pools/{p}/claim
  users: Array<{ id: string; token: string }>;
  ids: string[];
}

const spec = JSON.parse(readFileSync(process.argv[2]!, 'utf8')) as StormSpec;
const target = new URL(spec.path, spec.url);

/**
 * One keep-alive HTTP/1.1 connection per user, spoken directly on a socket as autocannon does
 * for the other rows: node:http's client spent 0.56 ms of CPU per request, on the same two
 * cores the server and PostgreSQL share. Answers are read by their Content-Length (the server
 * sends one with every JSON answer; anything else is an error).
 */
class Connection {
  readonly #socket: Socket;
  #buffer: Buffer = Buffer.alloc(0);
  #waiting: { resolve: (r: { status: number; body: string }) => void; reject: (e: Error) => void } | undefined;

  constructor() {
    this.#socket = connect(Number(target.port || 80), target.hostname);
    this.#socket.setNoDelay(true);
    this.#socket.on('data', (chunk: Buffer) => {
      this.#buffer = this.#buffer.length === 0 ? chunk : Buffer.concat([this.#buffer, chunk]);
      this.#parse();
    });
    this.#socket.on('error', (error) => this.#waiting?.reject(error));
    this.#socket.on('close', () => this.#waiting?.reject(new Error('the server closed the connection')));
  }

  send(head: string, body: string): Promise<{ status: number; body: string }> {
    return new Promise((resolve, reject) => {
      this.#waiting = { resolve, reject };
      this.#socket.write(head + body);
    });
  }

  #parse(): void {
    const end = this.#buffer.indexOf('\r\n\r\n');
    if (end < 0) return;
    const head = this.#buffer.subarray(0, end).toString('latin1');
    const length = /\r\ncontent-length:\s*(\d+)/i.exec(head);
    if (!length) {
      this.#waiting?.reject(new Error(`answer without Content-Length: ${head.slice(0, 200)}`));
      return;
    }
    const total = end + 4 + Number(length[1]);
    if (this.#buffer.length < total) return;
    const status = Number(head.slice(9, 12));
    const body = this.#buffer.subarray(end + 4, total).toString('utf8');
    this.#buffer = this.#buffer.subarray(total);
    const waiting = this.#waiting;
    this.#waiting = undefined;
    waiting?.resolve({ status, body });
  }

  close(): void {
    this.#socket.destroy();
  }
}

async function claim(connection: Connection, token: string, id: string): Promise<{ status: number; code?: string; owner?: string }> {
  const body = JSON.stringify({ id });
  const head = `POST ${target.pathname}${target.search} HTTP/1.1\r\nhost: ${target.host}\r\nauthorization: Bearer ${token}\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\n\r\n`;
  const answer = await connection.send(head, body);
  let parsed: { code?: string; owner?: string } = {};
  try { parsed = JSON.parse(answer.body); } catch { /* not JSON */ }
  return { status: answer.status, ...(parsed.code ? { code: parsed.code } : {}), ...(parsed.owner ? { owner: parsed.owner } : {}) };
}

// Each user walks its own random order of the list (seeded by its position), as people picking
// leads off the same public list do: 50 claims in flight often race for the same lead, and a
// user who meets a claimed lead moves on to the next.
function shuffled(ids: string[], salt: number): string[] {
  const out = [...ids];
  let state = (salt * 2654435761) >>> 0 || 1;
  for (let i = out.length - 1; i > 0; i--) {
    state ^= state << 13; state >>>= 0; state ^= state >>> 17; state ^= state << 5; state >>>= 0;
    const j = state % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}
const successes: Array<{ user: string; id: string; owner?: string }> = [];
const answers: Record<string, number> = {};
const started = performance.now();
const connections = spec.users.map(() => new Connection());
await Promise.all(spec.users.map(async (user, u) => {
  for (const id of shuffled(spec.ids, u + 1)) {
    const answer = await claim(connections[u]!, user.token, id);
    const key = answer.code ? `${answer.status} ${answer.code}` : String(answer.status);
    answers[key] = (answers[key] ?? 0) + 1;
    if (answer.status === 200) successes.push({ user: user.id, id, ...(answer.owner ? { owner: answer.owner } : {}) });
    else if (answer.code === 'claim_limit_reached' || answer.code === 'daily_claim_limit_reached' || answer.status === 429) break;
    else if (answer.status !== 409) throw new Error(`claim answered ${key}`);
  }
}));
const seconds = (performance.now() - started) / 1000;
for (const connection of connections) connection.close();
process.stdout.write(`${JSON.stringify({ seconds, successes, answers })}\n`);
