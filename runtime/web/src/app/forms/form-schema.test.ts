import { describe, expect, it } from 'vitest';
import type { FieldInfo, ObjectInfo } from '../metadata/object-info.ts';
import { buildFormModel, changedValues, createValues, momentStartingValues, toFormData, withStartingStages, type FlatSchema } from './form-schema.ts';
import { validateFlat } from './form-validator.ts';

const f = (key: string, type: string, extra: Partial<FieldInfo> = {}): FieldInfo => ({
  key, label: { en: key, zh: `${key}-zh` }, type, kind: 'text', system: false, required: false, readOnly: false,
  readable: true, creatable: true, updatable: true, ...extra,
});
const fields = [
  f('owner', 'system', { system: true, kind: 'uuid', target: 'user', creatable: false, updatable: false }),
  f('name', 'text', { required: true, definition: { type: 'text', maxLength: 20 } }),
  f('hotel', 'lookup', { kind: 'reference', target: 'hotel', required: true, updatable: false }),
  f('score', 'integer', { kind: 'number', definition: { type: 'integer', min: 0, max: 100 } }),
  f('source', 'select', { options: [{ value: 'crawl', label: 'Crawl' }, { value: 'bd' }] }),
  f('tags', 'multiselect', { kind: 'multi', options: [{ value: 'vip' }] }),
  f('number', 'autonumber', { creatable: false, updatable: false }),
  f('secret', 'text', { readable: false }),
  f('phone', 'phone', { creatable: false }),
];
const lead: ObjectInfo = {
  key: 'lead', label: 'Lead', pluralLabel: 'Leads', titleField: 'name', actions: ['read'], pipeline: null, stageField: null, pools: [],
  fields, fieldMap: new Map(fields.map((x) => [x.key, x])),
};
const layout = { form: { sections: [{ title: { en: 'Basics', zh: '基本' }, columns: 2, fields: ['name', 'secret', 'score', 'number', 'phone'] }, { fields: ['source', 'tags'] }] } };

