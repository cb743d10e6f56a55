import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { testDocument } from '../testing/fixtures.ts';
import type { MetadataDocument } from './metadata-types.ts';
import { isReservedFieldKey, reservedFieldKeys, systemFieldKeys } from './metadata-types.ts';
import { validateMetadata } from './validate-metadata.ts';

/** testDocument() plus the sections it leaves out, so that every rule has something to break. */
function fullDocument(): MetadataDocument {
  return structuredClone(testDocument({
    layouts: {
      lead: {
        list: { columns: ['name', 'hotel', 'stage', 'owner', 'holdExpiresAt'], orderBy: '-updatedAt' },
        form: { sections: [{ title: { en: 'Basics', zh: '基本信息' }, columns: 2, fields: ['name', 'hotel', 'contactName', 'contactPhone'] }, { title: 'Deal', fields: ['expectedRevenue', 'source', 'owner'] }] },
        detail: { components: ['stageBar', 'poolActions', 'form', { related: 'visit' }, 'timeline', 'workOrders'] },
      },
      hotel: {
        list: { columns: ['name', 'city'], orderBy: 'name' },
        detail: { components: ['form', { related: 'lead', field: 'hotel' }, { related: 'contract' }] },
      },
    },
    views: {
      myExpiringSoon: {
        object: 'lead', label: { en: 'Expiring this week', zh: '本周到期' },
        where: { owner: '$user.id', holdExpiresAt: { $lt: 'now+7d' } }, orderBy: 'holdExpiresAt', display: 'table', roles: ['bd'],
      },
      funnel: { object: 'lead', display: 'kanban', columns: ['name', 'stage'] },
    },
    assignmentRules: {
      jiangsu: {
        title: { zh: '江苏新酒店分配' },
        object: 'lead',
        pool: 'leadPool',
        records: { include: { 'hotel.city': { $in: ['nanjing', 'suzhou'] }, poolState: 'public' }, exclude: { source: 'crowd' } },
        users: { where: { roles: 'bd', 'attributes.qualifications': { $any: ['hotel'] } }, maxPerDay: 20, maxTotal: 200 },
        match: 'even',
        priority: 10,
        schedule: '0 8 * * 1-5',
        activeFrom: '2026-12-01',
        activeUntil: '2027-03-31',
        workOrderPriority: { field: 'hotel.roomNights', order: 'desc' },
      },
    },
    components: { enabled: ['pools', 'visits', 'assignment', 'workOrders', 'reports', 'import', 'webhooks'] },
  }));
}

/** A copy of the full document with one thing broken, and what the validator says about it. */
function problemsOf(breakIt: (doc: any) => void): Array<{ path: string; message: string }> {
  const doc = fullDocument();
  breakIt(doc);
  return validateMetadata(doc);
}

type Case = [name: string, breakIt: (doc: any) => void, expected: Array<[path: string, message: RegExp]>];

function expectProblems(breakIt: (doc: any) => void, expected: Array<[string, RegExp]>): void {
  const problems = problemsOf(breakIt);
  expect(problems.map((p) => p.path), JSON.stringify(problems)).toEqual(expected.map(([path]) => path));
  problems.forEach((p, i) => expect(p.message, p.path).toMatch(expected[i]![1]));
}

const here = dirname(fileURLToPath(import.meta.url));
const template = (name: string) => parse(readFileSync(join(here, '../../tenants', name, 'metadata.yaml'), 'utf8')) as unknown;

