import { describe, expect, it } from 'vitest';
import { testDocument } from '../../../platform/testing/fixtures.ts';
import type { DraftState, Edit } from './draft-state.ts';
import { addRole, appendAt, setFullAccess, setRoleLabel } from './section-ops.ts';
import { addField, addObject, moveField, removeField, removeObject, renameField, renameObject } from './object-ops.ts';
import { documentCurrency, optionsFromValues, otherStageField, pipelineOfField, setFieldType } from './field-type-ops.ts';

const live = testDocument();
const run = (state: DraftState, ...edits: Edit[]) => edits.reduce((s, e) => e(s, { live }), state);
const start = (): DraftState => ({ document: structuredClone(live), migrations: [] });

describe('fields', () => {
  it('adds a field at the end of the object', () => {
    const next = run(start(), addField('hotel', 'district', { type: 'text', maxLength: 60 }));
    expect(Object.keys(next.document.objects.hotel!.fields).at(-1)).toBe('district');
    expect(next.document.objects.hotel!.fields.district).toEqual({ type: 'text', maxLength: 60 });
    expect(next.migrations).toEqual([]);
  });

  it('renaming a live field yields a renameField migration and moves every reference', () => {
    const next = run(start(), renameField('lead', 'contactPhone', 'mobile'));
    const lead = next.document.objects.lead!;
    expect(Object.keys(lead.fields).indexOf('mobile')).toBe(Object.keys(live.objects.lead!.fields).indexOf('contactPhone'));
    expect(next.migrations).toEqual([{ op: 'renameField', object: 'lead', from: 'contactPhone', to: 'mobile' }]);
    expect(next.document.pipelines!.leadFunnel!.stages[1]!.requires).toEqual(['contactName', 'mobile']);
    expect(next.document.pools!.leadPool!.hiddenWhilePublic).toEqual(['mobile']);
    const bd = next.document.roles!.bd as Array<{ fields?: string[] }>;
    expect(bd[2]!.fields).toContain('mobile');
    expect(bd[2]!.fields).not.toContain('contactPhone');
  });

  it('rewrites filters, conversions and one-hop paths through lookups', () => {
    const next = run(start(), renameField('hotel', 'city', 'town'), renameField('lead', 'expectedRevenue', 'revenue'));
    expect(next.document.pipelines!.leadFunnel!.stages[3]!.creates!.map).toEqual({ hotel: 'hotel', amount: 'revenue', lead: 'id' });
    const withFilter = run(
      { document: { ...structuredClone(live), views: { v: { object: 'lead', where: { 'hotel.city': 'nanjing', $or: [{ expectedRevenue: { $gt: 1 } }] } } } }, migrations: [] },
      renameField('hotel', 'city', 'town'), renameField('lead', 'expectedRevenue', 'revenue'),
    );
    expect(withFilter.document.views!.v!.where).toEqual({ 'hotel.town': 'nanjing', $or: [{ revenue: { $gt: 1 } }] });
  });

  it('collapses chained renames and forgets a rename undone', () => {
    const twice = run(start(), renameField('lead', 'notes', 'memo'), renameField('lead', 'memo', 'remarks'));
    expect(twice.migrations).toEqual([{ op: 'renameField', object: 'lead', from: 'notes', to: 'remarks' }]);
    const back = run(twice, renameField('lead', 'remarks', 'notes'));
    expect(back.migrations).toEqual([]);
  });

  it('a next visit not before the visit follows the visit\'s rename, and lets go of it when it is removed or its type no longer matches', () => {
    const withNext = run(start(), addField('visit', 'nextVisitAt', { type: 'datetime', notBefore: 'visitedAt' }));
    expect(run(withNext, renameField('visit', 'visitedAt', 'metAt')).document.objects.visit!.fields.nextVisitAt!.notBefore).toBe('metAt');
    expect(run(withNext, removeField('visit', 'visitedAt')).document.objects.visit!.fields.nextVisitAt).not.toHaveProperty('notBefore');
    expect(run(withNext, setFieldType('visit', 'nextVisitAt', 'date')).document.objects.visit!.fields.nextVisitAt).not.toHaveProperty('notBefore');
    expect(run(withNext, setFieldType('visit', 'nextVisitAt', 'text')).document.objects.visit!.fields.nextVisitAt).not.toHaveProperty('notBefore');
  });

  it('needs no migration for a field that is not live yet', () => {
    const next = run(start(), addField('lead', 'wechat', { type: 'text' }), renameField('lead', 'wechat', 'weixin'));
    expect(next.migrations).toEqual([]);
    expect(next.document.objects.lead!.fields.weixin).toEqual({ type: 'text' });
  });

  it('refuses to rename onto an existing key', () => {
    const state = start();
    expect(run(state, renameField('lead', 'notes', 'name'))).toBe(state);
  });

  it('removing a renamed field drops its migration and its list mentions', () => {
    const next = run(start(), renameField('lead', 'contactPhone', 'mobile'), removeField('lead', 'mobile'));
    expect(next.migrations).toEqual([]);
    expect(next.document.pools!.leadPool!.hiddenWhilePublic).toBeUndefined();
    expect(next.document.pipelines!.leadFunnel!.stages[1]!.requires).toEqual(['contactName']);
  });

  it('a live field is not renamed and retyped in one draft (the server refuses such a publish): one waits until the other is undone', () => {
    const renamed = run(start(), renameField('lead', 'contactPhone', 'mobile'));
    expect(run(renamed, setFieldType('lead', 'mobile', 'text'))).toBe(renamed);
    const back = run(renamed, renameField('lead', 'mobile', 'contactPhone'), setFieldType('lead', 'contactPhone', 'text'));
    expect(back.document.objects.lead!.fields.contactPhone!.type).toBe('text');
    expect(back.migrations).toEqual([]);
    const retyped = run(start(), setFieldType('lead', 'contactPhone', 'text'));
    expect(run(retyped, renameField('lead', 'contactPhone', 'mobile'))).toBe(retyped);
    const typeBack = run(retyped, setFieldType('lead', 'contactPhone', 'phone'), renameField('lead', 'contactPhone', 'mobile'));
    expect(typeBack.migrations).toEqual([{ op: 'renameField', object: 'lead', from: 'contactPhone', to: 'mobile' }]);
    // A field that is not live yet has no values to move: both change freely.
    const fresh = run(start(), addField('lead', 'wechat', { type: 'text' }), renameField('lead', 'wechat', 'weixin'), setFieldType('lead', 'weixin', 'url'));
    expect(fresh.document.objects.lead!.fields.weixin!.type).toBe('url');
  });

  it('does not make a second stage field of an object (an object has one pipeline), nor a pipeline for it', () => {
    const state = start();
    expect(otherStageField(state.document, 'lead', 'notes')).toBe('stage');
    expect(otherStageField(state.document, 'lead', 'stage')).toBeUndefined();
    expect(otherStageField(state.document, 'hotel')).toBeUndefined();
    expect(run(state, setFieldType('lead', 'notes', 'stage'))).toBe(state);
  });

  it('keeps the key of a published stage field (the server cannot rename one); a new one is renamed freely', () => {
    const state = start();
    expect(run(state, renameField('lead', 'stage', 'status'))).toBe(state);
    const fresh = run(state, addObject('shop', 'Shop'), addField('shop', 'state', { type: 'text' }), setFieldType('shop', 'state', 'stage'), renameField('shop', 'state', 'status'));
    expect(fresh.document.objects.shop!.fields.status).toMatchObject({ type: 'stage' });
    expect(fresh.document.pipelines!.shopFunnel!.field).toBe('status');
  });

  it('keeps a stage field one while its pipeline runs on it (the pipeline and stage bars would point at nothing)', () => {
    const state = start();
    expect(pipelineOfField(state.document, 'lead', 'stage')).toBe('leadFunnel');
    expect(run(state, setFieldType('lead', 'stage', 'text'))).toBe(state);
  });

  it('reorders fields by position', () => {
    const next = run(start(), moveField('hotel', 0, 2));
    expect(Object.keys(next.document.objects.hotel!.fields)).toEqual(['city', 'stars', 'name', 'roomNights', 'code']);
  });

  it('changing a type keeps what applies and fills what the new type needs', () => {
    const next = run(start(), setFieldType('hotel', 'name', 'select'));
    expect(next.document.objects.hotel!.fields.name).toEqual({ type: 'select', required: true, options: [{ value: 'option1' }] });
    const stage = run(start(), addObject('shop', 'Shop'), addField('shop', 'status', { type: 'text' }), setFieldType('shop', 'status', 'stage'));
    expect(stage.document.objects.shop!.fields.status).toMatchObject({ type: 'stage', pipeline: 'shopFunnel', default: 'new' });
    expect(stage.document.pipelines!.shopFunnel).toMatchObject({ object: 'shop', field: 'status' });
  });
});

