import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { MetadataDocument } from '../platform/metadata/metadata-types.ts';
import { validateMetadata } from '../platform/metadata/validate-metadata.ts';

const here = dirname(fileURLToPath(import.meta.url));
const templates = ['hotel', 'food-delivery'] as const;

function load(name: string): MetadataDocument {
  return parse(readFileSync(join(here, name, 'metadata.yaml'), 'utf8')) as MetadataDocument;
}

/** Every place a label can appear, with its JSON pointer. */
function labels(doc: MetadataDocument): Array<[string, unknown]> {
  const out: Array<[string, unknown]> = [];
  for (const [o, object] of Object.entries(doc.objects)) {
    out.push([`/objects/${o}/label`, object.label], [`/objects/${o}/pluralLabel`, object.pluralLabel]);
    for (const [f, field] of Object.entries(object.fields)) {
      out.push([`/objects/${o}/fields/${f}/label`, field.label]);
      (field.options ?? []).forEach((option, i) => out.push([`/objects/${o}/fields/${f}/options/${i}`, typeof option === 'string' ? undefined : option.label]));
    }
  }
  for (const [p, pipeline] of Object.entries(doc.pipelines ?? {})) {
    out.push([`/pipelines/${p}/label`, pipeline.label]);
    pipeline.stages.forEach((s, i) => out.push([`/pipelines/${p}/stages/${i}/label`, s.label]));
  }
  for (const [p, pool] of Object.entries(doc.pools ?? {})) out.push([`/pools/${p}/label`, pool.label]);
  for (const [o, layout] of Object.entries(doc.layouts ?? {})) {
    (layout.form?.sections ?? []).forEach((s, i) => out.push([`/layouts/${o}/form/sections/${i}/title`, s.title]));
  }
  for (const [v, view] of Object.entries(doc.views ?? {})) out.push([`/views/${v}/label`, view.label]);
  for (const [r, rule] of Object.entries(doc.assignmentRules ?? {})) out.push([`/assignmentRules/${r}/title`, rule.title]);
  return out;
}

describe.each(templates)('template %s', (name) => {
  const doc = load(name);

  it('is a valid metadata document', () => {
    expect(validateMetadata(doc)).toEqual([]);
  });

  it('labels everything in English and Chinese', () => {
    const missing = labels(doc).filter(([, label]) => {
      if (typeof label !== 'object' || label === null) return true;
      const { en, zh } = label as { en?: string; zh?: string };
      return !en || !zh;
    });
    expect(missing.map(([path]) => path)).toEqual([]);
  });

  it('has a list, form and detail layout for every object', () => {
    for (const objectKey of Object.keys(doc.objects)) {
      const layout = doc.layouts?.[objectKey];
      expect(layout, objectKey).toBeDefined();
      expect(layout!.list?.columns.length, objectKey).toBeGreaterThan(0);
      expect(layout!.form?.sections.length, objectKey).toBeGreaterThan(0);
      expect(layout!.detail?.components.length, objectKey).toBeGreaterThan(0);
    }
    expect(doc.layouts?.lead?.detail?.components).toEqual(expect.arrayContaining(['stageBar', 'poolActions', 'form', { related: 'visit', label: expect.anything() }, 'timeline']));
  });

  it('has the four roles, saved views including a kanban, an assignment rule and every component', () => {
    expect(Object.keys(doc.roles ?? {})).toEqual(expect.arrayContaining(['admin', 'manager', 'bd', 'operator']));
    expect(doc.roles?.admin).toMatchObject({ all: true });
    expect(Object.keys(doc.views ?? {}).length).toBeGreaterThanOrEqual(3);
    expect(Object.values(doc.views ?? {}).some((v) => v.display === 'kanban')).toBe(true);
    expect(Object.keys(doc.assignmentRules ?? {}).length).toBeGreaterThanOrEqual(1);
    expect(doc.components?.enabled).toEqual(['pools', 'visits', 'assignment', 'workOrders', 'reports', 'import', 'webhooks']);
    expect(doc).toMatchObject({ locale: 'zh-CN', timeZone: 'Asia/Shanghai' });
  });

  it('has a lead funnel that converts into a contract and a pool with visits', () => {
    const pipeline = Object.values(doc.pipelines ?? {})[0]!;
    expect(pipeline.object).toBe('lead');
    expect(pipeline.transitions).toBe('forward');
    const won = pipeline.stages.filter((s) => s.kind === 'won');
    expect(won).toHaveLength(1);
    expect(won[0]!.creates?.object).toBe('contract');
    expect(pipeline.stages.find((s) => s.kind === 'lost')?.requiresNote).toBe(true);
    const pool = Object.values(doc.pools ?? {})[0]!;
    expect(pool).toMatchObject({ object: 'lead', visit: { object: 'visit', field: 'lead', at: 'visitedAt' }, timeZone: 'Asia/Shanghai' });
  });
});