describe('validateMetadata', () => {
  it('accepts the test document, the full document and both templates', () => {
    expect(validateMetadata(testDocument())).toEqual([]);
    expect(validateMetadata(fullDocument())).toEqual([]);
    expect(validateMetadata(template('hotel'))).toEqual([]);
    expect(validateMetadata(template('food-delivery'))).toEqual([]);
  });

  describe('structure (keys, labels, field options)', () => {
    const cases: Case[] = [
      ['an object key with a capital letter', (d) => { d.objects.Hotel2 = d.objects.hotel; }, [['/objects/Hotel2', /not a valid key.*lowercase letter/]]],
      ['a one-letter object key', (d) => { d.objects.h = d.objects.hotel; }, [['/objects/h', /not a valid key/]]],
      ['a field key with an underscore', (d) => { d.objects.hotel.fields.room_count = { type: 'integer' }; }, [['/objects/hotel/fields/room_count', /not a valid key/]]],
      ['a pipeline key with a space', (d) => { d.pipelines['lead funnel'] = d.pipelines.leadFunnel; }, [['/pipelines/lead funnel', /not a valid key/]]],
      ['a pool key starting with a digit', (d) => { d.pools['1pool'] = { object: 'lead' }; }, [['/pools/1pool', /not a valid key/]]],
      ['a view key in capitals', (d) => { d.views.MINE = { object: 'lead' }; }, [['/views/MINE', /not a valid key/]]],
      ['a role key with a dot', (d) => { d.roles['bd.north'] = []; }, [['/roles/bd.north', /not a valid key/]]],
      ['an assignment rule key with a slash', (d) => { d.assignmentRules['a/b'] = d.assignmentRules.jiangsu; }, [['/assignmentRules/a~1b', /not a valid key/]]],
      ['a layout for an invalid object key', (d) => { d.layouts.Lead = {}; }, [['/layouts/Lead', /not a valid key/]]],
      ['a stage key with a space', (d) => { d.pipelines.leadFunnel.stages[0].key = 'new lead'; }, [['/pipelines/leadFunnel/stages/0/key', /not a valid key/]]],
      ['an object without a label', (d) => { delete d.objects.hotel.label; }, [['/objects/hotel/label', /is required/]]],
      ['an object with an empty label', (d) => { d.objects.hotel.label = ''; }, [['/objects/hotel/label', /at least 1|must not be empty|fewer than 1/]]],
      ['an object without fields', (d) => { delete d.objects.visit.fields; }, [['/objects/visit/fields', /is required/]]],
      ['a document without a name', (d) => { delete d.name; }, [['/name', /is required/]]],
      ['an unknown top-level section', (d) => { d.workflows = {}; }, [['/workflows', /not a known property/]]],
      ['an unknown field property', (d) => { d.objects.hotel.fields.name.hidden = true; }, [['/objects/hotel/fields/name/hidden', /not a known property/]]],
      ['an unknown field type', (d) => { d.objects.hotel.fields.name.type = 'string'; }, [['/objects/hotel/fields/name/type', /must be one of "text"/]]],
      ['a select without options', (d) => { delete d.objects.hotel.fields.city.options; }, [['/objects/hotel/fields/city/options', /is required/]]],
      ['a lookup without an object', (d) => { delete d.objects.lead.fields.hotel.object; }, [['/objects/lead/fields/hotel/object', /is required/]]],
      ['a stage field without a pipeline', (d) => { delete d.objects.lead.fields.stage.pipeline; }, [['/objects/lead/fields/stage/pipeline', /is required/]]],
      ['an autonumber format without digits', (d) => { d.objects.contract.fields.number.format = 'HC-{N}'; }, [['/objects/contract/fields/number/format', /\{0+\}|digits/]]],
      ['a currency code that is not ISO 4217', (d) => { d.objects.lead.fields.expectedRevenue.currency = 'yuan'; }, [['/objects/lead/fields/expectedRevenue/currency', /ISO 4217|three capital letters/]]],
      ['an unknown stage kind', (d) => { d.pipelines.leadFunnel.stages[4].kind = 'dead'; }, [['/pipelines/leadFunnel/stages/4/kind', /must be one of "open", "won", "lost"/]]],
      ['a probability above 1', (d) => { d.pipelines.leadFunnel.stages[0].probability = 5; }, [['/pipelines/leadFunnel/stages/0/probability', /<= 1/]]],
      ['a negative hold', (d) => { d.pools.leadPool.holdDays = -1; }, [['/pools/leadPool/holdDays', />= 0/]]],
      ['an unknown match strategy', (d) => { d.assignmentRules.jiangsu.match = 'random'; }, [['/assignmentRules/jiangsu/match', /must be one of "even"/]]],
      ['an activeFrom that is not a date', (d) => { d.assignmentRules.jiangsu.activeFrom = '1 Dec'; }, [['/assignmentRules/jiangsu/activeFrom', /date/]]],
      ['an unknown locale', (d) => { d.locale = 'fr'; }, [['/locale', /must be one of/]]],
      ['a label with a bad language code', (d) => { d.objects.hotel.label = { english: 'Hotel' }; }, [['/objects/hotel/label/english', /not a valid (key|language)/]]],
    ];
    it.each(cases)('%s', (_name, breakIt, expected) => expectProblems(breakIt, expected));
  });

  describe('objects and fields', () => {
    const reserved = [...systemFieldKeys, 'releasedBy', 'pool', 'releaseAt', 'releaseDueTo', 'cooldownUntil', 'stageEnteredAt', 'deletedAt', 'data'];
    it.each(reserved)('refuses the system field key %s', (key) => {
      expectProblems((d) => { d.objects.hotel.fields[key] = { type: 'text' }; }, [[`/objects/hotel/fields/${key}`, new RegExp(`"${key}" is a system field; choose another key`)]]);
    });

    it('names the keys it refuses in one list the studio keeps owners from (reservedFieldKeys), stage only for other types', () => {
      expect([...reservedFieldKeys].sort()).toEqual([...reserved, 'stage'].sort());
      expect(isReservedFieldKey('stage', 'stage')).toBe(false);
      expect(isReservedFieldKey('stage', 'select')).toBe(true);
      expect(isReservedFieldKey('pool')).toBe(true);
    });

    it('allows a stage field called stage but no other field by that name', () => {
      expect(problemsOf(() => {})).toEqual([]);
      expectProblems((d) => { d.objects.hotel.fields.stage = { type: 'text' }; }, [['/objects/hotel/fields/stage', /is a system field/]]);
    });

    const cases: Case[] = [
      ['an object called user', (d) => { d.objects.user = { label: 'User', fields: { name: { type: 'text' } } }; }, [['/objects/user', /"user" is reserved/]]],
      ['a titleField that is not a field', (d) => { d.objects.hotel.titleField = 'title'; }, [['/objects/hotel/titleField', /must be one of the object's fields \(title is not\)/]]],
      ['two stage fields', (d) => { d.objects.lead.fields.stage2 = { type: 'stage', pipeline: 'leadFunnel' }; }, [
        ['/objects/lead/fields/stage2/pipeline', /belongs to lead.stage, not to this field/],
        ['/objects/lead/fields', /only one stage field/],
      ]],
      ['an option that does not apply to the type', (d) => { d.objects.hotel.fields.stars.maxLength = 3; }, [['/objects/hotel/fields/stars/maxLength', /does not apply to an integer field/]]],
      ['unique on a select', (d) => { d.objects.hotel.fields.city.unique = true; }, [['/objects/hotel/fields/city/unique', /does not apply to a select field/]]],
      ['min greater than max', (d) => { d.objects.hotel.fields.stars.min = 6; }, [['/objects/hotel/fields/stars/min', /must not be greater than max \(6 > 5\)/]]],
      ['a pattern that is not a regular expression', (d) => { d.objects.hotel.fields.code.pattern = '[A-Z'; }, [['/objects/hotel/fields/code/pattern', /not a valid regular expression/]]],
      ['a pattern with a look-ahead', (d) => { d.objects.hotel.fields.code.pattern = '^(?=(a+)+$)'; }, [['/objects/hotel/fields/code/pattern', /cannot be used: a pattern may not use look-ahead, look-behind or back-references, which cannot be matched in linear time \(invalid or unsupported Perl syntax: `\(\?=`\)/]]],
      ['a pattern with a look-behind on a field with a default', (d) => { d.objects.hotel.fields.code.pattern = '(?<=a)b'; d.objects.hotel.fields.code.default = 'ab'; }, [['/objects/hotel/fields/code/pattern', /^cannot be used/]]],
      ['a pattern with a back-reference', (d) => { d.objects.hotel.fields.code.pattern = '^(a+)\\1$'; }, [['/objects/hotel/fields/code/pattern', /cannot be used: .*back-references.*invalid escape sequence/]]],
      ['a repeated option', (d) => { d.objects.hotel.fields.city.options.push('beijing'); }, [['/objects/hotel/fields/city/options/4', /repeats the option "beijing"/]]],
      ['a repeated option written as an object', (d) => { d.objects.lead.fields.tags.options = ['vip', { value: 'chain' }, { value: 'vip', label: 'VIP' }]; }, [['/objects/lead/fields/tags/options/2', /repeats the option "vip"/]]],
      ['a lookup to an object that does not exist', (d) => { d.objects.lead.fields.brand = { type: 'lookup', object: 'brand' }; }, [['/objects/lead/fields/brand/object', /object that does not exist \(brand\)/]]],
      ['a stage field whose pipeline does not exist', (d) => {
        d.objects.hotel.fields.phase = { type: 'stage', pipeline: 'hotelFunnel' };
      }, [['/objects/hotel/fields/phase/pipeline', /pipeline that does not exist \(hotelFunnel\)/]]],
      ['a required autonumber', (d) => { d.objects.contract.fields.number.required = true; }, [['/objects/contract/fields/number/required', /always assigned/]]],
      ['a required lookup cleared on delete', (d) => { d.objects.contract.fields.lead.required = true; }, [['/objects/contract/fields/lead/onDelete', /required lookup cannot be cleared/]]],
      ['a stage default that is not a stage', (d) => { d.objects.lead.fields.stage.default = 'won'; }, [['/objects/lead/fields/stage/default', /must be a stage of leadFunnel \(new, contacted, negotiating, signed, lost\)/]]],
      ['a stage default no record may start in', (d) => { d.objects.lead.fields.stage.default = 'signed'; }, [['/objects/lead/fields/stage/default', /must be an open stage that creates no record, where a new record may start \(new, contacted, negotiating\)/]]],
      ['a default of the wrong type', (d) => { d.objects.lead.fields.active.default = 'yes'; }, [['/objects/lead/fields/active/default', /not a valid value for this boolean field/]]],
      ['a default outside min and max', (d) => { d.objects.hotel.fields.stars.default = 9; }, [['/objects/hotel/fields/stars/default', /not a valid value for this integer field/]]],
      ['a default that is not an option', (d) => { d.objects.lead.fields.source.default = 'tv'; }, [['/objects/lead/fields/source/default', /not a valid value for this select field/]]],
      ['a date defaulting to now (a date-time word)', (d) => { d.objects.visit.fields.day = { type: 'date', default: 'now' }; }, [['/objects/visit/fields/day/default', /not a valid value for this date field \(a date such as 2026-01-31, or today: the day a record is created\)/]]],
      ['a date-time defaulting to today (a date word)', (d) => { d.objects.visit.fields.visitedAt.default = 'today'; }, [['/objects/visit/fields/visitedAt/default', /not a valid value for this datetime field \(an ISO 8601 date-time, or now: the moment a record is created\)/]]],
      ['a next visit not before a field that does not exist', (d) => { d.objects.visit.fields.nextVisitAt = { type: 'datetime', notBefore: 'visited' }; }, [['/objects/visit/fields/nextVisitAt/notBefore', /must be a field of visit \(visited is not\)/]]],
      ['a next visit not before itself', (d) => { d.objects.visit.fields.nextVisitAt = { type: 'datetime', notBefore: 'nextVisitAt' }; }, [['/objects/visit/fields/nextVisitAt/notBefore', /must name another field/]]],
      ['a date not before a date-time', (d) => { d.objects.visit.fields.nextDay = { type: 'date', notBefore: 'visitedAt' }; }, [['/objects/visit/fields/nextDay/notBefore', /must be a date field like this one \(visitedAt is a datetime field\)/]]],
      ['notBefore on a number', (d) => { d.objects.hotel.fields.stars.notBefore = 'roomNights'; }, [['/objects/hotel/fields/stars/notBefore', /does not apply to an integer field/]]],
    ];
    it.each(cases)('%s', (_name, breakIt, expected) => expectProblems(breakIt, expected));

    it('accepts today for a date, now for a date-time, and the word as a text field\'s plain value', () => {
      expect(problemsOf((d) => {
        d.objects.visit.fields.visitedAt.default = 'now';
        d.objects.visit.fields.day = { type: 'date', default: 'today' };
        d.objects.visit.fields.note = { type: 'text', default: 'now' };
      })).toEqual([]);
    });

    it('accepts a date-time not before another date-time of the object', () => {
      expect(problemsOf((d) => { d.objects.visit.fields.nextVisitAt = { type: 'datetime', notBefore: 'visitedAt' }; })).toEqual([]);
    });

    it('accepts a lookup to user', () => {
      expect(problemsOf((d) => { d.objects.lead.fields.bdOwner = { type: 'lookup', object: 'user' }; })).toEqual([]);
    });
  });

  describe('pipelines and conversions', () => {
    const other = (d: any, overrides: object) => {
      d.pipelines.other = { object: 'lead', field: 'stage', stages: [{ key: 'a', kind: 'open' }, { key: 'b', kind: 'won' }], ...overrides };
    };
    const cases: Case[] = [
      ['a pipeline on an object that does not exist', (d) => other(d, { object: 'deal' }), [['/pipelines/other/object', /object that does not exist \(deal\)/]]],
      ['a pipeline on a field that does not exist', (d) => other(d, { field: 'phase' }), [['/pipelines/other/field', /lead has no field phase/]]],
      ['a pipeline on a field that is not its stage field', (d) => other(d, { field: 'source' }), [['/pipelines/other/field', /lead.source must be a stage field with pipeline: other/]]],
      ['a repeated stage key', (d) => { d.pipelines.leadFunnel.stages.push({ key: 'new', kind: 'open' }); }, [['/pipelines/leadFunnel/stages/5/key', /repeats the stage "new"/]]],
      ['a stage requiring a field that does not exist', (d) => { d.pipelines.leadFunnel.stages[1].requires = ['contactEmail']; }, [['/pipelines/leadFunnel/stages/1/requires/0', /lead has no field contactEmail/]]],
      ['no open stage', (d) => { d.pipelines.leadFunnel.stages.forEach((s: any) => { if (s.kind === 'open') s.kind = 'lost'; }); }, [['/pipelines/leadFunnel/stages', /at least one open stage/]]],
      ['no won stage', (d) => { d.pipelines.leadFunnel.stages[3].kind = 'lost'; }, [['/pipelines/leadFunnel/stages', /at least one won stage/]]],
      ['a transition to a stage that does not exist', (d) => { d.pipelines.leadFunnel.transitions = [{ from: ['new'], to: ['contacted', 'qualified'] }]; }, [['/pipelines/leadFunnel/transitions/0/to/1', /not a stage of this pipeline \(qualified\)/]]],
      ['a transition from a stage that does not exist', (d) => { d.pipelines.leadFunnel.transitions = [{ from: ['old'], to: ['new'] }]; }, [['/pipelines/leadFunnel/transitions/0/from/0', /not a stage of this pipeline \(old\)/]]],
      ['a transition for a role that does not exist', (d) => { d.pipelines.leadFunnel.transitions = [{ from: ['new'], to: ['contacted'], roles: ['bd', 'intern'] }]; }, [['/pipelines/leadFunnel/transitions/0/roles/1', /not a role \(intern\)/]]],
      ['a conversion into an object that does not exist', (d) => { d.pipelines.leadFunnel.stages[3].creates.object = 'order'; }, [['/pipelines/leadFunnel/stages/3/creates/object', /object that does not exist \(order\)/]]],
      ['a conversion into a field that does not exist', (d) => { d.pipelines.leadFunnel.stages[3].creates.map.total = 'expectedRevenue'; }, [['/pipelines/leadFunnel/stages/3/creates/map/total', /contract has no writable field total/]]],
      ['a conversion into an autonumber', (d) => { d.pipelines.leadFunnel.stages[3].creates.map.number = 'name'; }, [['/pipelines/leadFunnel/stages/3/creates/map/number', /contract has no writable field number/]]],
      ['a conversion from a field that does not exist', (d) => { d.pipelines.leadFunnel.stages[3].creates.map.amount = 'revenue'; }, [['/pipelines/leadFunnel/stages/3/creates/map/amount', /lead has no field revenue/]]],
      ['a conversion between incompatible types', (d) => { d.pipelines.leadFunnel.stages[3].creates.map.amount = 'name'; }, [['/pipelines/leadFunnel/stages/3/creates/map/amount', /cannot copy lead.name \(text\) into contract.amount \(currency\)/]]],
      ['a conversion of a lookup to another object', (d) => { d.pipelines.leadFunnel.stages[3].creates.map.hotel = 'id'; }, [['/pipelines/leadFunnel/stages/3/creates/map/hotel', /cannot copy lead.id/]]],
      ['a conversion leaving a required field empty', (d) => { d.objects.contract.fields.amount.required = true; delete d.pipelines.leadFunnel.stages[3].creates.map.amount; }, [['/pipelines/leadFunnel/stages/3/creates/map', /must fill contract.amount, which is required/]]],
    ];
    it.each(cases)('%s', (_name, breakIt, expected) => expectProblems(breakIt, expected));

    it('lets a conversion leave its only lookup back to the source unmapped, also a required one (the converted record fills it)', () => {
      const requiredBackLink = (d: any) => {
        Object.assign(d.objects.contract.fields.lead, { required: true, onDelete: 'restrict' });
        delete d.pipelines.leadFunnel.stages[3].creates.map.lead;
      };
      expect(problemsOf(requiredBackLink)).toEqual([]);
      // Two lookups back: which one is meant is the map's to say.
      expect(problemsOf((d) => { requiredBackLink(d); d.objects.contract.fields.renewalOf = { type: 'lookup', object: 'lead' }; }))
        .toEqual([{ path: '/pipelines/leadFunnel/stages/3/creates/map', message: 'must fill contract.lead, which is required' }]);
    });
  });

  describe('pools', () => {
    const cases: Case[] = [
      ['a pool of an object that does not exist', (d) => { d.pools.dealPool = { object: 'deal' }; }, [['/pools/dealPool/object', /object that does not exist \(deal\)/]]],
      ['a where naming a field that does not exist', (d) => { d.pools.leadPool.where = { region: 'east' }; }, [['/pools/leadPool/where/region', /not a field of lead/]]],
      ['a where with a value of the wrong type', (d) => { d.pools.leadPool.where = { score: { $gte: 'high' } }; }, [['/pools/leadPool/where/score/$gte', /must be a number/]]],
      ['a where through a lookup to a field that does not exist', (d) => { d.pools.leadPool.where = { 'hotel.region': 'east' }; }, [['/pools/leadPool/where/hotel.region', /not a field of hotel/]]],
      ['a where with an option that does not exist', (d) => { d.pools.leadPool.where = { 'hotel.city': { $in: ['nanjing', 'paris'] } }; }, [['/pools/leadPool/where/hotel.city/$in/1', /not an option of city/]]],
      ['a where naming the pool it decides', (d) => { d.pools.leadPool.where = { $or: [{ pool: 'leadPool' }, { source: 'bd' }] }; }, [['/pools/leadPool/where/$or/0/pool', /cannot name pool/]]],
      ['a where with a user variable', (d) => { d.pools.leadPool.where = { owner: '$user.id' }; }, [['/pools/leadPool/where/owner', /cannot use variables here/]]],
      ['an exempt filter with a stage that does not exist', (d) => { d.pools.leadPool.exempt = { stage: { $in: ['won'] } }; }, [['/pools/leadPool/exempt/stage/$in/0', /not an option of stage/]]],
      ['an exempt filter with an unknown operator', (d) => { d.pools.leadPool.exempt = { score: { $between: [1, 2] } }; }, [['/pools/leadPool/exempt/score/$between', /not a known operator/]]],
      ['a members filter on a user property that does not exist', (d) => { d.pools.leadPool.members = { team: 'north' }; }, [['/pools/leadPool/members/team', /not a field of user/]]],
      ['a members filter with a value of the wrong type', (d) => { d.pools.leadPool.members = { active: 'yes' }; }, [['/pools/leadPool/members/active', /must be true or false/]]],
      ['a hidden field that does not exist', (d) => { d.pools.leadPool.hiddenWhilePublic = ['contactPhone', 'mobile']; }, [['/pools/leadPool/hiddenWhilePublic/1', /lead has no field mobile/]]],
      ['a hidden system field', (d) => { d.pools.leadPool.hiddenWhilePublic = ['owner']; }, [['/pools/leadPool/hiddenWhilePublic/0', /lead has no field owner/]]],
      ['an admin role that does not exist', (d) => { d.pools.leadPool.admins = { roles: 'supervisor' }; }, [['/pools/leadPool/admins/roles', /not a role \(supervisor\)/]]],
      ['an admin role that does not exist, in a list', (d) => { d.pools.leadPool.admins = { roles: ['manager', 'supervisor'] }; }, [['/pools/leadPool/admins/roles/1', /not a role \(supervisor\)/]]],
      ['a time zone that does not exist', (d) => { d.pools.leadPool.timeZone = 'Asia/Beijing'; }, [['/pools/leadPool/timeZone', /not a time zone \(Asia\/Beijing\)/]]],
      ['a sweep schedule that is not cron', (d) => { d.pools.leadPool.sweepSchedule = 'every hour'; }, [['/pools/leadPool/sweepSchedule', /not a valid cron schedule/]]],
      ['a visit object that does not exist', (d) => { d.pools.leadPool.visit.object = 'call'; }, [['/pools/leadPool/visit/object', /object that does not exist \(call\)/]]],
      ['a visit field that is not a lookup to the pooled object', (d) => { d.pools.leadPool.visit.field = 'outcome'; }, [['/pools/leadPool/visit/field', /must be a lookup from visit to lead/]]],
      ['a visit time that is not a time', (d) => { d.pools.leadPool.visit.at = 'outcome'; }, [['/pools/leadPool/visit/at', /date or date-time field of visit/]]],
      ['a no-visit release without a visit object', (d) => { delete d.pools.leadPool.visit; }, [['/pools/leadPool/releaseIfNoVisitDays', /needs a visit object/]]],
      ['a no-visit release with pools on and visits off (no visit would move its clock)', (d) => { d.components.enabled = d.components.enabled.filter((c: string) => c !== 'visits'); }, [['/pools/leadPool/releaseIfNoVisitDays', /needs the visits component enabled/]]],
      ['a release reason given twice', (d) => { d.pools.leadPool.releaseReasons = [{ key: 'shop_closed', label: '商家已闭店' }, { key: 'shop_closed', label: 'Shop closed' }]; }, [['/pools/leadPool/releaseReasons/1/key', /shop_closed is already a reason of this pool/]]],
      ['a release reason with a key the sweep stores', (d) => { d.pools.leadPool.releaseReasons = [{ key: 'no_visit', label: '没空拜访' }]; }, [['/pools/leadPool/releaseReasons/0/key', /no_visit is what the sweep stores/]]],
      ['a release reason with the key a reassignment stores', (d) => { d.pools.leadPool.releaseReasons = [{ key: 'reassigned', label: '已转交' }]; }, [['/pools/leadPool/releaseReasons/0/key', /reassigned is what a reassignment stores/]]],
      ['a release reason without words', (d) => { d.pools.leadPool.releaseReasons = [{ key: 'shop_closed', label: { en: ' ', zh: '' } }]; }, [['/pools/leadPool/releaseReasons/0/label', /needs words the release dialog can show/]]],
      ['a release reason blank in one language', (d) => { d.pools.leadPool.releaseReasons = [{ key: 'shop_closed', label: { en: 'Shop closed', zh: ' ' } }]; }, [['/pools/leadPool/releaseReasons/0/label/zh', /is blank/]]],
      ['a release reason without a label', (d) => { d.pools.leadPool.releaseReasons = [{ key: 'shop_closed' }]; }, [['/pools/leadPool/releaseReasons/0/label', /is required/]]],
      ['a release reason key that is not a key', (d) => { d.pools.leadPool.releaseReasons = [{ key: '闭店', label: '商家已闭店' }]; }, [['/pools/leadPool/releaseReasons/0/key', /.+/]]],
      ['more than 20 release reasons', (d) => { d.pools.leadPool.releaseReasons = Array.from({ length: 21 }, (_, i) => ({ key: `reason${i}`, label: `理由 ${i}` })); }, [['/pools/leadPool/releaseReasons', /20/]]],
    ];
    it.each(cases)('%s', (_name, breakIt, expected) => expectProblems(breakIt, expected));

    it('accepts a pool without a no-visit release while visits are off, and any pool while pools are off (it acts on nothing)', () => {
      expect(problemsOf((d) => { d.components.enabled = ['pools', 'workOrders', 'assignment']; delete d.pools.leadPool.releaseIfNoVisitDays; })).toEqual([]);
      expect(problemsOf((d) => { d.components.enabled = ['reports']; delete d.assignmentRules; d.layouts.lead.detail.components.length = 5; })).toEqual([]);
    });

    it('accepts a pool’s own release reasons, and none (only typed reasons)', () => {
      expect(problemsOf((d) => { d.pools.leadPool.releaseReasons = [{ key: 'shop_closed', label: { en: 'Shop closed', zh: '商家已闭店' } }, { key: 'no_interest', label: '暂无意向' }]; })).toEqual([]);
      expect(problemsOf((d) => { d.pools.leadPool.releaseReasons = []; })).toEqual([]);
    });
  });

  describe('layouts and views', () => {
    const cases: Case[] = [
      ['a layout for an object that does not exist', (d) => { d.layouts.deal = { list: { columns: ['name'] } }; }, [['/layouts/deal', /layout for an object that does not exist \(deal\)/]]],
      ['a list column that does not exist', (d) => { d.layouts.lead.list.columns.push('city'); }, [['/layouts/lead/list/columns/5', /lead has no field city/]]],
      ['a list sort on a field that does not exist', (d) => { d.layouts.lead.list.orderBy = '-modifiedAt'; }, [['/layouts/lead/list/orderBy', /modifiedAt is not a field of lead/]]],
      ['a list sort on a multi-select', (d) => { d.layouts.lead.list.orderBy = 'tags'; }, [['/layouts/lead/list/orderBy', /cannot sort by tags/]]],
      ['a form field that does not exist', (d) => { d.layouts.lead.form.sections[1].fields.push('budget'); }, [['/layouts/lead/form/sections/1/fields/3', /lead has no field budget/]]],
      ['a system field on a form', (d) => { d.layouts.lead.form.sections[0].fields.push('createdAt'); }, [['/layouts/lead/form/sections/0/fields/4', /set by the system and cannot be on a form/]]],
      ['a stage bar on an object without stages', (d) => { d.layouts.hotel.detail.components.push('stageBar'); }, [['/layouts/hotel/detail/components/3', /stage bar needs a stage field; hotel has none/]]],
      ['pool actions on an object without a pool', (d) => { d.layouts.hotel.detail.components.push('poolActions'); }, [['/layouts/hotel/detail/components/3', /pool actions need a pool; no pool holds hotel/]]],
      ['work orders while the component is off', (d) => { d.components.enabled = ['pools', 'visits']; delete d.assignmentRules; }, [['/layouts/lead/detail/components/5', /workOrders component is not enabled/]]],
      ['an unknown detail component', (d) => { d.layouts.lead.detail.components.push('map'); }, [['/layouts/lead/detail/components/6', /.+/]]],
      ['a related list of an object that does not exist', (d) => { d.layouts.hotel.detail.components.push({ related: 'room' }); }, [['/layouts/hotel/detail/components/3/related', /object that does not exist \(room\)/]]],
      ['a related list of an object without a lookup back', (d) => { d.layouts.visit = { detail: { components: [{ related: 'hotel' }] } }; }, [['/layouts/visit/detail/components/0', /hotel has no lookup to visit/]]],
      ['a related list through a field that is not its lookup', (d) => { d.layouts.hotel.detail.components[1].field = 'name'; }, [['/layouts/hotel/detail/components/1', /lead has no lookup to hotel named name/]]],
      ['a view of an object that does not exist', (d) => { d.views.deals = { object: 'deal' }; }, [['/views/deals/object', /object that does not exist \(deal\)/]]],
      ['a view filter on a field that does not exist', (d) => { d.views.myExpiringSoon.where.expiresAt = { $lt: 'now' }; }, [['/views/myExpiringSoon/where/expiresAt', /not a field of lead/]]],
      ['a view filter with a value of the wrong type', (d) => { d.views.myExpiringSoon.where.holdExpiresAt = { $lt: 'next week' }; }, [['/views/myExpiringSoon/where/holdExpiresAt/$lt', /date-time/]]],
      ['a view filter with an unknown variable', (d) => { d.views.myExpiringSoon.where.owner = '$user.boss'; }, [['/views/myExpiringSoon/where/owner', /not a known variable/]]],
      ['a view sort on a field that does not exist', (d) => { d.views.myExpiringSoon.orderBy = 'expiry'; }, [['/views/myExpiringSoon/orderBy', /expiry is not a field of lead/]]],
      ['a view column that does not exist', (d) => { d.views.funnel.columns = ['name', 'phase']; }, [['/views/funnel/columns/1', /lead has no field phase/]]],
      ['a kanban of an object without stages', (d) => { d.views.hotelBoard = { object: 'hotel', display: 'kanban' }; }, [['/views/hotelBoard/display', /kanban needs a stage field; hotel has none/]]],
      ['a view for a role that does not exist', (d) => { d.views.myExpiringSoon.roles = ['bd', 'sales']; }, [['/views/myExpiringSoon/roles/1', /not a role \(sales\)/]]],
    ];
    it.each(cases)('%s', (_name, breakIt, expected) => expectProblems(breakIt, expected));
  });

  describe('roles', () => {
    const cases: Case[] = [
      ['a rule on an object that does not exist', (d) => { d.roles.bd[0].object = 'room'; }, [['/roles/bd/0/object', /object that does not exist \(room\)/]]],
      ['a rule on a list with an object that does not exist', (d) => { d.roles.manager[2].object = ['hotel', 'room']; }, [['/roles/manager/2/object/1', /object that does not exist \(room\)/]]],
      ['an action that does not exist', (d) => { d.roles.bd[0].actions = ['read', 'approve']; }, [['/roles/bd/0/actions/1', /not an action \(approve\); known actions: read/]]],
      ['a condition on a field that does not exist', (d) => { d.roles.bd[1].where = { region: '$user.attributes.region' }; }, [['/roles/bd/1/where/region', /not a field of lead/]]],
      ['a condition with a value of the wrong type', (d) => { d.roles.auditor[1].where = { score: { $gte: 'ninety' } }; }, [['/roles/auditor/1/where/score/$gte', /must be a number/]]],
      ['a condition with an operator the type cannot take', (d) => { d.roles.auditor[1].where = { score: { $contains: '9' } }; }, [['/roles/auditor/1/where/score/$contains', /cannot be used on score/]]],
      ['a condition with a malformed $or', (d) => { d.roles.bd[1].where = { $or: { owner: '$user.id' } }; }, [['/roles/bd/1/where/$or', /non-empty array/]]],
      ['a condition on a list of objects, checked against each', (d) => { d.roles.manager[2].where = { name: 'x' }; }, [
        ['/roles/manager/2/where/name', /not a field of visit/],
        ['/roles/manager/2/where/name', /not a field of contract/],
      ]],
      ['a field allowlist naming a field that does not exist', (d) => { d.roles.bd[2].fields = ['contactName', 'mobile']; }, [['/roles/bd/2/fields/1', /lead has no field mobile/]]],
      ['a named role whose rule is on an object that does not exist', (d) => { d.roles.bd = { label: { zh: '业务' }, rules: d.roles.bd }; d.roles.bd.rules[0].object = 'room'; }, [['/roles/bd/rules/0/object', /object that does not exist \(room\)/]]],
      ['a named role whose condition names no field', (d) => { d.roles.bd = { label: '业务', rules: d.roles.bd }; d.roles.bd.rules[1].where = { region: 'north' }; }, [['/roles/bd/rules/1/where/region', /not a field of lead/]]],
      ['a named role without rules', (d) => { d.roles.bd = { label: { zh: '业务' } }; }, [['/roles/bd/rules', /is required/]]],
      ['a named role with an empty label', (d) => { d.roles.bd = { label: '', rules: [] }; }, [['/roles/bd/label', /at least 1|must not be empty|fewer than 1/]]],
      ['a named role with an unknown property', (d) => { d.roles.bd = { label: '业务', rules: [], owner: true }; }, [['/roles/bd/owner', /not a known property/]]],
    ];
    it.each(cases)('%s', (_name, breakIt, expected) => expectProblems(breakIt, expected));

    it('accepts a role in each of its forms: full access (named or not), a list of rules, and a list of rules with a name', () => {
      const doc = fullDocument();
      doc.roles = {
        ...doc.roles,
        owner: { all: true, label: { en: 'Owner', zh: '老板' } },
        supervisor: { label: { en: 'Supervisor', zh: '主管' }, rules: [{ object: 'lead', actions: ['read'], where: { owner: '$user.id' } }] },
        newcomer: { label: '新人', rules: [] },
        unnamed: { rules: [{ object: 'hotel', actions: ['read'] }] },
      };
      doc.views!.myExpiringSoon!.roles = ['bd', 'supervisor'];
      expect(validateMetadata(doc)).toEqual([]);
    });
  });

  describe('assignment rules', () => {
    const cases: Case[] = [
      ['a rule while the component is off', (d) => { d.components.enabled = ['pools', 'visits', 'workOrders']; }, [['/assignmentRules/jiangsu', /need the assignment component enabled/]]],
      ['a rule on an object that does not exist', (d) => { d.assignmentRules.jiangsu.object = 'deal'; }, [['/assignmentRules/jiangsu/object', /object that does not exist \(deal\)/]]],
      ['a rule on a pool that does not exist', (d) => { d.assignmentRules.jiangsu.pool = 'hotelPool'; }, [['/assignmentRules/jiangsu/pool', /pool that does not exist \(hotelPool\)/]]],
      ['a rule that gives out pooled records without naming their pool', (d) => { delete d.assignmentRules.jiangsu.pool; }, [['/assignmentRules/jiangsu/pool', /lead records live in pool leadPool: a rule that gives them out must name it/]]],
      ['a rule on a pool of another object', (d) => {
        d.pools.hotelPool = { object: 'hotel' };
        d.assignmentRules.jiangsu.pool = 'hotelPool';
      }, [['/assignmentRules/jiangsu/pool', /pool hotelPool holds hotel, not lead/]]],
      ['an include filter on a field that does not exist', (d) => { d.assignmentRules.jiangsu.records.include = { province: 'jiangsu' }; }, [['/assignmentRules/jiangsu/records/include/province', /not a field of lead/]]],
      ['an exclude filter with a value that is not an option', (d) => { d.assignmentRules.jiangsu.records.exclude = { source: 'tv' }; }, [['/assignmentRules/jiangsu/records/exclude/source', /not an option of source/]]],
      ['an include filter with a user variable', (d) => { d.assignmentRules.jiangsu.records.include = { owner: '$user.id' }; }, [['/assignmentRules/jiangsu/records/include/owner', /cannot use variables here/]]],
      ['a user filter on a property that does not exist', (d) => { d.assignmentRules.jiangsu.users.where = { team: 'north' }; }, [['/assignmentRules/jiangsu/users/where/team', /not a field of user/]]],
      ['a schedule that is not cron', (d) => { d.assignmentRules.jiangsu.schedule = '8am on weekdays'; }, [['/assignmentRules/jiangsu/schedule', /not a valid cron schedule/]]],
      ['a schedule with an impossible value', (d) => { d.assignmentRules.jiangsu.schedule = '0 25 * * *'; }, [['/assignmentRules/jiangsu/schedule', /not a valid cron schedule/]]],
      ['an end before the start', (d) => { d.assignmentRules.jiangsu.activeUntil = '2026-11-30'; }, [['/assignmentRules/jiangsu/activeUntil', /must not be before activeFrom \(2026-12-01\)/]]],
      ['a work-order priority on a field that does not exist', (d) => { d.assignmentRules.jiangsu.workOrderPriority.field = 'hotel.size'; }, [['/assignmentRules/jiangsu/workOrderPriority/field', /hotel.size is not a field of lead/]]],
    ];
    it.each(cases)('%s', (_name, breakIt, expected) => expectProblems(breakIt, expected));
  });

  describe('document: name, time zone and components', () => {
    const cases: Case[] = [
      ['a name of spaces', (d) => { d.name = '   '; }, [['/name', /^must not be empty$/]]],
      ['a time zone that does not exist', (d) => { d.timeZone = 'China/Shanghai'; }, [['/timeZone', /not a time zone \(China\/Shanghai\)/]]],
      ['an unknown component', (d) => { d.components.enabled.push('chat'); }, [['/components/enabled/7', /not a component \(chat\); known: pools, visits/]]],
      ['a component without the one it needs', (d) => { d.components.enabled = ['visits']; delete d.assignmentRules; delete d.layouts.lead.detail.components[5]; d.layouts.lead.detail.components.length = 5; }, [['/components/enabled/0', /visits needs pools enabled too/]]],
      ['assignment without work orders', (d) => { d.components.enabled = ['pools', 'visits', 'assignment']; d.layouts.lead.detail.components.length = 5; }, [['/components/enabled/2', /assignment needs workOrders enabled too/]]],
      ['a component listed twice', (d) => { d.components.enabled.push('pools'); }, [['/components/enabled', /duplicate/]]],
    ];
    it.each(cases)('%s', (_name, breakIt, expected) => expectProblems(breakIt, expected));
  });

  it('returns every problem of a document at once, each at its own pointer', () => {
    const problems = problemsOf((d) => {
      d.objects.hotel.titleField = 'title';
      d.objects.hotel.fields.stars.min = 9;
      d.objects.lead.fields.owner = { type: 'text' };
      d.pipelines.leadFunnel.stages[3].kind = 'lost';
      d.pools.leadPool.timeZone = 'Mars/Olympus';
      d.views.myExpiringSoon.roles = ['sales'];
      d.roles.bd[0].object = 'room';
      d.assignmentRules.jiangsu.schedule = 'soon';
      d.timeZone = 'Nowhere';
    });
    expect(problems.map((p) => p.path).sort()).toEqual([
      '/assignmentRules/jiangsu/schedule',
      '/objects/hotel/fields/stars/min',
      '/objects/hotel/titleField',
      '/objects/lead/fields/owner',
      '/pipelines/leadFunnel/stages',
      '/pools/leadPool/timeZone',
      '/roles/bd/0/object',
      '/timeZone',
      '/views/myExpiringSoon/roles/0',
    ]);
  });

  it('returns every structural problem at once', () => {
    const problems = problemsOf((d) => {
      delete d.objects.hotel.label;
      d.objects.lead.fields.score.type = 'number';
      d.objects.Visit2 = d.objects.visit;
      d.pools.leadPool.holdDays = -3;
    });
    expect(problems.map((p) => p.path).sort()).toEqual([
      '/objects/Visit2', '/objects/hotel/label', '/objects/lead/fields/score/type', '/pools/leadPool/holdDays',
    ]);
  });

  it('reports structural problems first: the rules run once the structure is sound', () => {
    // Rules run on a broken structure would blame other places (a field with an unknown type
    // "does not exist" for every layout naming it), so semantic problems wait for the next round.
    const problems = problemsOf((d) => {
      d.objects.hotel.fields.stars.type = 'number';
      d.views.myExpiringSoon.roles = ['sales'];
    });
    expect(problems.map((p) => p.path)).toEqual(['/objects/hotel/fields/stars/type']);
  });

  it('answers anything that is not a document without throwing', () => {
    for (const value of [null, 42, 'metadata', [], { name: 'x' }, { name: 'x', objects: [] }]) {
      const problems = validateMetadata(value);
      expect(problems.length).toBeGreaterThan(0);
      for (const p of problems) expect(p.path).toMatch(/^\//);
    }
  });
});
