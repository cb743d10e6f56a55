import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import openapiTS, { astToString } from 'openapi-typescript';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

/**
 * A client program written against the types openapi-typescript generates for a CRM with
 * hotels, leads (a funnel) and contracts — the hotel template and the test CRM both fit. It must
 * type-check with `tsc --noEmit` (the `@ts-expect-error` lines prove the types reject what the
 * server would), and it runs create → list (filtered) → update (If-Match) → get through
 * openapi-fetch.
 */
const clientProgram = `import createClient, { type Client } from 'openapi-fetch';
import type { components, paths } from './schema.ts';

type Lead = components['schemas']['Lead'];
type Problem = components['schemas']['Problem'];

export interface Outcome {
  created: Lead;
  createdEtag: string | null;
  listed: Lead[];
  total: number | undefined;
  expandedHotelName: string | null | undefined;
  updated: Lead;
  stale: { status: number; problem: Problem | undefined };
  invalid: { status: number; problem: Problem | undefined };
  fetched: Lead;
}

function must<T>(result: { data?: T; error?: unknown; response: Response }, what: string): T {
  if (result.data === undefined) throw new Error(what + ': ' + result.response.status + ' ' + JSON.stringify(result.error));
  return result.data;
}

export async function run(baseUrl: string, token: string): Promise<Outcome> {
  const client: Client<paths> = createClient<paths>({ baseUrl, headers: { authorization: 'Bearer ' + token } });
  const hotel = must(await client.POST('/records/hotel', { body: { name: 'Hilton Pudong', city: 'shanghai' } }), 'create hotel');
  const createdResult = await client.POST('/records/lead', {
    params: { header: { 'Idempotency-Key': 'lead-' + hotel.id } },
    body: { name: 'Pudong lead', hotel: hotel.id, score: 72, source: 'bd', notes: null },
  });
  const created = must(createdResult, 'create lead');
  must(await client.POST('/records/lead', { body: { name: 'Cold lead', hotel: hotel.id, score: 10 } }), 'create cold lead');
  const page = must(await client.GET('/records/lead', {
    params: { query: { where: JSON.stringify({ score: { $gte: 50 } }), orderBy: '-score', limit: 10, count: true, expand: 'hotel' } },
  }), 'list leads');
  const first = page.data[0];
  const expandedHotelName = first && typeof first.hotel === 'object' && first.hotel !== null ? first.hotel.name : undefined;
  const etag = createdResult.response.headers.get('etag') ?? '';
  const updated = must(await client.PATCH('/records/lead/{id}', {
    params: { path: { id: created.id }, header: { 'If-Match': etag } },
    body: { score: 90, notes: 'Called the GM', source: null },
  }), 'update lead');
  const stale = await client.PATCH('/records/lead/{id}', { params: { path: { id: created.id }, header: { 'If-Match': etag } }, body: { score: 91 } });
  const invalid = await client.POST('/records/lead', { body: { name: 'Too good', hotel: hotel.id, score: 500 } });
  const fetched = must(await client.GET('/records/lead/{id}', { params: { path: { id: created.id } } }), 'get lead');
  return {
    created, createdEtag: createdResult.response.headers.get('etag'), listed: page.data, total: page.total, expandedHotelName, updated,
    stale: { status: stale.response.status, problem: stale.error }, invalid: { status: invalid.response.status, problem: invalid.error }, fetched,
  };
}

/** Never called: each marked line must fail to compile. */
export function rejectedByTheTypes(client: Client<paths>): void {
  // @ts-expect-error an option the select does not have
  void client.POST('/records/lead', { body: { name: 'x', source: 'telepathy' } });
  // @ts-expect-error a value of the wrong type
  void client.POST('/records/lead', { body: { name: 'x', score: 'high' } });
  // @ts-expect-error the required name is missing
  void client.POST('/records/hotel', { body: { city: 'shanghai' } });
  // @ts-expect-error there is no such object
  void client.GET('/records/nothing', {});
  // openapi-fetch infers bodies generically (no excess-property check), so these use the schema types.
  // @ts-expect-error autonumbers are assigned by the server
  const contract: components['schemas']['ContractCreate'] = { number: 'HC-00001' };
  // @ts-expect-error the stage changes only through the transition endpoint
  const move: components['schemas']['LeadUpdate'] = { stage: 'signed' };
  // @ts-expect-error a field the object does not have
  const unknown: components['schemas']['LeadCreate'] = { name: 'x', colour: 'red' };
  void [contract, move, unknown];
}
`;

const tsconfig = {
  compilerOptions: {
    target: 'ES2022', module: 'ESNext', moduleResolution: 'Bundler', strict: true, noEmit: true, skipLibCheck: true,
    noUncheckedIndexedAccess: true, allowImportingTsExtensions: true, verbatimModuleSyntax: true, lib: ['ES2023', 'DOM'], types: [],
  },
  files: ['client.ts'],
};

export interface TypedClientCheck {
  dir: string;
  /** What `tsc --noEmit` printed (empty when the program type-checks). */
  typeErrors: string;
  /** Runs the program against a server: `baseUrl` ends with `/api/t/{slug}`. */
  run(baseUrl: string, token: string): Promise<any>;
  dispose(): void;
}

/**
 * Generates TypeScript types from an OpenAPI document with openapi-typescript into a temporary
 * directory (its `node_modules` links to the repository's), writes the client program beside
 * them and type-checks it with the repository's `tsc`.
 */
export async function generateTypedClient(document: unknown): Promise<TypedClientCheck> {
  const dir = mkdtempSync(join(tmpdir(), 'shoal-openapi-client-'));
  symlinkSync(join(repoRoot, 'node_modules'), join(dir, 'node_modules'), 'dir');
  const ast = await openapiTS(document as Parameters<typeof openapiTS>[0]);
  writeFileSync(join(dir, 'schema.ts'), astToString(ast));
  writeFileSync(join(dir, 'client.ts'), clientProgram);
  writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify(tsconfig, null, 2));
  let typeErrors = '';
  try {
    await promisify(execFile)(process.execPath, [join(repoRoot, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(dir, 'tsconfig.json')], { cwd: dir });
  } catch (error) {
    const failed = error as { stdout?: string; stderr?: string; message: string };
    typeErrors = `${failed.stdout ?? ''}${failed.stderr ?? ''}` || failed.message;
  }
  return {
    dir,
    typeErrors,
    run: async (baseUrl, token) => (await import(pathToFileURL(join(dir, 'client.ts')).href)).run(baseUrl, token),
    dispose: () => rmSync(dir, { recursive: true, force: true }),
  };
}
