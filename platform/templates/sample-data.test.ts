import { describe, expect, it } from 'vitest';
import { ShoalError } from '../errors.ts';
import { fieldTypeSpecs } from '../metadata/field-types.ts';
import type { FieldDefinition, MetadataDocument } from '../metadata/metadata-types.ts';
import { createAjv, type ValidateFunction } from '../validation/ajv.ts';
import { listTemplates, loadTemplate } from './load-template.ts';
import { Random } from './random.ts';
import { generateSampleData, type SampleData, type SampleDataSpec, type SampleRecord } from './sample-data.ts';

const now = '2026-11-20T02:00:00.000Z';
const dayMs = 86_400_000;
const ajv = createAjv({ coerceTypes: false });
const isoUtc = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

function generate(name: string, seed = 42): { data: SampleData; document: MetadataDocument; spec: SampleDataSpec } {
  const { document, sampleData } = loadTemplate(name);
  return { data: generateSampleData(sampleData, document, { seed, now }), document, spec: sampleData };
}

function isRef(value: unknown): value is { ref: string } {
  return typeof value === 'object' && value !== null && 'ref' in value;
}

const validators = new Map<FieldDefinition, ValidateFunction>();

/** Problems of one value against its field: the field type's JSON Schema and extra check. */
function valueProblem(field: FieldDefinition, value: unknown): string | undefined {
  const spec = fieldTypeSpecs[field.type];
  let validate = validators.get(field);
  if (!validate) validators.set(field, (validate = ajv.compile(spec.valueSchema(field))));
  if (!validate(value)) return ajv.errorsText(validate.errors);
  return spec.check?.(field, value);
}

describe('templates on disk', () => {
  it('lists both verticals and loads their documents and specs', () => {
    expect(listTemplates()).toEqual(expect.arrayContaining(['food-delivery', 'hotel']));
    const hotel = loadTemplate('hotel');
    expect(hotel.document.name).toBe('Hotel BD');
    expect(hotel.sampleData.users.length).toBeGreaterThan(0);
  });

  it('rejects names that are not template names, and templates that do not exist', () => {
    for (const bad of ['../etc', 'Hotel', 'h', 'hotel/..', '', 'a'.repeat(41)]) {
      expect(() => loadTemplate(bad), bad).toThrow(expect.objectContaining({ code: 'bad_request' }));
    }
    expect(() => loadTemplate('breakfast-shops')).toThrow(expect.objectContaining({ code: 'not_found' }));
  });
});

