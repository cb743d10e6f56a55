import { describe, expect, it } from 'vitest';
import type { MetadataDocument } from '../../../../../../platform/metadata/metadata-types.ts';
import { buildObjectInfos, type ObjectDescription } from '../../metadata/object-info.ts';
import { csvActions, csvTemplate, exportQuery, jobPercent, matchableFields } from './csv-transfer.ts';

const field = (key: string, extra: Record<string, unknown> = {}) => ({
  key, label: { en: key.toUpperCase(), zh: `${key}中` }, type: 'text', kind: 'text', system: false, required: false, readOnly: false,
  readable: true, creatable: true, updatable: true, ...extra,
});
const described: ObjectDescription = {
  key: 'restaurant', label: 'Restaurant', pluralLabel: 'Restaurants', titleField: 'name', actions: ['read', 'create', 'import', 'export'],
  pipeline: null, stageField: null, pools: [],
  fields: [field('id', { system: true, readOnly: true, creatable: false, updatable: false }), field('name'), field('note, "quoted"'), field('number', { readOnly: true })],
};
const document = { objects: { restaurant: { fields: { name: { type: 'text', unique: true } } } }, components: { enabled: ['import'] } } as unknown as MetadataDocument;
const [object] = buildObjectInfos([described], document);

describe('CSV export and import', () => {
  it('are offered by the import component and the caller’s rights', () => {
    expect(csvActions(object!, document)).toEqual({ canExport: true, canImport: true });
    expect(csvActions(object!, { ...document, components: { enabled: ['pools'] } })).toEqual({ canExport: false, canImport: false });
    expect(csvActions({ ...object!, actions: ['read', 'import'] }, document)).toEqual({ canExport: false, canImport: false });
  });

  it('export the list as shown: its filter, order and columns in their order, for people in the reader\'s language', () => {
    const query = exportQuery({ where: { city: 'beijing' }, orderBy: '-monthlyOrders', columns: ['name', 'owner', 'number'] }, 'zh');
    expect(query).toEqual({ where: { city: 'beijing' }, orderBy: '-monthlyOrders', columns: 'name,owner,number', header: 'labels', lang: 'zh' });
    expect(exportQuery({ orderBy: 'name', columns: ['name'] }, 'en').where).toBeUndefined();
  });

  it('give a template of the fields one may fill, by label, quoted where needed', () => {
    expect(csvTemplate(object!, 'zh')).toBe('\uFEFFname中,"note, ""quoted""中"\r\n');
    // A label a spreadsheet would run (set by whoever edits the metadata) is text in the template.
    const [formula] = buildObjectInfos([{ ...described, fields: [field('sum', { label: { en: '=HYPERLINK("http://evil","x")' } })] }], document);
    expect(csvTemplate(formula!, 'en')).toBe('\uFEFF"\'=HYPERLINK(""http://evil"",""x"")"\r\n');
    expect(matchableFields(object!).map((f) => f.key)).toEqual(['name']);
  });

  it('show progress until the job is finished', () => {
    const job = { id: 'j', state: 'running', processed: 500, total: 1000, created: 0, updated: 0, unchanged: 0, errors: [] };
    expect(jobPercent(job)).toBe(50);
    expect(jobPercent({ ...job, processed: 1000 })).toBe(99);
    expect(jobPercent({ ...job, state: 'done' })).toBe(100);
    expect(jobPercent({ ...job, total: null })).toBe(0);
  });
});
