import { describe, expect, it } from 'vitest';
import type { MetadataDocument } from '../../../platform/metadata/metadata-types.ts';
import { addPipeline } from './pipeline-ops.ts';

const document: MetadataDocument = { name: 'T', objects: { lead: { label: 'Lead', fields: { name: { type: 'text' } } } } };
const run = (edit: ReturnType<typeof addPipeline>) => edit({ document, migrations: [] }, { live: undefined }).document;

describe('adding a pipeline', () => {
  it('keeps the label asked for when adding, with its stage field', () => {
    const next = run(addPipeline('leadFunnel', 'lead', { en: 'Lead funnel', zh: '线索漏斗' }));
    expect(next.pipelines!.leadFunnel).toMatchObject({ object: 'lead', field: 'stage', label: { en: 'Lead funnel', zh: '线索漏斗' } });
    expect(next.objects.lead!.fields.stage).toMatchObject({ type: 'stage', pipeline: 'leadFunnel' });
  });

  it('has no label when none was given', () => {
    expect(run(addPipeline('leadFunnel', 'lead')).pipelines!.leadFunnel!.label).toBeUndefined();
  });

  it('names its first stage for any object alike in both languages: New / 新建 (a shipment or a patient is no 新线索, new lead)', () => {
    const stages = run(addPipeline('leadFunnel', 'lead')).pipelines!.leadFunnel!.stages;
    expect(stages.map((s) => s.label)).toEqual([{ en: 'New', zh: '待跟进' }, { en: 'Contacted', zh: '已联系' }, { en: 'Won', zh: '赢单' }, { en: 'Lost', zh: '输单' }]);
  });
});
