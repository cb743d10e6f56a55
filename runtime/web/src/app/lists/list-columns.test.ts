import { describe, expect, it } from 'vitest';
import type { FieldInfo, ObjectInfo } from '../metadata/object-info.ts';
import { columnChoices, moveColumn, toggleColumn } from './list-columns.ts';

const f = (key: string, extra: Partial<FieldInfo> = {}): FieldInfo => ({
  key, label: { en: key.toUpperCase(), zh: key }, type: 'text', kind: 'text', system: false, required: false, readOnly: false, readable: true, creatable: true, updatable: true, ...extra,
});
const fields = [f('id', { system: true }), f('version', { system: true }), f('owner', { system: true }), f('name'), f('score'), f('notes', { type: 'textarea' }), f('secret', { readable: false })];
const lead: ObjectInfo = {
  key: 'lead', label: 'Lead', pluralLabel: 'Leads', titleField: 'name', actions: ['read'], pipeline: null, stageField: null, pools: [],
  fields, fieldMap: new Map(fields.map((x) => [x.key, x])),
};

describe('choosing columns', () => {
  it('offers the shown columns first, then readable fields worth a column', () => {
    expect(columnChoices(lead, ['owner'], 'en').map((c) => c.key)).toEqual(['owner', 'name', 'score']);
    expect(columnChoices(lead, ['score', 'name'], 'en')).toEqual([
      { key: 'score', label: 'SCORE', shown: true }, { key: 'name', label: 'NAME', shown: true }, { key: 'owner', label: 'OWNER', shown: false },
    ]);
    // A long text is offered once it is shown (a layout may show it).
    expect(columnChoices(lead, ['notes'], 'en').map((c) => c.key)).toEqual(['notes', 'name', 'score', 'owner']);
  });

  it('adds at the end, removes all but the last, and moves within bounds', () => {
    expect(toggleColumn(['name'], 'score', true)).toEqual(['name', 'score']);
    expect(toggleColumn(['name', 'score'], 'name', false)).toEqual(['score']);
    expect(toggleColumn(['name'], 'name', false)).toEqual(['name']);
    expect(moveColumn(['a', 'b', 'c'], 'c', -1)).toEqual(['a', 'c', 'b']);
    expect(moveColumn(['a', 'b'], 'a', -1)).toEqual(['a', 'b']);
  });
});
