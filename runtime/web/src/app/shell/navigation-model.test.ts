import { describe, expect, it } from 'vitest';
import type { MetadataDocument } from '../../../../../platform/metadata/metadata-types.ts';
import type { ObjectInfo } from '../metadata/object-info.ts';
import { objectIcon } from '../../shared/object-icons.tsx';
import { backLink, buildNavigation, homePath, mayExtendHold } from './navigation-model.ts';

const object = (key: string, actions: string[], extra: Partial<ObjectInfo> = {}): ObjectInfo => ({
  key, label: { en: key, zh: key }, pluralLabel: { en: `${key}s`, zh: key }, titleField: 'name', actions: actions as ObjectInfo['actions'],
  pipeline: null, stageField: null, pools: [], fields: [], fieldMap: new Map(), ...extra,
});

const document: MetadataDocument = {
  name: 'x',
  objects: {},
  pools: { leadPool: { object: 'lead', admins: { roles: 'manager' } } },
  views: {
    mine: { object: 'lead', label: { en: 'Mine', zh: '我的' }, roles: ['bd'], display: 'kanban' },
    managers: { object: 'lead', roles: ['manager'] },
    everyone: { object: 'hotel' },
    hidden: { object: 'contract' },
  },
  components: { enabled: ['pools', 'reports'] },
};

const lead = object('lead', ['read', 'claim'], { pipeline: 'leadFunnel', stageField: 'stage', pools: ['leadPool'] });
const keys = (roles: string[], objects = [lead, object('hotel', ['read'])], doc = document) =>
  buildNavigation({ tenant: 'hotel', objects, document: doc, roles, locale: 'en' }).map((s) => [s.key, s.entries.map((e) => e.key)]);

