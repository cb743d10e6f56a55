import { cities, segments, sources, stages } from '../config.ts';

/**
 * Deterministic data: every value is a pure function of (seed, tenant, index), so a record
 * can be regenerated in any order and in any batch size.
 */
export function hash32(...parts: number[]): number {
  let h = 0x9e3779b9;
  for (const part of parts) {
    h ^= part >>> 0;
    h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
    h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
    h ^= h >>> 16;
  }
  return h >>> 0;
}

/** A number in [0, 1) for (seed, stream, index, salt). */
export function unit(seed: number, stream: number, index: number, salt: number): number {
  return hash32(seed, stream, index, salt) / 4294967296;
}

const pick = <T>(list: readonly T[], u: number): T => list[Math.floor(u * list.length)]!;

// Stage weights: new 30%, contacted 25%, confirmed 20%, negotiating 15%, signed 5%, lost 5%.
const stageCut = [0.3, 0.55, 0.75, 0.9, 0.95, 1];
const base = Date.UTC(2026, 0, 1);

export interface GeneratedLead {
  name: string;
  city: string;
  score: number;
  expectedRevenue: number;
  nextCallAt: string;
  source: string;
  segment: string;
  referrer?: string;
  contactName: string;
  contactPhone: string;
  notes: string;
  stage: string;
}

/** Lead `index` of tenant stream `stream`; `userIds` supply the lookup (every 7th lead has none). */
export function generateLead(seed: number, stream: number, index: number, userIds: readonly string[]): GeneratedLead {
  const u = (salt: number) => unit(seed, stream, index, salt);
  const stageU = u(1);
  const lead: GeneratedLead = {
    name: `Lead ${stream}-${index}`,
    city: pick(cities, u(2)),
    score: Math.floor(u(3) * 101),
    expectedRevenue: Math.round(u(4) * 10_000_000) / 100,
    nextCallAt: new Date(base + Math.floor(u(5) * 365 * 86400) * 1000).toISOString(),
    source: pick(sources, u(6)),
    // Segments are exact tenths (by index), so the assignment rules each see exactly 10%.
    segment: segments[index % segments.length]!,
    contactName: `Contact ${Math.floor(u(7) * 100000)}`,
    contactPhone: `+86 138 ${String(Math.floor(u(8) * 1e8)).padStart(8, '0')}`,
    notes: u(9) < 0.5 ? '' : `Met at fair ${Math.floor(u(10) * 1000)}; follow up about rooms`,
    stage: stages[stageCut.findIndex((c) => stageU < c)]!,
  };
  if (userIds.length > 0 && index % 7 !== 0) lead.referrer = userIds[Math.floor(u(11) * userIds.length)]!;
  if (!lead.notes) delete (lead as Partial<GeneratedLead>).notes;
  return lead;
}

/** Visit `index`: a lead among `leadIds` and a time in 2026. */
export function generateVisit(seed: number, index: number, leadIds: readonly string[]): { lead: string; visitedAt: string; outcome: string } {
  const u = (salt: number) => unit(seed, 9999, index, salt);
  return {
    lead: leadIds[Math.floor(u(1) * leadIds.length)]!,
    visitedAt: new Date(base + Math.floor(u(2) * 330 * 86400) * 1000).toISOString(),
    outcome: pick(['met_kp', 'no_show', 'follow_up'], u(3)),
  };
}

/** Users of a tenant: `count` BDs, alternating teams east/west. */
export function generateUsers(slug: string, count: number): Array<{ email: string; name: string; roles: string[]; attributes: Record<string, unknown> }> {
  return Array.from({ length: count }, (_, i) => ({
    email: `bd${i}@${slug}.bench`,
    name: `BD ${i}`,
    roles: ['bd'],
    attributes: { team: i % 2 === 0 ? 'east' : 'west' },
  }));
}