describe('objects', () => {
  it('renames a new object with every reference to it', () => {
    const next = run(start(), addObject('shop', { en: 'Shop' }), addField('lead', 'shop', { type: 'lookup', object: 'shop' }), renameObject('shop', 'store'));
    expect(next.document.objects.store).toBeDefined();
    expect(next.document.objects.lead!.fields.shop).toEqual({ type: 'lookup', object: 'store' });
  });

  it('removes an object with its pipeline, pool, rules and role rules', () => {
    const next = run(start(), renameField('lead', 'notes', 'memo'), removeObject('lead'));
    expect(next.document.objects.lead).toBeUndefined();
    expect(next.document.pipelines).toEqual({});
    expect(next.document.pools).toEqual({});
    const manager = next.document.roles!.manager as Array<{ object: unknown }>;
    expect(manager.map((r) => r.object)).toEqual([['hotel', 'visit', 'contract']]);
    expect(next.migrations).toEqual([]);
  });
});

describe('money fields', () => {
  it('a new money field takes the currency the tenant’s money fields use, not none (the app would show ¥)', () => {
    const state = run(start(), addObject('car', 'Car'),
      addField('car', 'price', { type: 'currency', currency: 'EUR' }), addField('car', 'discount', { type: 'currency', currency: 'EUR' }),
      addField('car', 'deposit', { type: 'text' }), setFieldType('car', 'deposit', 'currency'));
    expect(documentCurrency(state.document)).toBe('EUR');
    expect(state.document.objects.car!.fields.deposit).toEqual({ type: 'currency', currency: 'EUR' });
  });

  it('without money fields yet there is no currency to assume: the owner picks one', () => {
    const state = run({ document: { name: 'T', objects: {} }, migrations: [] } as unknown as DraftState, addObject('car', 'Car'), addField('car', 'price', { type: 'text' }), setFieldType('car', 'price', 'currency'));
    expect(documentCurrency(state.document)).toBeUndefined();
    expect(state.document.objects.car!.fields.price).toEqual({ type: 'currency' });
  });
});