describe('layout → form', () => {
  it('titles a field that has no label by its key in words', () => {
    // As /objects describes a field without a label: its label is its key.
    const nights = { ...f('roomNightsPerMonth', 'integer', { kind: 'number' }), label: 'roomNightsPerMonth' };
    const withNights: ObjectInfo = { ...lead, fields: [...fields, nights], fieldMap: new Map([...fields, nights].map((x) => [x.key, x])) };
    expect(buildFormModel(withNights, undefined, 'create', 'zh').schema.properties.roomNightsPerMonth!.title).toBe('Room nights per month');
  });

  it('builds sections from the layout, keeping only what the caller may create', () => {
    const model = buildFormModel(lead, layout, 'create', 'zh');
    expect(model.sections).toEqual([
      { title: '基本', columns: 2, fields: ['name', 'score'] },
      { columns: 1, fields: ['source', 'tags'] },
      { columns: 1, fields: ['hotel'] },
    ]);
    expect(model.schema.required).toEqual(['name', 'hotel']);
    expect(model.schema.properties.name).toEqual({ title: 'name-zh', type: 'string', maxLength: 20 });
    expect(model.schema.properties.score).toMatchObject({ type: 'integer', minimum: 0, maximum: 100 });
    expect(model.schema.properties.source).toMatchObject({ type: 'string', enum: ['crawl', 'bd'] });
    expect(model.schema.properties.tags).toMatchObject({ type: 'array', items: { type: 'string', enum: ['vip'] }, uniqueItems: true });
    expect(model.uiSchema.name).toEqual({ 'ui:widget': 'shoalField', 'ui:options': { fieldKey: 'name' } });
  });

  it('shows readable fields when editing, read-only where the caller may not update', () => {
    const model = buildFormModel(lead, { form: { sections: [{ fields: ['name', 'hotel', 'number', 'owner', 'secret'] }] } }, 'edit', 'en');
    expect(model.fields).toEqual(['name', 'hotel', 'number', 'owner']);
    expect(model.schema.required).toEqual(['name']);
    expect(model.uiSchema.hotel).toMatchObject({ 'ui:readonly': true });
  });

  it('shows a field its pool hides while the record is public as such: read-only, not required, marked masked', () => {
    const model = buildFormModel(lead, { form: { sections: [{ fields: ['name', 'score'] }] } }, 'edit', 'en', new Set(['name']));
    expect(model.schema.required).toEqual([]);
    expect(model.uiSchema.name).toMatchObject({ 'ui:readonly': true, 'ui:options': { fieldKey: 'name', masked: true } });
    expect(model.uiSchema.score).not.toHaveProperty('ui:readonly');
  });

  it('without a layout shows every custom field', () => {
    expect(buildFormModel(lead, undefined, 'create', 'en').fields).toEqual(['name', 'hotel', 'score', 'source', 'tags']);
  });

  it('turns records into form data and edits into a patch', () => {
    const record = { id: 'r', name: 'A', hotel: { id: 'h1', name: 'Hilton' }, score: null, tags: ['vip'] };
    const data = toFormData(record, ['name', 'hotel', 'score', 'tags']);
    expect(data).toEqual({ name: 'A', hotel: 'h1', tags: ['vip'] });
    expect(changedValues(data, { name: 'B', hotel: 'h1', score: 5 }, ['name', 'score', 'tags'])).toEqual({ name: 'B', score: 5, tags: null });
    expect(createValues({ name: 'x', score: undefined, source: '' }, ['name', 'score', 'source'])).toEqual({ name: 'x' });
  });

  it('checks values as the server would, with JSON pointers', () => {
    const { schema } = buildFormModel(lead, layout, 'create', 'en');
    expect(validateFlat(schema, { name: 'a'.repeat(21), score: 101, source: 'nope', tags: ['vip', 'vip'] }, 'en')).toEqual([
      // English says each as a sentence with the field's name, as it reads under the field.
      { path: '/hotel', message: 'Hotel is required' },
      { path: '/name', message: 'Name must be at most 20 characters' },
      { path: '/score', message: 'Score must be ≤ 100' },
      { path: '/source', message: 'Source is not one of the options' },
      { path: '/tags', message: 'Tags has repeated values' },
    ]);
    expect(validateFlat(schema, { name: 'ok', hotel: 'h', score: 1.5 }, 'zh')).toEqual([{ path: '/score', message: '必须是整数' }]);
  });

  it('matches a field\'s pattern in linear time, as the server does: a catastrophic one cannot hang the tab', () => {
    const schema: FlatSchema = { type: 'object', required: [], properties: { code: { type: 'string', title: 'Code', pattern: '^(a+)+$' } } };
    const start = performance.now();
    expect(validateFlat(schema, { code: `${'a'.repeat(32)}!` }, 'en')).toHaveLength(1);
    expect(performance.now() - start).toBeLessThan(1000);
    expect(validateFlat(schema, { code: 'aaa' }, 'en')).toEqual([]);
  });

  it('refuses a next visit earlier than the visit, as the server would, naming the visit\'s field', () => {
    const visitFields = [
      { ...f('visitedAt', 'datetime', { kind: 'datetime', required: true, definition: { type: 'datetime' } }), label: { en: 'Visited at', zh: '拜访时间' } },
      { ...f('nextVisitAt', 'datetime', { kind: 'datetime', definition: { type: 'datetime', notBefore: 'visitedAt' } }), label: { en: 'Next visit', zh: '下次拜访' } },
    ];
    const visit: ObjectInfo = { ...lead, key: 'visit', titleField: 'visitedAt', fields: visitFields, fieldMap: new Map(visitFields.map((x) => [x.key, x])) };
    const form = { form: { sections: [{ fields: ['visitedAt', 'nextVisitAt'] }] } };
    const zh = buildFormModel(visit, form, 'create', 'zh').schema;
    expect(validateFlat(zh, { visitedAt: '2026-12-07T10:00', nextVisitAt: '2026-12-06T18:00' }, 'zh')).toEqual([{ path: '/nextVisitAt', message: '不能早于拜访时间' }]);
    expect(validateFlat(buildFormModel(visit, form, 'edit', 'en').schema, { visitedAt: '2026-12-07T10:00', nextVisitAt: '2026-12-07T09:59' }, 'en'))
      .toEqual([{ path: '/nextVisitAt', message: 'Next visit must not be earlier than Visited at' }]);
    // The same minute, a later one, or either left empty: nothing to say.
    for (const next of ['2026-12-07T10:00', '2026-12-09T10:00', undefined]) expect(validateFlat(zh, { visitedAt: '2026-12-07T10:00', nextVisitAt: next }, 'zh')).toEqual([]);
    expect(validateFlat(zh, { visitedAt: undefined, nextVisitAt: '2026-12-06T18:00' }, 'zh')).toEqual([{ path: '/visitedAt', message: '必填' }]);
  });

  it('says a visit later than its next visit at the visit, to someone who may change the visit and not the next one', () => {
    const visitFields = [
      { ...f('visitedAt', 'datetime', { kind: 'datetime', required: true, definition: { type: 'datetime' } }), label: { en: 'Visited at', zh: '拜访时间' } },
      { ...f('nextVisitAt', 'datetime', { kind: 'datetime', updatable: false, definition: { type: 'datetime', notBefore: 'visitedAt' } }), label: { en: 'Next visit', zh: '下次拜访' } },
    ];
    const visit: ObjectInfo = { ...lead, key: 'visit', titleField: 'visitedAt', fields: visitFields, fieldMap: new Map(visitFields.map((x) => [x.key, x])) };
    const form = { form: { sections: [{ fields: ['visitedAt', 'nextVisitAt'] }] } };
    const moved = { visitedAt: '2026-12-08T10:00', nextVisitAt: '2026-12-07T10:00' };
    expect(validateFlat(buildFormModel(visit, form, 'edit', 'zh').schema, moved, 'zh')).toEqual([{ path: '/visitedAt', message: '不能晚于下次拜访' }]);
    expect(validateFlat(buildFormModel(visit, form, 'edit', 'en').schema, moved, 'en')).toEqual([{ path: '/visitedAt', message: 'Visited at must not be later than Next visit' }]);
    // The visit left out of the form is still the record's: a next visit they may change is checked against it.
    const open = visitFields.map((x) => ({ ...x, updatable: true }));
    const scheduler: ObjectInfo = { ...visit, fields: open, fieldMap: new Map(open.map((x) => [x.key, x])) };
    expect(validateFlat(buildFormModel(scheduler, { form: { sections: [{ fields: ['nextVisitAt'] }] } }, 'edit', 'zh').schema, moved, 'zh')).toEqual([{ path: '/nextVisitAt', message: '不能早于拜访时间' }]);
    // Neither field theirs to change: nothing they could do about it.
    const neither = visitFields.map((x) => ({ ...x, updatable: false }));
    const locked: ObjectInfo = { ...visit, fields: neither, fieldMap: new Map(neither.map((x) => [x.key, x])) };
    expect(validateFlat(buildFormModel(locked, form, 'edit', 'zh').schema, moved, 'zh')).toEqual([]);
  });

  it('says what a phone number should look like, not just that the format is wrong', () => {
    const { schema } = buildFormModel(lead, layout, 'edit', 'zh');
    expect(validateFlat(schema, { name: 'ok', phone: '12' }, 'zh')).toEqual([{ path: '/phone', message: '应为至少 3 位数字的电话号码，如 13800138000 或 +86 21 6888 8888' }]);
    const english = buildFormModel(lead, layout, 'edit', 'en').schema;
    expect(validateFlat(english, { name: 'ok', phone: 'call me' }, 'en')).toEqual([{ path: '/phone', message: 'Phone must be a phone number of at least 3 digits, e.g. 13800138000 or +86 21 6888 8888' }]);
    expect(validateFlat(english, { name: 'ok', phone: '+86 138 0013 8000' }, 'en')).toEqual([]);
  });
});

