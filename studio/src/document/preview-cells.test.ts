import { describe, expect, it } from 'vitest';
import type { MetadataDocument } from '../../../platform/metadata/metadata-types.ts';
import { fieldSchema } from './form-schema.ts';
import { previewCell } from './preview-cells.ts';
import { sampleRows } from './sample-rows.ts';

const document = {
  name: 'Car dealership',
  timeZone: 'Europe/Berlin',
  objects: {
    vehicle: { label: { en: 'Vehicle', zh: '车辆' }, titleField: 'name', fields: { name: { type: 'text' }, listPrice: { type: 'currency', currency: 'EUR' }, modelYear: { type: 'integer' } } },
    lead: {
      label: { en: 'Test-drive lead', zh: '试驾线索' }, titleField: 'name',
      fields: { name: { type: 'text' }, contactName: { type: 'text', label: { en: 'Contact', zh: '联系人' } }, notes: { type: 'textarea' }, vehicle: { type: 'lookup', object: 'vehicle' }, preferredSlot: { type: 'datetime' }, stage: { type: 'stage', pipeline: 'funnel' } },
    },
  },
  pipelines: { funnel: { object: 'lead', field: 'stage', stages: [{ key: 'new', kind: 'open' }, { key: 'scheduled', label: { en: 'Test drive booked', zh: '已预约试驾' }, kind: 'open' }, { key: 'won', kind: 'won' }] } },
  pools: { leadPool: { object: 'lead' } },
} as unknown as MetadataDocument;

describe('the layout preview’s cells', () => {
  it('read as the app writes them: money in its currency, date-times in the tenant’s zone, stages by label', () => {
    const cell = previewCell(document, 'en');
    expect(cell('vehicle', 'listPrice', 59900)).toBe('€59,900.00');
    expect(cell('lead', 'preferredSlot', '2026-01-10T09:30:00.000Z')).toBe('Jan 10, 2026, 10:30 AM');
    expect(cell('lead', 'stage', 'scheduled')).toBe('Test drive booked');
    expect(previewCell(document, 'zh')('lead', 'stage', 'scheduled')).toBe('已预约试驾');
    expect(cell('lead', 'updatedAt', '2026-11-01T08:00:00.000Z')).toBe('Nov 1, 2026, 9:00 AM');
    expect(previewCell(document, 'zh')('lead', 'updatedAt', '2026-11-01T08:00:00.000Z')).toBe('2026-11-01 09:00');
  });

  it('name made-up linked records and people by their titles, not by keys', () => {
    const [row] = sampleRows(document, 'lead', 'zh');
    const cell = previewCell(document, 'zh');
    expect(cell('lead', 'vehicle', row!.vehicle)).toBe('车辆 1');
    expect(cell('lead', 'owner', row!.owner)).toBe('BD 1');
  });

  it('make up text that names the record and the field in the UI language, not keys or a bakery in every vertical', () => {
    const [first, second] = sampleRows(document, 'lead', 'zh');
    expect([first!.name, first!.contactName, second!.name]).toEqual(['试驾线索 1', '联系人 1', '试驾线索 2']);
    const [row] = sampleRows(document, 'lead', 'en');
    expect([row!.name, row!.contactName, row!.notes]).toEqual(['Test-drive lead 1', 'Contact 1', 'notes 1']);
  });

  it('the form preview’s lookup says what it points to by name', () => {
    expect(fieldSchema(document, 'vehicle', document.objects.lead!.fields.vehicle!, 'en').ui['ui:placeholder']).toBe('→ Vehicle');
  });
});

describe('live rows in the layout preview', () => {
  it('name an expanded linked record by its title field', () => {
    expect(previewCell(document, 'en')('lead', 'vehicle', { id: '01a246ba-20c4', name: 'BMW i4 demo car' })).toBe('BMW i4 demo car');
  });
});