describe('options typed in the add-field dialog', () => {
  it('are labelled in the language they were typed in, their values keys made from them', async () => {
    expect(await optionsFromValues(['上海', '杭州'], 'zh')).toEqual([{ value: 'shangHai', label: { zh: '上海' } }, { value: 'hangZhou', label: { zh: '杭州' } }]);
    expect(await optionsFromValues(['website', 'Walk-in'], 'en')).toEqual([{ value: 'website', label: { en: 'website' } }, { value: 'walkIn', label: { en: 'Walk-in' } }]);
    // Keys stay apart where labels would make the same one.
    expect((await optionsFromValues(['VIP', 'vip'], 'en')).map((o) => (o as { value: string }).value)).toEqual(['vip', 'vip2']);
  });
});

describe('named roles', () => {
  it('adds a role by its name, names and unnames it, and keeps the name through full access and a removed object', () => {
    let next = run(start(), addRole('zhuGuan', { zh: '主管' }));
    expect(next.document.roles!.zhuGuan).toEqual({ label: { zh: '主管' }, rules: [] });
    expect(run(start(), addRole('bd2', undefined)).document.roles!.bd2).toEqual([]);
    next = run(next, appendAt('/roles/zhuGuan/rules', { object: 'visit', actions: ['read'] }), appendAt('/roles/zhuGuan/rules', { object: 'lead', actions: ['read'] }));
    next = run(next, removeObject('visit'));
    expect(next.document.roles!.zhuGuan).toEqual({ label: { zh: '主管' }, rules: [{ object: 'lead', actions: ['read'] }] });
    next = run(next, setFullAccess('zhuGuan', true));
    expect(next.document.roles!.zhuGuan).toEqual({ all: true, label: { zh: '主管' } });
    next = run(next, setFullAccess('zhuGuan', false));
    expect(next.document.roles!.zhuGuan).toEqual({ label: { zh: '主管' }, rules: [] });
    // Naming a plain list of rules wraps it; clearing the name gives the plain list back.
    next = run(start(), setRoleLabel('bd', { zh: '业务员', en: 'BD' }));
    expect(next.document.roles!.bd).toEqual({ label: { zh: '业务员', en: 'BD' }, rules: live.roles!.bd });
    expect(run(next, setRoleLabel('bd', undefined)).document.roles!.bd).toEqual(live.roles!.bd);
  });
});
