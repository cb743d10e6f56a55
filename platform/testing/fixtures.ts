import type { MetadataDocument } from '../metadata/metadata-types.ts';

/**
 * A compact CRM used across tests: hotels, leads in a funnel and a pool, visits, contracts,
 * and the roles admin / manager / bd with ownership, team and pool conditions.
 */
export function testDocument(overrides: Partial<MetadataDocument> = {}): MetadataDocument {
  return {
    name: 'Test CRM',
    locale: 'en',
    timeZone: 'Asia/Shanghai',
    objects: {
      hotel: {
        label: { en: 'Hotel', zh: '酒店' },
        titleField: 'name',
        fields: {
          name: { type: 'text', required: true, maxLength: 120 },
          city: { type: 'select', options: ['beijing', 'shanghai', 'nanjing', 'suzhou'], indexed: true },
          stars: { type: 'integer', min: 1, max: 5 },
          roomNights: { type: 'integer', min: 0, indexed: true },
          code: { type: 'text', unique: true },
        },
      },
      lead: {
        label: { en: 'Lead', zh: '线索' },
        titleField: 'name',
        fields: {
          name: { type: 'text', required: true },
          hotel: { type: 'lookup', object: 'hotel' },
          contactName: { type: 'text' },
          contactPhone: { type: 'phone' },
          expectedRevenue: { type: 'currency', currency: 'CNY' },
          score: { type: 'integer', min: 0, max: 100, indexed: true },
          stage: { type: 'stage', pipeline: 'leadFunnel' },
          source: { type: 'select', options: ['crawl', 'bd', 'merchant', 'crowd'] },
          tags: { type: 'multiselect', options: ['vip', 'chain', 'new'] },
          nextCallAt: { type: 'datetime' },
          dueOn: { type: 'date' },
          active: { type: 'boolean', default: true },
          notes: { type: 'textarea' },
        },
      },
      visit: {
        label: { en: 'Visit', zh: '拜访' },
        fields: {
          lead: { type: 'lookup', object: 'lead', required: true },
          visitedAt: { type: 'datetime', required: true },
          outcome: { type: 'select', options: ['met_kp', 'no_show', 'follow_up'] },
        },
      },
      contract: {
        label: { en: 'Contract', zh: '合同' },
        titleField: 'number',
        fields: {
          number: { type: 'autonumber', format: 'HC-{00000}' },
          hotel: { type: 'lookup', object: 'hotel' },
          lead: { type: 'lookup', object: 'lead', onDelete: 'clear' },
          amount: { type: 'currency' },
        },
      },
    },
    pipelines: {
      leadFunnel: {
        object: 'lead',
        field: 'stage',
        stages: [
          { key: 'new', kind: 'open', probability: 0.05 },
          { key: 'contacted', kind: 'open', requires: ['contactName', 'contactPhone'] },
          { key: 'negotiating', kind: 'open', requires: ['expectedRevenue'] },
          { key: 'signed', kind: 'won', creates: { object: 'contract', map: { hotel: 'hotel', amount: 'expectedRevenue', lead: 'id' } } },
          { key: 'lost', kind: 'lost', requiresNote: true },
        ],
        transitions: 'forward',
      },
    },
    pools: {
      leadPool: {
        object: 'lead',
        maxPerOwner: 5,
        maxClaimsPerDay: 10,
        holdDays: 45,
        releaseIfNoVisitDays: 15,
        releaseIfNotWonDays: 30,
        extension: { days: 15, maxTimes: 1, by: ['owner', 'manager'] },
        reclaimCooldownDays: 7,
        warnDaysBefore: 3,
        visit: { object: 'visit', field: 'lead', at: 'visitedAt' },
        exempt: { stage: { $in: ['signed'] } },
        hiddenWhilePublic: ['contactPhone'],
        admins: { roles: 'manager' },
        timeZone: 'Asia/Shanghai',
      },
    },
    roles: {
      admin: { all: true },
      manager: [
        { object: 'lead', actions: ['read', 'create', 'update', 'delete', 'assign', 'transition'], where: { 'owner.attributes.team': '$user.attributes.team' } },
        { object: 'lead', actions: ['read'], where: { poolState: 'public' } },
        { object: ['hotel', 'visit', 'contract'], actions: ['read', 'create', 'update'] },
      ],
      bd: [
        { object: 'hotel', actions: ['read'] },
        { object: 'lead', actions: ['read', 'create'], where: { $or: [{ owner: '$user.id' }, { poolState: 'public' }] } },
        { object: 'lead', actions: ['update'], where: { owner: '$user.id' }, fields: ['contactName', 'contactPhone', 'expectedRevenue', 'source', 'notes', 'tags'] },
        { object: 'lead', actions: ['transition'], where: { owner: '$user.id' } },
        { object: 'lead', actions: ['claim', 'release', 'extend'] },
        { object: 'visit', actions: ['read', 'create'], where: { 'lead.owner': '$user.id' } },
      ],
      auditor: [
        { object: 'lead', actions: ['read'], fields: ['name', 'stage', 'score'] },
        { object: 'lead', actions: ['read'], where: { score: { $gte: 90 } }, fields: ['expectedRevenue'] },
      ],
    },
    ...overrides,
  };
}

/** `document` (the test document or one read back) with one more boolean field on the hotel: a change a draft or a diff shows. */
export function withHotelField(document: MetadataDocument, key: string, label: string): MetadataDocument {
  const copy = structuredClone(document);
  copy.objects.hotel!.fields[key] = { type: 'boolean', label };
  return copy;
}