describe('moment defaults (today, now)', () => {
  const visitFields = [
    f('visitedAt', 'datetime', { kind: 'datetime', required: true, definition: { type: 'datetime', required: true, default: 'now' } }),
    f('signedOn', 'date', { kind: 'date', definition: { type: 'date', default: 'today' } }),
    f('fixedOn', 'date', { kind: 'date', definition: { type: 'date', default: '2026-01-31' } }),
    f('importedAt', 'datetime', { kind: 'datetime', readOnly: true, creatable: false, definition: { type: 'datetime', default: 'now', readOnly: true } }),
  ];
  const visit: ObjectInfo = { ...lead, key: 'visit', fields: visitFields, fieldMap: new Map(visitFields.map((x) => [x.key, x])) };

  it('starts a create form with the tenant\'s date and this minute, and a fixed default as the schema\'s own', () => {
    const model = buildFormModel(visit, undefined, 'create', 'zh');
    // The words are not values a picker could show.
    expect(model.schema.properties.visitedAt!.default).toBeUndefined();
    expect(model.schema.properties.signedOn!.default).toBeUndefined();
    expect(model.schema.properties.fixedOn!.default).toBe('2026-01-31');
    // 23:30:42 in London on the 6th is 07:30 on the 7th in Shanghai; seconds dropped, as pickers keep minutes.
    expect(momentStartingValues(visit, model, new Date('2026-12-06T23:30:42Z'), 'Asia/Shanghai')).toEqual({
      visitedAt: '2026-12-06T23:30:00.000Z', signedOn: '2026-12-07',
    });
    expect(momentStartingValues(visit, model, new Date('2026-12-06T23:30:42Z'), 'Europe/London')).toMatchObject({ signedOn: '2026-12-06' });
  });
});

describe('a new record\'s stage choice', () => {
  const stage = f('stage', 'stage', { options: ['new', 'contacted', 'signed', 'lost', 'converting'].map((value) => ({ value })) });
  const withStage: ObjectInfo = { ...lead, stageField: 'stage', pipeline: 'funnel', fields: [...fields, stage], fieldMap: new Map([...fields, stage].map((x) => [x.key, x])) };
  const pipeline = { stages: [
    { key: 'new', kind: 'open' as const }, { key: 'contacted', kind: 'open' as const }, { key: 'converting', kind: 'open' as const, creates: { object: 'contract', map: {} } },
    { key: 'signed', kind: 'won' as const }, { key: 'lost', kind: 'lost' as const },
  ] };

  it('offers only the open stages that convert nothing, where the server lets a record start', () => {
    const offered = withStartingStages(withStage, pipeline);
    expect(offered.fieldMap.get('stage')!.options!.map((o) => o.value)).toEqual(['new', 'contacted']);
    // The object as stored is left as it was (an edit form still names every stage).
    expect(withStage.fieldMap.get('stage')!.options!).toHaveLength(5);
    expect(withStartingStages(lead, pipeline)).toBe(lead);
  });
});