describe('hotel template', () => {
  const doc = load('hotel');

  it('has hotels, leads, key persons, visits and contracts', () => {
    expect(Object.keys(doc.objects).length).toBeGreaterThanOrEqual(5);
    expect(Object.keys(doc.objects)).toEqual(expect.arrayContaining(['hotel', 'lead', 'keyPerson', 'visit', 'contract']));
    const hotel = doc.objects.hotel!.fields;
    expect(hotel.city!.options).toHaveLength(8);
    expect(hotel.starRating).toMatchObject({ type: 'integer', min: 1, max: 5 });
    expect(hotel.roomNightsPerMonth).toMatchObject({ type: 'integer', indexed: true, label: { zh: '月间夜量' } });
    expect(doc.objects.contract!.fields.number).toMatchObject({ type: 'autonumber', format: 'HC-{00000}' });
  });

  it('runs the funnel new → contacted → confirmed → negotiating → signed / lost', () => {
    const stages = doc.pipelines!.leadFunnel!.stages;
    expect(stages.map((s) => s.key)).toEqual(['new', 'contacted', 'confirmed', 'negotiating', 'signed', 'lost']);
    expect(stages[1]!.requires).toEqual(['contactName', 'contactPhone']);
    expect(stages[3]!.requires).toEqual(['expectedRevenue']);
    expect(stages[4]!.creates!.map).toMatchObject({ hotel: 'hotel', amount: 'expectedRevenue' });
  });

  it('keeps the market fair with the documented pool parameters', () => {
    expect(doc.pools!.leadPool).toMatchObject({
      maxPerOwner: 200, maxClaimsPerDay: 30, holdDays: 45, releaseIfNoVisitDays: 15, releaseIfNotWonDays: 30,
      extension: { days: 15, maxTimes: 1, by: ['owner', 'manager'] }, reclaimCooldownDays: 7, warnDaysBefore: 3,
      exempt: { stage: { $in: ['signed'] } }, members: { roles: { $in: ['bd', 'manager'] } }, hiddenWhilePublic: ['contactPhone'],
      admins: { roles: 'manager' },
    });
  });

  it('prioritises assigned work orders by room-nights', () => {
    const rule = Object.values(doc.assignmentRules!)[0]!;
    expect(rule).toMatchObject({ match: 'even', schedule: '0 8 * * 1-5', workOrderPriority: { field: 'hotel.roomNightsPerMonth', order: 'desc' } });
  });
});

describe('food-delivery template', () => {
  const doc = load('food-delivery');

  it('has restaurants with cuisine and delivery radius, and delivery zones', () => {
    expect(Object.keys(doc.objects)).toEqual(expect.arrayContaining(['restaurant', 'lead', 'visit', 'contract', 'deliveryZone']));
    const restaurant = doc.objects.restaurant!.fields;
    expect(restaurant.cuisine!.options!.length).toBeGreaterThanOrEqual(10);
    expect(restaurant.deliveryRadiusKm!.type).toBe('decimal');
    expect(restaurant.rating).toMatchObject({ type: 'decimal', min: 0, max: 5 });
    expect(restaurant.monthlyOrders).toMatchObject({ type: 'integer', indexed: true });
    expect(restaurant.tags!.type).toBe('multiselect');
  });

  it('uses different pool parameters than the hotel template', () => {
    const hotel = load('hotel').pools!.leadPool!;
    const food = Object.values(doc.pools!)[0]!;
    for (const key of ['maxPerOwner', 'maxClaimsPerDay', 'holdDays', 'releaseIfNoVisitDays', 'releaseIfNotWonDays'] as const) {
      expect(food[key], key).not.toBe(hotel[key]);
    }
  });
});
