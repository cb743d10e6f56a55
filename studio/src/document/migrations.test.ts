import { describe, expect, it } from 'vitest';
import { checkMigrations } from '../../../platform/metadata/data-migrations.ts';
import { fieldTypes, type FieldType, type MetadataDocument } from '../../../platform/metadata/metadata-types.ts';
import { testDocument } from '../../../platform/testing/fixtures.ts';
import type { DraftState, Edit } from './draft-state.ts';
import { renameOption } from './field-type-ops.ts';
import { pruneMigrations, typeConvertible } from './migrations.ts';
import { renameField } from './object-ops.ts';
import { renameStage } from './pipeline-ops.ts';
import { suggestMigrations } from './rollback-plan.ts';

const live = testDocument();
const run = (...edits: Edit[]) => edits.reduce((s, e) => e(s, { live }), { document: structuredClone(live), migrations: [] } as DraftState);

describe('data migrations from edits', () => {
  it('renaming a live option value yields renameOption and moves the default', () => {
    const next = run(renameOption('lead', 'source', 1, 'bdTeam'));
    expect(next.document.objects.lead!.fields.source!.options).toEqual(['crawl', 'bdTeam', 'merchant', 'crowd']);
    expect(next.migrations).toEqual([{ op: 'renameOption', object: 'lead', field: 'source', from: 'bd', to: 'bdTeam' }]);
  });

  it('renaming a live stage key yields renameOption on the stage field', () => {
    const next = run(renameStage('leadFunnel', 'contacted', 'reached'));
    expect(next.document.pipelines!.leadFunnel!.stages[1]!.key).toBe('reached');
    expect(next.migrations).toEqual([{ op: 'renameOption', object: 'lead', field: 'stage', from: 'contacted', to: 'reached' }]);
  });

  it('prunes migrations the draft no longer supports', () => {
    const next = run(renameField('lead', 'notes', 'memo'), renameOption('lead', 'source', 0, 'web'));
    expect(pruneMigrations(next.migrations, live, next.document)).toEqual(next.migrations);
    const undone = structuredClone(next.document);
    delete undone.objects.lead!.fields.memo;
    undone.objects.lead!.fields.source!.options = ['crawl'];
    expect(pruneMigrations(next.migrations, live, undone)).toEqual([]);
  });
});

describe('rollback suggestions', () => {
  it('pairs a removed and an added field of the same type as a rename', () => {
    const renamed = run(renameField('lead', 'contactPhone', 'mobile'), renameOption('lead', 'source', 0, 'web')).document;
    expect(suggestMigrations(renamed, live)).toEqual([
      { op: 'renameField', object: 'lead', from: 'mobile', to: 'contactPhone' },
      { op: 'renameOption', object: 'lead', field: 'source', from: 'web', to: 'crawl' },
    ]);
  });

  it('suggests nothing when the pairing is ambiguous', () => {
    const target = structuredClone(live);
    target.objects.lead!.fields.a = { type: 'text' };
    target.objects.lead!.fields.b = { type: 'text' };
    delete target.objects.lead!.fields.notes;
    delete target.objects.lead!.fields.contactName;
    expect(suggestMigrations(live, target)).toEqual([]);
  });
});

describe('type conversions the review offers', () => {
  it('are exactly those a publish accepts: none into a stage or an auto number, none out of a stage', () => {
    const withField = (type: FieldType): MetadataDocument => ({ name: 'T', objects: { shop: { label: 'Shop', fields: { status: { type } } } } });
    for (const from of fieldTypes) {
      for (const to of fieldTypes.filter((t) => t !== from)) {
        const refused = checkMigrations(withField(from), withField(to), [{ op: 'changeType', object: 'shop', field: 'status' }]).length > 0;
        expect(typeConvertible(from, to), `${from} → ${to}`).toBe(!refused);
      }
    }
  });
});