describe('navigation', () => {
  it('shows pools, readable objects, the views of my roles and dashboards', () => {
    expect(keys(['bd'])).toEqual([
      ['work', ['mine:leadPool', 'public:leadPool', 'notifications']],
      ['objects', ['object:lead', 'object:hotel']],
      ['views', ['view:mine', 'view:everyone']],
      ['insight', ['dashboards']],
    ]);
  });

  it('gives an object the icon the studio chose for it, none when it has none', () => {
    const withIcon: MetadataDocument = { ...document, objects: { hotel: { label: 'Hotel', fields: {}, icon: 'shop' } } };
    const records = buildNavigation({ tenant: 'hotel', objects: [lead, object('hotel', ['read'])], document: withIcon, roles: ['bd'], locale: 'en' }).find((s) => s.key === 'objects')!.entries;
    expect(records.map((e) => [e.key, e.icon, e.objectIcon])).toEqual([['object:lead', 'object', undefined], ['object:hotel', 'object', 'shop']]);
    expect(objectIcon('shop')).toBeDefined();
    expect(objectIcon('hotel')).toBeDefined();
    expect(objectIcon('toString')).toBeUndefined();
    expect(objectIcon('no-such-icon')).toBeUndefined();
  });

  it('hides what the tenant switched off and what the caller cannot read', () => {
    const off = { ...document, components: { enabled: [] } };
    const readOnly = [object('lead', ['read']), object('hotel', ['read'])];
    expect(keys(['auditor'], readOnly, off)).toEqual([
      ['work', ['notifications']],
      ['objects', ['object:lead', 'object:hotel']],
      ['views', ['view:everyone']],
    ]);
  });

  it('offers work orders when switched on and starts at the first queue', () => {
    const doc = { ...document, components: { enabled: ['workOrders', 'pools'] } };
    const sections = buildNavigation({ tenant: 'hotel', objects: [lead], document: doc, roles: ['manager'], locale: 'zh' });
    expect(sections[0]?.entries.map((e) => e.key)).toEqual(['workOrders', 'mine:leadPool', 'public:leadPool', 'notifications']);
    expect(homePath(sections, doc)).toBe('/app/hotel/work-orders');
  });

  it('starts someone outside every pool (an operator) at the records, not at a work-order queue that stays empty', () => {
    const doc: MetadataDocument = { ...document, components: { enabled: ['workOrders', 'pools'] }, assignmentRules: { r: { object: 'lead', pool: 'leadPool' } as never } };
    const objects = [object('lead', ['read'], { pools: ['leadPool'] }), object('hotel', ['read', 'create'])];
    const operator = buildNavigation({ tenant: 'hotel', objects, document: doc, roles: ['operator'], locale: 'en' });
    expect(operator[0]?.entries.map((e) => e.key)).toEqual(['workOrders', 'notifications']);
    expect(homePath(operator, doc)).toBe('/app/hotel/o/lead');
    // A rule that hands out work orders without a pool may reach anyone.
    const poolless = { ...doc, assignmentRules: { r: { object: 'lead' } as never } };
    expect(homePath(operator, poolless)).toBe('/app/hotel/work-orders');
  });

  it('offers the assignment rules page to those who may run a rule: admins, the pool\'s administrators, those who may assign', () => {
    const doc: MetadataDocument = { ...document, components: { enabled: ['workOrders', 'pools', 'assignment'] }, assignmentRules: { r: { object: 'lead', pool: 'leadPool' } as never } };
    const work = (roles: string[], objects = [lead]) => buildNavigation({ tenant: 'hotel', objects, document: doc, roles, locale: 'en' })[0]!.entries.map((e) => e.key);
    expect(work(['manager'])).toEqual(['workOrders', 'assignmentRules', 'mine:leadPool', 'public:leadPool', 'notifications']);
    expect(work(['admin'])).toContain('assignmentRules');
    expect(work(['bd'])).not.toContain('assignmentRules');
    expect(work(['dispatcher'], [object('lead', ['read', 'assign'], { pools: ['leadPool'] })])).toContain('assignmentRules');
    // Switched off, no one sees it; and it is never where a day starts.
    expect(buildNavigation({ tenant: 'hotel', objects: [lead], document: { ...doc, components: { enabled: ['workOrders', 'pools'] } }, roles: ['admin'], locale: 'en' })[0]!.entries.map((e) => e.key)).not.toContain('assignmentRules');
    const onlyRules = buildNavigation({ tenant: 'hotel', objects: [object('lead', ['read', 'assign'])], document: { ...doc, components: { enabled: ['assignment'] } }, roles: ['dispatcher'], locale: 'en' });
    expect(onlyRules[0]!.entries.map((e) => e.key)).toEqual(['assignmentRules', 'notifications']);
    expect(homePath(onlyRules, doc)).toBe('/app/hotel/o/lead');
  });

  it('offers extending a hold to the pool\'s administrators for anyone\'s, whatever `extension.by` says, and to the holder where it names the owner', () => {
    const pool = (by?: Array<'owner' | 'manager' | 'admin'>, maxTimes = 1) => ({ object: 'lead', admins: { roles: 'manager' }, extension: { days: 15, maxTimes, ...(by ? { by } : {}) } });
    expect(mayExtendHold(pool(['owner']), ['manager'], false)).toBe(true);
    expect(mayExtendHold(pool(['owner', 'manager']), ['manager'], false)).toBe(true);
    expect(mayExtendHold(pool(['owner']), ['admin'], false)).toBe(true);
    expect(mayExtendHold(pool(), ['bd'], true)).toBe(true);
    expect(mayExtendHold(pool(['manager']), ['bd'], true)).toBe(false);
    expect(mayExtendHold(pool(), ['bd'], false)).toBe(false);
    expect(mayExtendHold(pool(['owner'], 0), ['manager'], false)).toBe(false);
    expect(mayExtendHold({ object: 'lead', admins: { roles: 'manager' } }, ['admin'], false)).toBe(false);
  });

  it('leads a record\'s ← back to the list or queue it was opened from, by the name the navigation gives it', () => {
    const sections = buildNavigation({ tenant: 'hotel', objects: [lead, object('hotel', ['read'])], document, roles: ['bd'], locale: 'en' });
    const fallback = { path: '/app/hotel/o/lead', label: 'leads' };
    expect(backLink('/app/hotel/pools/leadPool/mine', sections, 'hotel', fallback)).toEqual({ path: '/app/hotel/pools/leadPool/mine', label: 'My pool' });
    // The list's own filters and sort come back with it.
    expect(backLink('/app/hotel/pools/leadPool/public?where=%7B%7D', sections, 'hotel', fallback)).toEqual({ path: '/app/hotel/pools/leadPool/public?where=%7B%7D', label: 'Public pool' });
    expect(backLink('/app/hotel/o/lead?view=mine', sections, 'hotel', fallback)).toEqual({ path: '/app/hotel/o/lead?view=mine', label: 'Mine' });
    expect(backLink('/app/hotel/o/lead?sort=-name', sections, 'hotel', fallback)).toEqual({ path: '/app/hotel/o/lead?sort=-name', label: 'leads' });
    expect(backLink('/app/hotel/o/lead?view=mine&where={}&sort=-name', sections, 'hotel', fallback)).toEqual({ path: '/app/hotel/o/lead?view=mine&where={}&sort=-name', label: 'Mine' });
    expect(backLink('/app/hotel/o/hotel', sections, 'hotel', fallback)).toEqual({ path: '/app/hotel/o/hotel', label: 'hotels' });
  });

  it('leads ← to the object\'s list when the record was opened from another record, another workspace, or from outside the app', () => {
    const sections = buildNavigation({ tenant: 'hotel', objects: [lead, object('hotel', ['read'])], document, roles: ['bd'], locale: 'en' });
    const fallback = { path: '/app/hotel/o/lead', label: 'leads' };
    expect(backLink(undefined, sections, 'hotel', fallback)).toBe(fallback);
    expect(backLink('/app/hotel/o/hotel/5f0c4c2e-1f7e-4a53-9f7e-2f2f2f2f2f2f', sections, 'hotel', fallback)).toBe(fallback);
    expect(backLink('/app/food/pools/leadPool/mine', sections, 'hotel', fallback)).toBe(fallback);
    expect(backLink('/app/hotel/login', sections, 'hotel', fallback)).toBe(fallback);
  });
});
