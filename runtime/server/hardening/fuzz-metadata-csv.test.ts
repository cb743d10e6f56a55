import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDocument } from '../../../platform/testing/fixtures.ts';
import { createTestContext, type TestContext, type TestTenant } from '../../testing/test-server.ts';
import { expectHealthy, expectWellFormedAnswer, fuzzParameters, FuzzTally, hostileJson, hostileScalar, hostileString, sqlErrorText } from './fuzz-support.ts';
import { edgeDateValue } from './filter-arbitraries.ts';

/**
 * Property-based fuzzing of metadata documents (PUT draft, validate, and publishing what was
 * accepted) and of CSV imports (random headers, cells, quoting, BOM, line endings) against a
 * real server on the embedded database. Every answer is a 2xx or a 4xx problem; every import
 * job finishes with per-row errors (never stuck, never a database message); the server keeps
 * serving.
 */

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Every JSON pointer (as a path array) inside a document. */
function pathsOf(value: Json, prefix: Array<string | number> = [], out: Array<Array<string | number>> = []): Array<Array<string | number>> {
  out.push(prefix);
  if (Array.isArray(value)) value.forEach((v, i) => pathsOf(v, [...prefix, i], out));
  else if (value !== null && typeof value === 'object') for (const [k, v] of Object.entries(value)) pathsOf(v, [...prefix, k], out);
  return out;
}

type Mutation = { kind: 'replace' | 'delete' | 'add' | 'rename'; at: number; value: unknown; key: string };

function applyMutation(document: Json, m: Mutation): Json {
  const paths = pathsOf(document).filter((p) => p.length > 0);
  const path = paths[m.at % paths.length]!;
  const parentPath = path.slice(0, -1);
  let parent: any = document;
  for (const step of parentPath) parent = parent[step];
  const last = path[path.length - 1]!;
  if (m.kind === 'replace') parent[last] = m.value;
  else if (m.kind === 'delete') Array.isArray(parent) ? parent.splice(Number(last), 1) : delete parent[last];
  else if (m.kind === 'add') {
    const target = parent[last];
    if (target !== null && typeof target === 'object' && !Array.isArray(target)) target[m.key] = m.value;
    else if (Array.isArray(target)) target.push(m.value);
    else parent[last] = m.value;
  } else if (!Array.isArray(parent)) {
    const value = parent[last];
    delete parent[last];
    parent[m.key] = value;
  }
  return document;
}

const fieldTypes = ['text', 'textarea', 'integer', 'decimal', 'currency', 'percent', 'boolean', 'date', 'datetime', 'select', 'multiselect', 'lookup', 'user', 'email', 'phone', 'url', 'autonumber', 'stage', 'json', 'nope'];

const mutation: fc.Arbitrary<Mutation> = fc.record({
  kind: fc.constantFrom('replace', 'delete', 'add', 'rename'),
  at: fc.nat(),
  value: fc.oneof(
    hostileJson,
    fc.constantFrom(...fieldTypes).map((type) => ({ type })),
    fc.record({ type: fc.constantFrom(...fieldTypes), object: fc.constantFrom('hotel', 'lead', 'nope'), options: fc.array(hostileString, { maxLength: 3 }), required: fc.boolean(), indexed: fc.boolean() }, { requiredKeys: ['type'] }),
    fc.constantFrom({ $gte: 'now-15d' }, { score: { $gte: '$user.attributes.x' } }, { object: 'lead', actions: ['read'] }, 'manager', ['bd'], -1, 1e9),
    edgeDateValue.map((value) => ({ object: 'lead', actions: ['read'], where: { createdAt: { $gt: value } } })),
  ),
  key: fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom('__proto__', 'constructor', 'id', 'owner', 'version', 'a.b', 'Name', '1abc', 'x'.repeat(200), 'tenant_id')),
});

/** Plausible field definitions, so many mutated documents are valid and get published. */
const fieldDefinition = fc.oneof(
  fc.record({ type: fc.constantFrom('text', 'textarea'), maxLength: fc.integer({ min: 1, max: 5000 }), indexed: fc.boolean(), required: fc.constant(false) }, { requiredKeys: ['type'] }),
  fc.record({ type: fc.constantFrom('integer', 'decimal', 'currency', 'percent'), min: fc.integer({ min: -100, max: 0 }), max: fc.integer({ min: 1, max: 1e6 }), indexed: fc.boolean() }, { requiredKeys: ['type'] }),
  fc.record({ type: fc.constantFrom('boolean', 'date', 'datetime', 'email', 'phone', 'url') }),
  fc.record({ type: fc.constantFrom('select', 'multiselect'), options: fc.uniqueArray(fc.stringMatching(/^[a-z][a-z0-9_]{0,8}$/), { minLength: 1, maxLength: 4 }) }),
  fc.record({ type: fc.constant('lookup'), object: fc.constantFrom('hotel', 'lead', 'user') }),
  fc.record({ type: fc.constant('autonumber'), format: fc.constantFrom('N-{0000}', 'X{00}') }),
);

