import fc from 'fast-check';
import { hostileJson, hostileScalar, hostileString } from './fuzz-support.ts';

/** Field paths of the fixture's `lead` (with system fields, one-hop lookups and nonsense). */
export const leadFieldPaths = [
  'name', 'hotel', 'contactName', 'contactPhone', 'expectedRevenue', 'score', 'stage', 'source', 'tags', 'nextCallAt', 'dueOn',
  'active', 'notes', 'id', 'version', 'createdAt', 'updatedAt', 'createdBy', 'updatedBy', 'owner', 'poolState', 'claimedAt',
  'holdExpiresAt', 'lastVisitAt', 'releasedAt', 'releaseReason', 'hotel.name', 'hotel.city', 'hotel.stars', 'hotel.roomNights',
  'hotel.code', 'hotel.id', 'owner.email', 'owner.attributes.team', 'owner.roles', 'hotel.hotel', 'hotel.city.x', 'createdBy.name',
] as const;

const junkFieldPath = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.constantFrom('', '.', 'a..b', 'name.', '.name', '$where', 'data', 'tenant_id', 'deleted_at', 'r.data', "data->>'x'", 'name; --',
    '__proto__', 'constructor', 'hotel.__proto__', 'x'.repeat(300)),
);

export const leafOperators = ['$eq', '$ne', '$gt', '$gte', '$lt', '$lte', '$in', '$nin', '$contains', '$startsWith', '$null', '$all', '$any'] as const;

const junkOperator = fc.oneof(fc.constantFrom('$regex', '$where', '$exists', '$expr', '$EQ', 'eq', '$', '$$', '$elemMatch', '$size'), fc.string({ maxLength: 6 }).map((s) => `$${s}`));

/**
 * Dates at and past the edges of what JavaScript and PostgreSQL hold: relative dates with any
 * shift the pattern takes (six digits of any unit, `now+9000y` answered 500), and absolute dates
 * and date-times with years from 0 to 275760, offsets that carry 9999-12-31 into year 10000, and
 * leap seconds.
 */
export const edgeDateValue: fc.Arbitrary<string> = fc.oneof(
  fc.tuple(
    fc.constantFrom('now', 'today', 'yesterday', 'tomorrow', 'startOfWeek', 'startOfMonth', 'startOfYear'), fc.constantFrom('+', '-'),
    fc.oneof(fc.integer({ min: 0, max: 999_999 }), fc.constantFrom(1_900, 1_901, 22_800, 22_801, 99_000, 690_000, 999_999)), fc.constantFrom('s', 'm', 'h', 'd', 'w', 'M', 'y'),
  ).map(([anchor, sign, amount, unit]) => `${anchor}${sign}${amount}${unit}`),
  fc.tuple(fc.oneof(fc.integer({ min: 0, max: 10_000 }), fc.constantFrom(0, 1, 9999, 10_000, 99_999, 275_760)), fc.constantFrom('', 'T00:00:00Z', 'T23:59:59-01:00', 'T00:00:00+14:00', 'T23:59:60Z', 'T12:00:00.000Z'))
    .map(([year, time]) => `${year > 9999 ? `+${String(year).padStart(6, '0')}` : String(year).padStart(4, '0')}-${time.startsWith('T23') ? '12-31' : '01-01'}${time}`),
  fc.constantFrom('0000-01-01T00:00:00Z', '+275760-09-13', '-000001-01-01', '99999-01-01', '10000-01-01T00:00:00Z', '9999-12-31T23:59:59-01:00', '0001-01-01T00:00:00+01:00'),
);

const filterValue = fc.oneof(
  { weight: 4, arbitrary: hostileScalar },
  { weight: 2, arbitrary: fc.array(hostileScalar, { maxLength: 5 }) },
  { weight: 1, arbitrary: hostileJson },
  { weight: 2, arbitrary: fc.constantFrom('now', 'now-15d', 'now+2h', 'today', 'startOfMonth', '2026-05-01', '2026-05-01T10:00:00Z', 'now-1000000d') },
  { weight: 2, arbitrary: edgeDateValue },
  { weight: 2, arbitrary: fc.constantFrom('$user.id', '$user.roles', '$user.email', '$user.managerId', '$user.attributes.team', '$user.attributes.missing', '$user.nope', '$user.attributes.') },
  { weight: 2, arbitrary: fc.constantFrom('shanghai', 'new', 'contacted', 'vip', 'chain', 'crawl', 'public', 'private', 42, 50.5, true) },
);

