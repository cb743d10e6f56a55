import { describe, expect, it } from 'vitest';
import { testDocument } from '../../../platform/testing/fixtures.ts';
import { defaultLayout, moveBetween, sectionContainers, setSectionFields } from './layout-ops.ts';
import { appendAt, removeItem, renameItem, setAt, setFullAccess } from './section-ops.ts';
import type { DraftState } from './draft-state.ts';

const document = testDocument();

describe('layouts', () => {
  it('a default layout lists the title first, then the stage, and adds what the object supports', () => {
    const layout = defaultLayout(document, 'lead');
    expect(layout.list!.columns).toEqual(['name', 'stage', 'hotel', 'contactName', 'contactPhone', 'owner']);
    expect(layout.list!.columns).toContain('owner');
    expect(layout.form!.sections[0]!.fields).not.toContain('stage');
    expect(layout.detail!.components).toEqual(['stageBar', 'poolActions', 'form', { related: 'visit', field: 'lead' }, { related: 'contract', field: 'lead' }, 'timeline']);
  });

  it('moves fields between sections by drag and drop', () => {
    const containers = sectionContainers(['a', 'b', 'c', 'd'], [{ fields: ['a'] }, { fields: ['b', 'c'] }]);
    expect(containers).toEqual({ available: ['d'], 'section-0': ['a'], 'section-1': ['b', 'c'] });
    const moved = moveBetween(containers, 'c', 'section-0', 0);
    expect(moved).toEqual({ available: ['d'], 'section-0': ['c', 'a'], 'section-1': ['b'] });
    const withLayout = { ...structuredClone(document), layouts: { lead: { form: { sections: [{ fields: ['a'] }, { fields: ['b', 'c'] }] } } } };
    const next = setSectionFields('lead', moved)({ document: withLayout, migrations: [] }, { live: undefined });
    expect(next.document.layouts!.lead!.form!.sections.map((s) => s.fields)).toEqual([['c', 'a'], ['b']]);
  });
});

describe('generic edits', () => {
  it('sets and deletes values by pointer', () => {
    let state: DraftState = { document: structuredClone(document), migrations: [] };
    state = setAt('/pools/leadPool/holdDays', 30)(state, { live: undefined });
    expect(state.document.pools!.leadPool!.holdDays).toBe(30);
    state = setAt('/pools/leadPool/hiddenWhilePublic', [])(state, { live: undefined });
    expect(state.document.pools!.leadPool!).not.toHaveProperty('hiddenWhilePublic');
    state = setAt('/views/mine/where', { owner: '$user.id' })(state, { live: undefined });
    expect(state.document.views).toEqual({ mine: { where: { owner: '$user.id' } } });
  });

  it('appends to a list where it is when the edit applies, so two quick adds add two items', () => {
    const start: DraftState = { document: { ...structuredClone(document), roles: { bd: [] } }, migrations: [] };
    const add = appendAt('/roles/bd', { object: 'lead', actions: ['read'] });
    // Both edits were made from the same render (an empty list), as two quick clicks are.
    const twice = add(add(start, { live: undefined }), { live: undefined });
    expect(twice.document.roles!.bd).toEqual([{ object: 'lead', actions: ['read'] }, { object: 'lead', actions: ['read'] }]);
    const created = appendAt('/views/mine/columns', 'name')({ document: structuredClone(document), migrations: [] }, { live: undefined });
    expect(created.document.views!.mine).toEqual({ columns: ['name'] });
  });

  it('turning full access off keeps the role, with no rules', () => {
    const start: DraftState = { document: { ...structuredClone(document), roles: { bd: [] } }, migrations: [] };
    const on = setFullAccess('bd', true)(start, { live: undefined });
    expect(on.document.roles!.bd).toEqual({ all: true });
    const off = setFullAccess('bd', false)(on, { live: undefined });
    expect(off.document.roles).toEqual({ bd: [] });
  });

  it('renaming a role follows it into pools, views and transitions', () => {
    const start = { ...structuredClone(document), views: { v: { object: 'lead', roles: ['manager', 'bd'] } } };
    const next = renameItem('roles', 'manager', 'lead-manager')({ document: start, migrations: [] }, { live: undefined });
    expect(Object.keys(next.document.roles!)).toEqual(['admin', 'lead-manager', 'bd', 'auditor']);
    expect(next.document.pools!.leadPool!.admins).toEqual({ roles: 'lead-manager' });
    expect(next.document.views!.v!.roles).toEqual(['lead-manager', 'bd']);
  });

  it('renaming a role follows it into the user filters of pools and rules', () => {
    const start = structuredClone(document);
    start.pools!.leadPool!.members = { $or: [{ roles: 'bd' }, { roles: { $in: ['bd', 'manager'] } }], 'attributes.team': 'bd' };
    start.assignmentRules = { r: { object: 'lead', users: { where: { $not: { roles: { $any: ['bd'] } } } } } } as unknown as typeof start.assignmentRules;
    const next = renameItem('roles', 'bd', 'salesRep')({ document: start, migrations: [] }, { live: undefined });
    expect(next.document.pools!.leadPool!.members).toEqual({ $or: [{ roles: 'salesRep' }, { roles: { $in: ['salesRep', 'manager'] } }], 'attributes.team': 'bd' });
    expect(next.document.assignmentRules!.r!.users!.where).toEqual({ $not: { roles: { $any: ['salesRep'] } } });
  });
  it('renaming a pool follows it into the filters that test which pool holds a record', () => {
    const start = structuredClone(document);
    start.views = { pooled: { object: 'lead', where: { pool: 'leadPool' } }, visits: { object: 'visit', where: { 'lead.pool': { $in: ['leadPool'] } } } };
    (start.roles!.bd as Array<{ where?: unknown }>)[1]!.where = { $or: [{ owner: '$user.id' }, { pool: 'leadPool' }] };
    start.assignmentRules = { r: { object: 'lead', pool: 'leadPool', records: { include: { pool: { $ne: 'leadPool' } } }, users: {}, match: 'even' } };
    const next = renameItem('pools', 'leadPool', 'jiangsuPool')({ document: start, migrations: [] }, { live: undefined }).document;
    expect(next.views!.pooled!.where).toEqual({ pool: 'jiangsuPool' });
    expect(next.views!.visits!.where).toEqual({ 'lead.pool': { $in: ['jiangsuPool'] } });
    expect((next.roles!.bd as Array<{ where?: unknown }>)[1]!.where).toEqual({ $or: [{ owner: '$user.id' }, { pool: 'jiangsuPool' }] });
    expect(next.assignmentRules!.r).toMatchObject({ pool: 'jiangsuPool', records: { include: { pool: { $ne: 'jiangsuPool' } } } });
  });

  it('removing a role takes away the moves listed only for it, instead of opening them to everyone', () => {
    const start = structuredClone(document);
    start.pipelines!.leadFunnel!.transitions = [
      { from: ['new'], to: ['contacted'], roles: ['bd', 'manager'] },
      { from: ['new'], to: ['signed'], roles: ['manager'] },
      { from: ['contacted'], to: ['new'] },
    ];
    const next = removeItem('roles', 'manager')({ document: start, migrations: [] }, { live: undefined }).document;
    expect(next.pipelines!.leadFunnel!.transitions).toEqual([{ from: ['new'], to: ['contacted'], roles: ['bd'] }, { from: ['contacted'], to: ['new'] }]);
  });
});
