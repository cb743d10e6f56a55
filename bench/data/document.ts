import { cities, segments, sources } from '../config.ts';

/**
 * The bench tenants' metadata: a lead with twelve fields (text, select, integer, currency,
 * datetime, lookup, stage, …) in a pipeline and a pool, visits, roles with ABAC conditions,
 * and two assignment rules (even, minVariance) over two 10% segments of the leads.
 * `city` and `score` are `indexed: true`; `stage` is a real column.
 */
export function benchDocument(): Record<string, unknown> {
  return {
    name: 'Bench CRM',
    locale: 'en',
    timeZone: 'UTC',
    objects: {
      lead: {
        label: { en: 'Lead' },
        titleField: 'name',
        fields: {
          name: { type: 'text', required: true, maxLength: 120 },
          city: { type: 'select', options: [...cities], indexed: true },
          score: { type: 'integer', min: 0, max: 100, indexed: true },
          expectedRevenue: { type: 'currency', currency: 'CNY' },
          nextCallAt: { type: 'datetime' },
          source: { type: 'select', options: [...sources] },
          segment: { type: 'select', options: [...segments] },
          referrer: { type: 'lookup', object: 'user' },
          contactName: { type: 'text' },
          contactPhone: { type: 'phone' },
          notes: { type: 'textarea', maxLength: 2000 },
          stage: { type: 'stage', pipeline: 'leadFunnel' },
        },
      },
      visit: {
        label: { en: 'Visit' },
        fields: {
          lead: { type: 'lookup', object: 'lead', required: true },
          visitedAt: { type: 'datetime', required: true },
          outcome: { type: 'select', options: ['met_kp', 'no_show', 'follow_up'] },
        },
      },
    },
    pipelines: {
      leadFunnel: {
        object: 'lead',
        field: 'stage',
        stages: [
          { key: 'new', kind: 'open', probability: 0.05 },
          { key: 'contacted', kind: 'open', probability: 0.15 },
          { key: 'confirmed', kind: 'open', probability: 0.35 },
          { key: 'negotiating', kind: 'open', probability: 0.6, requires: ['expectedRevenue'] },
          { key: 'signed', kind: 'won', probability: 1 },
          { key: 'lost', kind: 'lost', probability: 0 },
        ],
        transitions: 'forward',
      },
    },
    pools: {
      leadPool: {
        object: 'lead',
        maxPerOwner: 200,
        maxClaimsPerDay: 15,
        holdDays: 30,
        releaseIfNoVisitDays: 15,
        releaseIfNotWonDays: 30,
        extension: { days: 15, maxTimes: 1, by: ['owner'] },
        reclaimCooldownDays: 7,
        warnDaysBefore: 3,
        visit: { object: 'visit', field: 'lead', at: 'visitedAt' },
        exempt: { stage: { $in: ['signed'] } },
        timeZone: 'UTC',
      },
    },
    roles: {
      admin: { all: true },
      bd: [
        { object: 'lead', actions: ['read', 'create'], where: { $or: [{ owner: '$user.id' }, { poolState: 'public' }] } },
        { object: 'lead', actions: ['update'], where: { owner: '$user.id' }, fields: ['contactName', 'contactPhone', 'expectedRevenue', 'source', 'notes'] },
        { object: 'lead', actions: ['transition'], where: { owner: '$user.id' } },
        { object: 'lead', actions: ['claim'], where: { poolState: 'public' } },
        { object: 'lead', actions: ['release', 'extend'], where: { owner: '$user.id' } },
        { object: 'visit', actions: ['read', 'create'], where: { 'lead.owner': '$user.id' } },
      ],
    },
    assignmentRules: {
      evenSegmentA: {
        object: 'lead',
        pool: 'leadPool',
        records: { include: { segment: 'a', poolState: 'public' } },
        users: { where: { roles: 'bd', 'attributes.team': 'east' }, maxPerDay: 150, maxTotal: 150 },
        match: 'even',
        priority: 10,
      },
      minVarianceSegmentB: {
        object: 'lead',
        pool: 'leadPool',
        records: { include: { segment: 'b', poolState: 'public' } },
        users: { where: { roles: 'bd', 'attributes.team': 'west' }, maxPerDay: 150, maxTotal: 150 },
        match: 'minVariance',
        priority: 20,
      },
    },
    components: { enabled: ['pools', 'visits', 'assignment', 'workOrders', 'reports', 'import'] },
  };
}

/** The publish benchmark's document: `objects` objects × `fields` fields, every field type, some indexed. */
export function wideDocument(objects = 50, fields = 40): Record<string, unknown> {
  const kinds: Array<(i: number, o: number) => Record<string, unknown>> = [
    () => ({ type: 'text', maxLength: 200 }),
    () => ({ type: 'integer', min: 0, max: 1_000_000 }),
    () => ({ type: 'decimal', scale: 2 }),
    () => ({ type: 'currency', currency: 'USD' }),
    () => ({ type: 'boolean' }),
    () => ({ type: 'date' }),
    () => ({ type: 'datetime' }),
    () => ({ type: 'email' }),
    () => ({ type: 'select', options: ['one', 'two', 'three', 'four'] }),
    () => ({ type: 'multiselect', options: ['x', 'y', 'z'] }),
    (_i, o) => ({ type: 'lookup', object: o > 0 ? `obj${o - 1}` : 'user' }),
    () => ({ type: 'textarea' }),
  ];
  const out: Record<string, unknown> = {};
  for (let o = 0; o < objects; o++) {
    const fieldDefs: Record<string, unknown> = { name: { type: 'text', required: true } };
    for (let i = 1; i < fields; i++) {
      const def = kinds[i % kinds.length]!(i, o);
      if (i % 13 === 1 && def.type !== 'multiselect' && def.type !== 'textarea') def.indexed = true;
      fieldDefs[`f${i}`] = def;
    }
    out[`obj${o}`] = { label: { en: `Object ${o}` }, titleField: 'name', fields: fieldDefs };
  }
  return { name: 'Wide', locale: 'en', timeZone: 'UTC', objects: out, roles: { admin: { all: true } } };
}