/** Values of the right type for each field, so that many generated filters are valid and reach SQL. */
const typedValues: Record<string, fc.Arbitrary<unknown>> = {
  name: fc.string({ maxLength: 10 }), contactName: fc.string({ maxLength: 10 }), notes: fc.string({ maxLength: 10 }), contactPhone: fc.constantFrom('+86 21 5555 0101', '123'),
  'hotel.name': fc.string({ maxLength: 10 }), 'hotel.code': fc.string({ maxLength: 4 }),
  score: fc.integer({ min: -10, max: 120 }), 'hotel.stars': fc.integer({ min: 0, max: 6 }), 'hotel.roomNights': fc.integer({ min: 0, max: 5000 }),
  expectedRevenue: fc.double({ min: -1e6, max: 1e6, noNaN: true }), version: fc.integer({ min: 0, max: 5 }),
  stage: fc.constantFrom('new', 'contacted', 'negotiating', 'signed', 'lost'), source: fc.constantFrom('crawl', 'bd', 'merchant', 'crowd'),
  'hotel.city': fc.constantFrom('beijing', 'shanghai', 'nanjing', 'suzhou'), poolState: fc.constantFrom('public', 'private'),
  tags: fc.oneof(fc.constantFrom('vip', 'chain', 'new'), fc.subarray(['vip', 'chain', 'new'])), active: fc.boolean(),
  nextCallAt: fc.oneof(fc.date({ min: new Date('2000-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }).map((d) => d.toISOString()), fc.constantFrom('now', 'now-15d', 'now+2h', 'today', 'startOfMonth'), edgeDateValue),
  dueOn: fc.oneof(fc.date({ min: new Date('2000-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)), fc.constantFrom('today', 'now-3d', 'startOfMonth'), edgeDateValue),
  createdAt: fc.oneof(fc.constantFrom('now', 'now-1h', '2026-01-01T00:00:00Z'), edgeDateValue), lastVisitAt: fc.constantFrom('now-15d', 'now'), holdExpiresAt: fc.oneof(fc.constantFrom('now+3d', 'today'), edgeDateValue),
  owner: fc.constantFrom('$user.id', '00000000-0000-4000-8000-000000000000'), hotel: fc.constantFrom('00000000-0000-4000-8000-000000000000'),
  'owner.attributes.team': fc.constantFrom('$user.attributes.team', 'east'),
};

export const typedLeaf = fc.constantFrom(...Object.keys(typedValues)).chain((field) => {
  const value = typedValues[field]!;
  return fc.oneof(
    value.map((v) => ({ [field]: v })),
    fc.tuple(fc.constantFrom('$eq', '$ne', '$gt', '$gte', '$lt', '$lte', '$contains', '$startsWith', '$any', '$all'), value).map(([op, v]) => ({ [field]: { [op]: v } })),
    fc.tuple(fc.constantFrom('$in', '$nin'), fc.array(value, { maxLength: 3 })).map(([op, v]) => ({ [field]: { [op]: v } })),
    fc.boolean().map((b) => ({ [field]: { $null: b } })),
  );
});

const operatorObject = fc.dictionary(fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...leafOperators) }, { weight: 1, arbitrary: junkOperator }), filterValue, { minKeys: 1, maxKeys: 3 });

const fieldPath = fc.oneof({ weight: 6, arbitrary: fc.constantFrom(...leadFieldPaths) }, { weight: 1, arbitrary: junkFieldPath });

/** Filter trees: mostly well-formed, with malformed nodes, wrong types and unknown names mixed in. */
export const filterTree: fc.Arbitrary<unknown> = fc.letrec<{ node: unknown; field: unknown }>((tie) => ({
  field: fc.tuple(fieldPath, fc.oneof(filterValue, operatorObject, fc.record({ $not: operatorObject }))).map(([k, v]) => ({ [k]: v })),
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    { weight: 4, arbitrary: tie('field') },
    { weight: 6, arbitrary: typedLeaf },
    { weight: 1, arbitrary: fc.dictionary(fieldPath, fc.oneof(filterValue, operatorObject), { maxKeys: 4 }) },
    { weight: 2, arbitrary: fc.record({ $and: fc.array(tie('node'), { maxLength: 3 }) }) },
    { weight: 2, arbitrary: fc.record({ $or: fc.array(tie('node'), { maxLength: 3 }) }) },
    { weight: 1, arbitrary: fc.record({ $not: tie('node') }) },
    { weight: 1, arbitrary: fc.oneof(hostileScalar, fc.array(tie('node'), { maxLength: 2 }), fc.record({ $and: hostileScalar }), fc.record({ $not: hostileScalar })) },
  ),
})).node;

/**
 * The JSON text of a filter nested far beyond the parser's limit, built as text (neither the
 * generator nor JSON.stringify recurse).
 */
export function deeplyNestedText(depth: number, kind: '$and' | '$or' | '$not' | 'array' | 'object'): string {
  const [open, close] = kind === '$not' ? ['{"$not":', '}'] : kind === 'array' ? ['[', ']'] : kind === 'object' ? ['{"a":', '}'] : [`{"${kind}":[`, ']}'];
  return `${open.repeat(depth)}{"score":{"$gte":1}}${close.repeat(depth)}`;
}

/** A sort list of real and bogus fields. */
const sortable = ['name', 'score', 'createdAt', 'updatedAt', 'nextCallAt', 'dueOn', 'expectedRevenue', 'stage', 'source', 'active', 'id', 'claimedAt', 'owner', 'contactName'] as const;

export const orderByParam = fc.oneof(
  { weight: 10, arbitrary: fc.array(fc.tuple(fc.boolean(), fc.constantFrom(...sortable)), { minLength: 1, maxLength: 3 }).map((keys) => keys.map(([desc, f]) => `${desc ? '-' : ''}${f}`).join(',')) },
  fc.array(fc.tuple(fc.boolean(), fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...leadFieldPaths) }, { weight: 1, arbitrary: junkFieldPath })), { minLength: 1, maxLength: 4 })
    .map((keys) => keys.map(([desc, f]) => `${desc ? '-' : ''}${f}`).join(',')),
  hostileString,
  fc.constantFrom('', ',', '-', '--score', '+score', 'score desc', 'score;DROP TABLE records', '-score,,name', 'score,score', 'id,-id'),
);

export const fieldsParam = fc.oneof(
  { weight: 10, arbitrary: fc.subarray(['name', 'score', 'hotel', 'stage', 'tags', 'contactPhone', 'expectedRevenue', 'dueOn'], { minLength: 1 }).map((f) => f.join(',')) },
  fc.array(fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...leadFieldPaths) }, { weight: 1, arbitrary: junkFieldPath }), { maxLength: 6 }).map((f) => f.join(',')),
  hostileString,
);

