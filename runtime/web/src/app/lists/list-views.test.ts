import { describe, expect, it } from 'vitest';
import type { MetadataDocument } from '../../../../../platform/metadata/metadata-types.ts';
import type { FieldInfo, ObjectInfo } from '../metadata/object-info.ts';
import { personalViewChanged, personalViewOf, resolveView, savedViewsOf, startingSpec } from './list-views.ts';

const f = (key: string, readable = true, system = false): FieldInfo => ({
  key, label: key, type: system ? 'system' : 'text', kind: 'text', system, required: false, readOnly: false, readable, creatable: true, updatable: true,
});
const fields = [f('owner', true, true), f('name'), f('stage'), f('score'), f('secret', false)];
const lead: ObjectInfo = {
  key: 'lead', label: 'Lead', pluralLabel: { en: 'Leads', zh: '线索' }, titleField: 'name', actions: ['read'], pipeline: 'p', stageField: 'stage', pools: [],
  fields, fieldMap: new Map(fields.map((x) => [x.key, x])),
};
const document: MetadataDocument = {
  name: 'x', objects: {},
  layouts: { lead: { list: { columns: ['name', 'secret', 'score'], orderBy: '-score' } } },
  views: {
    board: { object: 'lead', label: 'Board', display: 'kanban', where: { owner: '$user.id' }, roles: ['bd'] },
    managers: { object: 'lead', roles: ['manager'], orderBy: 'name' },
  },
};

describe('list views', () => {
  it('starts from the layout, leaving out unreadable columns', () => {
    expect(resolveView(lead, document, ['bd'], undefined, [], 'en')).toEqual({
      key: undefined, label: 'Leads', orderBy: '-score', columns: ['name', 'score'], display: 'table', personal: false,
    });
  });

  it('applies a saved view only for its roles', () => {
    const board = resolveView(lead, document, ['bd'], 'board', [], 'en');
    expect(board).toMatchObject({ key: 'board', where: { owner: '$user.id' }, display: 'kanban', orderBy: '-score' });
    expect(resolveView(lead, document, ['bd'], 'managers', [], 'en').key).toBeUndefined();
    expect(savedViewsOf(document, 'lead', ['admin'], 'en').map((v) => v.key)).toEqual(['board', 'managers']);
  });

  it('applies a personal view', () => {
    const mine = resolveView(lead, document, ['bd'], 'my:a', [{ id: 'a', label: 'Hot', where: { score: { $gte: 80 } }, columns: ['name', 'stage'] }], 'en');
    expect(mine).toMatchObject({ key: 'my:a', label: 'Hot', where: { score: { $gte: 80 } }, columns: ['name', 'stage'], personal: true });
  });
});

describe('editing a view on screen', () => {
  const hot = { id: 'a', label: 'Hot', where: { score: { $gte: 80 } }, orderBy: 'name', columns: ['name', 'stage'] };

  it('gives a personal view’s filter to the filter builder, and keeps a shared view’s beneath it', () => {
    const mine = startingSpec(resolveView(lead, document, ['bd'], 'my:a', [hot], 'en'));
    expect(mine).toEqual({ fixedWhere: undefined, draft: { where: { score: { $gte: 80 } }, orderBy: 'name', columns: ['name', 'stage'], display: 'table' } });
    const shared = startingSpec(resolveView(lead, document, ['bd'], 'board', [], 'en'));
    expect(shared.fixedWhere).toEqual({ owner: '$user.id' });
    expect(shared.draft.where).toBeUndefined();
  });

  it('says when a personal view shows something else than it saved, and saves it so', () => {
    const view = resolveView(lead, document, ['bd'], 'my:a', [hot], 'en');
    const { draft } = startingSpec(view);
    expect(personalViewChanged(view, draft)).toBe(false);
    expect(personalViewChanged(view, { ...draft, where: { score: { $gte: 90 } } })).toBe(true);
    expect(personalViewChanged(view, { ...draft, columns: ['stage', 'name'] })).toBe(true);
    expect(personalViewChanged(view, { ...draft, orderBy: '-name' })).toBe(true);
    const { where: _dropped, ...noFilter } = draft;
    expect(personalViewChanged(view, noFilter)).toBe(true);
    // Shared views are not saved over.
    const board = resolveView(lead, document, ['bd'], 'board', [], 'en');
    expect(personalViewChanged(board, { ...startingSpec(board).draft, orderBy: 'name' })).toBe(false);

    const saved = personalViewOf('a', 'Hot', { ...draft, where: { score: { $gte: 90 } } });
    expect(personalViewChanged(resolveView(lead, document, ['bd'], 'my:a', [saved], 'en'), { ...draft, where: { score: { $gte: 90 } } })).toBe(false);
  });
});