const benignMutation = fc.record({
  object: fc.constantFrom('hotel', 'lead', 'visit', 'contract'),
  key: fc.stringMatching(/^[a-z][a-zA-Z0-9]{0,10}$/),
  definition: fieldDefinition,
  label: fc.oneof(fc.string({ maxLength: 20 }), fc.constantFrom('<img src=x onerror=alert(1)>', '"><script>alert(1)</script>')),
});

function applyBenign(document: any, m: { object: string; key: string; definition: unknown; label: string }): Json {
  document.objects[m.object].fields[m.key] ??= m.definition;
  document.objects[m.object].label = { en: m.label, zh: m.label };
  return document;
}

describe('fuzz: metadata documents and CSV imports [pglite]', () => {
  const tally = new FuzzTally();
  let ctx: TestContext;
  let tenant: TestTenant;
  const path = (p: string) => `/api/t/${tenant.slug}${p}`;

  beforeAll(async () => {
    ctx = await createTestContext('pglite');
    tenant = await ctx.createTenantWith(testDocument());
    await tenant.admin.post(path('/records/hotel'), { name: 'Grand Hyatt', city: 'shanghai' });
  });

  afterAll(async () => {
    console.log(tally.report('metadata documents and CSV imports [pglite]'));
    await ctx?.server.close();
    await ctx?.database.dispose();
  });

  it('metadata documents: validate, save as draft, and publish what was accepted', async () => {
    const documents = fc.oneof(
      { weight: 6, arbitrary: fc.array(benignMutation, { minLength: 1, maxLength: 3 }).map((ms) => ms.reduce((doc, m) => applyBenign(doc, m), structuredClone(testDocument()) as any)) },
      { weight: 3, arbitrary: fc.tuple(fc.array(benignMutation, { maxLength: 2 }), mutation).map(([ms, m]) => applyMutation(ms.reduce((doc, b) => applyBenign(doc, b), structuredClone(testDocument()) as any), m)) },
      { weight: 6, arbitrary: fc.array(mutation, { minLength: 1, maxLength: 4 }).map((ms) => ms.reduce((doc, m) => applyMutation(doc, m), structuredClone(testDocument()) as unknown as Json)) },
      { weight: 1, arbitrary: hostileJson },
      { weight: 1, arbitrary: fc.record({ name: hostileScalar, objects: hostileJson, roles: hostileJson, pipelines: hostileJson, pools: hostileJson }, { requiredKeys: [] }) },
    );
    let published = 0;
    await fc.assert(fc.asyncProperty(documents, fc.nat(9), async (document, dice) => {
      const validated = await tenant.admin.post(path('/meta/draft/validate'), { document });
      tally.record('metadata validate', validated.status);
      expectWellFormedAnswer(validated, `validate ${JSON.stringify(document).slice(0, 1500)}`);
      const saved = await tenant.admin.put(path('/meta/draft'), { document });
      tally.record('metadata draft', saved.status);
      expectWellFormedAnswer(saved, `draft ${JSON.stringify(document).slice(0, 1500)}`);
      if (validated.status === 200) expect(saved.status === 200, `validate said ${JSON.stringify(validated.body).slice(0, 300)}, draft said ${saved.text.slice(0, 300)}`).toBe(validated.body.valid === true);
      if (saved.status === 200) {
        const diff = await tenant.admin.get(path('/meta/diff'));
        tally.record('metadata diff', diff.status);
        expectWellFormedAnswer(diff, 'diff');
        if (dice < 3) {
          const result = await tenant.admin.post(path('/meta/publish'), { confirmDestructive: dice === 0 });
          tally.record('metadata publish', result.status);
          expectWellFormedAnswer(result, `publish ${JSON.stringify(document).slice(0, 1500)}`);
          if (result.status === 200) {
            published++;
            // Whatever got published, the runtime keeps answering for it.
            const objects = await tenant.admin.get(path('/objects'));
            expect(objects.status).toBe(200);
            for (const o of objects.body.data ?? []) {
              const list = await tenant.admin.get(path(`/records/${encodeURIComponent(o.key)}?limit=5`));
              tally.record('list after publish', list.status);
              expectWellFormedAnswer(list, `list ${o.key} after publishing ${JSON.stringify(document).slice(0, 1500)}`);
            }
            const openapi = await tenant.admin.get(path('/openapi.json'));
            expect(openapi.status).toBe(200);
          }
          // Back to the fixture so later documents mutate a known base.
          const reset = await tenant.admin.put(path('/meta/draft'), { document: testDocument() });
          expect(reset.status).toBe(200);
          const republish = await tenant.admin.post(path('/meta/publish'), { confirmDestructive: true });
          expect(republish.status, republish.text).toBe(200);
        }
      }
    }), fuzzParameters(70));
    console.log(`[fuzz] metadata: ${published} mutated documents were published`);
    await expectHealthy(ctx.api);
  });

  async function waitForJob(jobId: string): Promise<any> {
    for (let i = 0; i < 200; i++) {
      const job = await tenant.admin.get(path(`/jobs/${jobId}`));
      expectWellFormedAnswer(job, `job ${jobId}`);
      if (job.body.state === 'done' || job.body.state === 'failed') return job.body;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`import job ${jobId} did not finish`);
  }

  it('CSV imports with random headers, cells, quoting, BOM and line endings', async () => {
    const columns = ['name', 'Name', 'hotel', 'Hotel', 'score', 'source', 'tags', 'nextCallAt', 'dueOn', 'active', 'expectedRevenue', 'contactPhone', 'notes', 'stage', 'owner', 'id', 'poolState', ''];
    const header = fc.oneof(
      { weight: 4, arbitrary: fc.uniqueArray(fc.constantFrom(...columns.slice(0, 13)), { minLength: 1, maxLength: 6 }).map((h) => (h.includes('name') || h.includes('Name') ? h : ['name', ...h])) },
      { weight: 1, arbitrary: fc.array(fc.oneof(fc.constantFrom(...columns), hostileString), { minLength: 0, maxLength: 5 }) },
    );
    const cell = fc.oneof(
      { weight: 3, arbitrary: fc.constantFrom('Lead', 'Grand Hyatt', '42', '1,0', 'vip;chain', 'bd', 'yes', 'no', '2026/03/01 10:00', '2026-03-01', '', '100.5', '+86 21 5555 0101') },
      { weight: 2, arbitrary: hostileString },
      { weight: 1, arbitrary: fc.constantFrom('"', '""', '"a"b"', 'a\nb', 'a\r\nb', '\ufeff', '=cmd|/C calc!A0', '+1', '@SUM(A1)', '\u0000', ',,,', ';', '\t') },
    );
    const csv = fc.tuple(header, fc.array(fc.array(cell, { maxLength: 8 }), { maxLength: 6 }), fc.boolean(), fc.constantFrom('\n', '\r\n', '\r'), fc.nat(3)).map(([h, rows, bom, eol, quoting]) => {
      const quote = (v: string) => (quoting === 0 ? v : quoting === 1 || /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
      const lines = [h.map(quote).join(','), ...rows.map((r) => r.map(quote).join(','))];
      return `${bom ? '\ufeff' : ''}${lines.join(eol)}`;
    });
    const upsertKey = fc.option(fc.constantFrom('name', 'contactPhone', 'nope', ''), { nil: undefined, freq: 4 });
    await fc.assert(fc.asyncProperty(csv, upsertKey, async (text, key) => {
      const query = key === undefined ? '' : `?upsertKey=${encodeURIComponent(key)}`;
      const upload = await tenant.admin.request('POST', path(`/records/lead/import${query}`), { rawBody: text, headers: { 'content-type': 'text/csv' } });
      tally.record('csv import', upload.status);
      expectWellFormedAnswer(upload, `import ${JSON.stringify(text).slice(0, 1500)}`);
      if (upload.status !== 202) return;
      const job = await waitForJob(upload.body.job);
      tally.record(`csv import job ${job.state}`, 200);
      // Done, or failed because the quoting breaks somewhere (saying where): never stuck.
      if (job.state === 'failed') expect(job.errors.at(-1).message, JSON.stringify(job)).toMatch(/^The CSV cannot be read from this row on/);
      for (const error of job.errors) {
        expect(typeof error.row).toBe('number');
        expect(error.message, JSON.stringify(text).slice(0, 500)).not.toMatch(sqlErrorText);
        expect(error.message).not.toMatch(/Something went wrong/);
      }
    }), fuzzParameters(60));
    const exported = await tenant.admin.get(path('/records/lead/export.csv'));
    expect(exported.status).toBe(200);
    await expectHealthy(ctx.api);
  });
});