describe.each(['hotel', 'food-delivery'])('sample data of %s', (name) => {
  const { data, document, spec } = generate(name);
  const byKey = new Map(data.records.map((r) => [r.key, r]));
  const usersByKey = new Map(data.users.map((u) => [u.key, u]));
  const leads = data.records.filter((r) => r.object === 'lead');
  const pool = Object.values(document.pools ?? {})[0]!;
  const pipeline = Object.values(document.pipelines ?? {})[0]!;
  const nowMs = Date.parse(now);

  it('is deterministic for a seed and changes with it', () => {
    expect(generate(name).data).toEqual(data);
    expect(JSON.parse(JSON.stringify(data))).toEqual(data); // plain JSON
    expect(generate(name, 43).data.records).not.toEqual(data.records);
  });

  it('makes a demo user per role, managed BDs and a shared password', () => {
    const roles = data.users.flatMap((u) => u.roles);
    for (const role of ['admin', 'manager', 'operator']) expect(roles.filter((r) => r === role)).toHaveLength(1);
    const bds = data.users.filter((u) => u.roles.includes('bd'));
    expect(bds.length).toBeGreaterThanOrEqual(3);
    for (const bd of bds) {
      expect(usersByKey.get(bd.managerKey!)?.roles).toContain('manager');
      expect(bd.email).toMatch(/^bd\d+@[a-z-]+\.demo$/);
      expect(bd.attributes).toMatchObject({ team: expect.any(String), city: expect.any(String), qualifications: expect.any(Array) });
    }
    expect(new Set(data.users.map((u) => u.password))).toEqual(new Set(['shoal-demo']));
  });

  it('makes at least 200 records, of every object the spec lists, with unique keys', () => {
    expect(data.records.length).toBeGreaterThanOrEqual(200);
    expect(byKey.size).toBe(data.records.length);
    for (const objectKey of Object.keys(spec.objects)) {
      expect(data.records.some((r) => r.object === objectKey), objectKey).toBe(true);
    }
  });

  it('gives every value a valid value of its field type', () => {
    const problems: string[] = [];
    for (const record of data.records) {
      const fields = document.objects[record.object]!.fields;
      for (const [key, value] of Object.entries(record.values)) {
        const field = fields[key];
        if (!field) problems.push(`${record.key}.${key}: no such field`);
        else if (field.type === 'lookup') continue; // references; checked below
        else if (field.type === 'stage') {
          if (!pipeline.stages.some((s) => s.key === value)) problems.push(`${record.key}.${key}: not a stage`);
        } else {
          const problem = valueProblem(field, value);
          if (problem) problems.push(`${record.key}.${key} = ${JSON.stringify(value)}: ${problem}`);
          if (field.type === 'datetime' && !isoUtc.test(String(value))) problems.push(`${record.key}.${key}: not ISO UTC with ms`);
        }
      }
      for (const [key, field] of Object.entries(fields)) {
        if (field.required && field.type !== 'autonumber' && record.values[key] === undefined && field.default === undefined) {
          problems.push(`${record.key}.${key}: required but empty`);
        }
        if (field.type === 'autonumber' && record.values[key] !== undefined) problems.push(`${record.key}.${key}: autonumber filled`);
      }
      if (!isoUtc.test(record.createdAt) || Date.parse(record.createdAt) > nowMs) problems.push(`${record.key}: bad createdAt ${record.createdAt}`);
    }
    expect(problems).toEqual([]);
  });

  it('keeps unique fields unique', () => {
    for (const [objectKey, object] of Object.entries(document.objects)) {
      for (const [key, field] of Object.entries(object.fields)) {
        if (!field.unique) continue;
        const values = data.records.filter((r) => r.object === objectKey).map((r) => r.values[key]).filter((v) => v !== undefined);
        expect(new Set(values).size, `${objectKey}.${key}`).toBe(values.length);
      }
    }
  });

  it('resolves every lookup to an earlier generated record of the right object', () => {
    const seen = new Set<string>();
    for (const record of data.records) {
      for (const [key, value] of Object.entries(record.values)) {
        const field = document.objects[record.object]!.fields[key]!;
        if (field.type !== 'lookup') continue;
        expect(isRef(value), `${record.key}.${key}`).toBe(true);
        const target = (value as { ref: string }).ref;
        expect(seen.has(target), `${record.key}.${key} → ${target} (earlier)`).toBe(true);
        expect(byKey.get(target)?.object, `${record.key}.${key}`).toBe(field.object);
      }
      seen.add(record.key);
    }
  });

  it('satisfies what each stage requires and spreads leads over the whole funnel', () => {
    const stageKeys = pipeline.stages.map((s) => s.key);
    for (const stage of stageKeys) expect(leads.some((l) => l.stage === stage), stage).toBe(true);
    for (const lead of leads) {
      expect(lead.values.stage).toBe(lead.stage);
      const i = stageKeys.indexOf(lead.stage!);
      if (pipeline.stages[i]!.kind === 'lost') continue;
      for (const s of pipeline.stages.slice(0, i + 1)) {
        for (const f of s.requires ?? []) expect(lead.values[f], `${lead.key} (${lead.stage}) needs ${f}`).toBeDefined();
      }
    }
  });

  it('converts every won lead into exactly one contract with the mapped values', () => {
    const won = pipeline.stages.find((s) => s.kind === 'won')!;
    const contracts = data.records.filter((r) => r.object === 'contract');
    for (const lead of leads.filter((l) => l.stage === won.key)) {
      const mine = contracts.filter((c) => isRef(c.values.lead) && c.values.lead.ref === lead.key);
      expect(mine, lead.key).toHaveLength(1);
      for (const [target, source] of Object.entries(won.creates!.map)) {
        expect(mine[0]!.values[target], `${lead.key} → ${target}`).toEqual(source === 'id' ? { ref: lead.key } : lead.values[source]);
      }
      expect(mine[0]!.ownerKey).toBe(lead.ownerKey);
    }
    expect(contracts.length).toBe(leads.filter((l) => l.stage === won.key).length);
  });

  it('has some leads claimed by BDs, the rest public, and honours the pool limits', () => {
    const claimed = leads.filter((l) => l.ownerKey);
    expect(claimed.length).toBeGreaterThan(20);
    expect(leads.length - claimed.length).toBeGreaterThan(20);
    const won = new Set(pipeline.stages.filter((s) => s.kind === 'won').map((s) => s.key));
    const exempt = new Set(((pool.exempt as { stage: { $in: string[] } }).stage.$in));
    const held = new Map<string, number>();
    const perDay = new Map<string, number>();
    for (const lead of leads) {
      expect(lead.pool).toBeDefined();
      expect(lead.poolState).toBe(lead.ownerKey ? 'private' : 'public');
      if (!lead.ownerKey) {
        expect(lead.claimedAt).toBeUndefined();
        continue;
      }
      expect(usersByKey.get(lead.ownerKey)?.roles, lead.key).toContain('bd');
      const claimedAt = Date.parse(lead.claimedAt!);
      expect(claimedAt).toBeLessThanOrEqual(nowMs);
      expect(claimedAt).toBeGreaterThanOrEqual(Date.parse(lead.createdAt));
      expect(Math.abs((nowMs - claimedAt) / dayMs - lead.claimedDaysAgo!)).toBeLessThan(1.5);
      if (!won.has(lead.stage!)) held.set(lead.ownerKey, (held.get(lead.ownerKey) ?? 0) + 1);
      const day = new Date(claimedAt + 8 * 3_600_000).toISOString().slice(0, 10); // Asia/Shanghai
      perDay.set(`${lead.ownerKey}|${day}`, (perDay.get(`${lead.ownerKey}|${day}`) ?? 0) + 1);
      if (exempt.has(lead.stage!)) continue;
      // The sweep would not release it: within the hold, the not-won deadline and the visit deadline.
      expect(nowMs - claimedAt, `${lead.key} hold`).toBeLessThan(pool.holdDays! * dayMs);
      expect(nowMs - claimedAt, `${lead.key} not won`).toBeLessThan(pool.releaseIfNotWonDays! * dayMs);
      const lastTouch = Math.max(claimedAt, lead.lastVisitAt ? Date.parse(lead.lastVisitAt) : 0);
      expect(nowMs - lastTouch, `${lead.key} no visit`).toBeLessThan(pool.releaseIfNoVisitDays! * dayMs);
    }
    for (const n of held.values()) expect(n).toBeLessThanOrEqual(pool.maxPerOwner!);
    for (const n of perDay.values()) expect(n).toBeLessThanOrEqual(pool.maxClaimsPerDay!);
  });

  it('records visits as visit records linked to their lead, by the lead owner, after the claim', () => {
    const visits = data.records.filter((r) => r.object === pool.visit!.object);
    expect(visits.length).toBeGreaterThan(20);
    expect(leads.filter((l) => l.ownerKey && l.lastVisitAt).length).toBeGreaterThan(10);
    for (const visit of visits) {
      const lead = byKey.get((visit.values[pool.visit!.field] as { ref: string }).ref)!;
      expect(lead.visitKeys).toContain(visit.key);
      const at = visit.values[pool.visit!.at] as string;
      expect(Date.parse(at)).toBeLessThanOrEqual(nowMs);
      expect(Date.parse(at)).toBeGreaterThanOrEqual(Date.parse(lead.createdAt));
      if (lead.ownerKey) {
        expect(visit.ownerKey).toBe(lead.ownerKey);
        expect(Date.parse(at)).toBeGreaterThanOrEqual(Date.parse(lead.claimedAt!));
      }
    }
    for (const lead of leads.filter((l) => l.visitKeys)) {
      const times = lead.visitKeys!.map((k) => byKey.get(k)!.values[pool.visit!.at] as string);
      expect(lead.lastVisitAt).toBe(times.sort().at(-1));
    }
  });

  it('mixes Chinese and English names', () => {
    const people = data.records.flatMap((r: SampleRecord) => [r.values.name, r.values.contactName]).filter((v): v is string => typeof v === 'string');
    expect(people.some((n) => /[\u4e00-\u9fff]/.test(n))).toBe(true);
    expect(people.some((n) => /^[A-Z][a-z]+ [A-Z][a-z]+/.test(n))).toBe(true);
    expect(data.users.some((u) => /[\u4e00-\u9fff]/.test(u.name)) && data.users.some((u) => /^[A-Z]/.test(u.name))).toBe(true);
  });
});

