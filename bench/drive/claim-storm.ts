// The claim storm's load, in its own process: every user claims leads of one shuffled list
// concurrently, one request in flight per user, until the list is exhausted or the pool says
// the user reached a limit. Prints one JSON line: the successful claims and every answer.
// Usage: node --import tsx bench/drive/claim-storm.ts <spec.json>
import { readFileSync } from 'node:fs';
import { Agent, request } from 'node:http';

interface StormSpec {
  url: string;
  path: string; // /api/t/{t}/pools/{p}/claim
  users: Array<{ id: string; token: string }>;
  ids: string[];
}

const spec = JSON.parse(readFileSync(process.argv[2]!, 'utf8')) as StormSpec;
const agent = new Agent({ keepAlive: true, maxSockets: spec.users.length });
const target = new URL(spec.path, spec.url);

function claim(token: string, id: string): Promise<{ status: number; code?: string; owner?: string }> {
  const body = JSON.stringify({ id });
  return new Promise((resolve, reject) => {
    const req = request(target, {
      method: 'POST', agent,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
    }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c)).on('end', () => {
        let parsed: { code?: string; owner?: string } = {};
        try { parsed = JSON.parse(Buffer.concat(chunks).toString('utf8')); } catch { /* not JSON */ }
        resolve({ status: res.statusCode ?? 0, ...(parsed.code ? { code: parsed.code } : {}), ...(parsed.owner ? { owner: parsed.owner } : {}) });
      });
    });
    req.on('error', reject);
    req.end(body);
  });
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
await Promise.all(spec.users.map(async (user, u) => {
  for (const id of shuffled(spec.ids, u + 1)) {
    const answer = await claim(user.token, id);
    const key = answer.code ? `${answer.status} ${answer.code}` : String(answer.status);
    answers[key] = (answers[key] ?? 0) + 1;
    if (answer.status === 200) successes.push({ user: user.id, id, ...(answer.owner ? { owner: answer.owner } : {}) });
    else if (answer.code === 'claim_limit_reached' || answer.code === 'daily_claim_limit_reached' || answer.status === 429) break;
    else if (answer.status !== 409) throw new Error(`claim answered ${key}`);
  }
}));
const seconds = (performance.now() - started) / 1000;
agent.destroy();
process.stdout.write(`${JSON.stringify({ seconds, successes, answers })}\n`);