export const expandParam = fc.oneof(
  { weight: 10, arbitrary: fc.constantFrom('hotel', 'owner', 'hotel,owner', 'createdBy') },
  fc.array(fc.constantFrom('hotel', 'owner', 'createdBy', 'updatedBy', 'name', 'score', 'hotel.hotel', 'nope', '*', ''), { maxLength: 4 }).map((f) => f.join(',')),
  hostileString,
);

export const limitParam = fc.oneof({ weight: 10, arbitrary: fc.integer({ min: 1, max: 500 }).map(String) }, fc.integer({ min: -5, max: 600 }).map(String), hostileString, fc.constantFrom('1', '500', '501', '0', '1.5', '1e2', '0x10', ' 5', '99999999999999999999'));

export const countParam = fc.oneof({ weight: 10, arbitrary: fc.constantFrom('true', 'false') }, fc.constantFrom('true', 'false', '1', '0', 'yes', ''), hostileString);

/** Cursors: random text, and base64url of near-valid cursor payloads with wrong parts. */
export const cursorParam = fc.oneof(
  hostileString,
  fc.base64String({ maxLength: 60 }),
  fc.tuple(
    fc.oneof(fc.constantFrom('-createdAt', '-score', 'name', 'score', 'hotel.city'), hostileString),
    fc.oneof(fc.constantFrom(0, 1), hostileScalar),
    fc.oneof(fc.array(hostileScalar, { maxLength: 3 }), hostileJson),
    fc.oneof(fc.uuid().map((u) => u.toLowerCase()), hostileString),
  ).map((parts) => Buffer.from(JSON.stringify(parts)).toString('base64url')),
  hostileJson.map((v) => Buffer.from(JSON.stringify(v) ?? 'null').toString('base64url')),
);

export { hostileString, hostileJson };