describe('generateSampleData on a small document', () => {
  const document: MetadataDocument = {
    name: 'Tiny',
    timeZone: 'Asia/Shanghai',
    objects: {
      shop: {
        label: 'Shop',
        fields: {
          name: { type: 'text', required: true, unique: true },
          kind: { type: 'select', options: ['a', 'b'] },
          opened: { type: 'date' },
        },
      },
    },
    roles: { clerk: [{ object: 'shop', actions: ['read'] }] },
  };
  const spec: SampleDataSpec = {
    password: 'secret-pass',
    users: [{ key: 'u1', email: 'u1@tiny.demo', name: 'U One', roles: ['clerk'] }],
    objects: {
      shop: {
        count: 12,
        owner: { users: { roles: 'clerk' } },
        fields: {
          kind: { pick: 'options' },
          name: { template: 'Shop {kind} ##' },
          opened: { days: [-30, 0], past: true },
        },
      },
    },
  };

  it('fills fields in order, keeps unique values unique and stays in the past', () => {
    const data = generateSampleData(spec, document, { seed: 1, now });
    expect(data.records).toHaveLength(12);
    expect(new Set(data.records.map((r) => r.values.name)).size).toBe(12);
    for (const r of data.records) {
      expect(r.values.name).toMatch(new RegExp(`^Shop ${String(r.values.kind)} \\d\\d`));
      expect(String(r.values.opened) <= '2026-11-20').toBe(true);
      expect(r.ownerKey).toBe('u1');
    }
  });

  it('names the problem when the spec does not fit the document', () => {
    const bad = (patch: Partial<SampleDataSpec['objects']['shop']>) => ({ ...spec, objects: { shop: { ...spec.objects.shop!, ...patch } } });
    const problem = (s: SampleDataSpec) => {
      try {
        generateSampleData(s, document, { seed: 1, now });
        return undefined;
      } catch (error) {
        expect(error).toBeInstanceOf(ShoalError);
        return (error as ShoalError).errors?.[0];
      }
    };
    expect(problem(bad({ fields: { kind: { value: 'c' } } }))).toMatchObject({ path: '/objects/shop/fields/kind' });
    expect(problem(bad({ fields: { kind: { pick: 'options' } } }))).toMatchObject({ path: '/objects/shop/fields/name', message: expect.stringContaining('required') });
    expect(problem(bad({ fields: { ...spec.objects.shop!.fields, colour: { value: 'red' } } }))).toMatchObject({ path: '/objects/shop/fields/colour' });
    expect(problem(bad({ owner: { users: { nope: 1 } } }))).toMatchObject({ path: '/objects/shop/owner/users/nope' });
    expect(problem({ ...spec, users: [{ ...spec.users[0]!, roles: ['ghost'] }] })).toMatchObject({ path: '/users/0/roles/0' });
    expect(problem({ ...spec, password: 'short' })).toMatchObject({ path: '/password' });
    const u1 = spec.users[0]!;
    const team = (managers: Record<string, string>) => ({ ...spec, users: ['u1', 'u2', 'u3'].map((key) => ({ ...u1, key, email: `${key}@example.com`, ...(managers[key] ? { manager: managers[key] } : {}) })) });
    expect(problem(team({ u1: 'u1' }))).toEqual({ path: '/users/0/manager', message: 'would make a reporting cycle (u1 → u1)' });
    expect(problem(team({ u1: 'u2', u2: 'u1' }))).toEqual({ path: '/users/0/manager', message: 'would make a reporting cycle (u1 → u2 → u1)' });
    expect(problem(team({ u2: 'u3', u3: 'u1', u1: 'u2' }))).toEqual({ path: '/users/0/manager', message: 'would make a reporting cycle (u1 → u2 → u3 → u1)' });
    expect(problem(team({ u2: 'u1', u3: 'u2' }))).toBeUndefined();
  });
});

describe('Random', () => {
  it('repeats its sequence for a seed and spreads integers over the range', () => {
    const a = new Random(123);
    const b = new Random(123);
    const xs = Array.from({ length: 1000 }, () => a.int(1, 6));
    expect(Array.from({ length: 1000 }, () => b.int(1, 6))).toEqual(xs);
    expect(new Set(xs)).toEqual(new Set([1, 2, 3, 4, 5, 6]));
    expect(Random.forStream(1, 'lead').next()).not.toBe(Random.forStream(1, 'hotel').next());
  });
});
