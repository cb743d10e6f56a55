/**
 * JSON Schema of a sample-data spec (`tenants/<vertical>/sample-data.yaml`); the types are in
 * `sample-data-types.ts`. It checks structure only: whether the spec fits its metadata
 * document is checked while generating.
 */
const range = { type: 'array', items: { type: 'number' }, minItems: 2, maxItems: 2 };
const share = { type: 'number', minimum: 0, maximum: 1 };
const filter = { type: 'object' };
const key = { type: 'string', pattern: '^[a-z][a-zA-Z0-9_-]{0,39}$' };
const stringList = { type: 'array', items: { type: 'string' }, minItems: 1 };

const fill = {
  type: 'object',
  minProperties: 1,
  properties: { presence: share },
  oneOf: [
    { required: ['value'] },
    {
      required: ['pick'],
      properties: {
        pick: { anyOf: [{ const: 'options' }, { type: 'array', minItems: 1 }, { type: 'object', additionalProperties: { type: 'number', minimum: 0 }, minProperties: 1 }] },
        count: range,
        join: { type: 'string' },
      },
    },
    {
      required: ['range'],
      properties: {
        range, skew: { type: 'number', exclusiveMinimum: 0 }, step: { type: 'number', exclusiveMinimum: 0 },
        scale: { type: 'integer', minimum: 0, maximum: 10 },
        times: { anyOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }] },
      },
    },
    { required: ['near', 'spread'], properties: { near: { type: ['number', 'string'] }, spread: { type: 'number', minimum: 0 }, scale: { type: 'integer', minimum: 0, maximum: 10 } } },
    { required: ['days'], properties: { days: range, from: { type: 'string' }, hours: range, past: { type: 'boolean' } } },
    { required: ['template'], properties: { template: { anyOf: [{ type: 'string' }, stringList] }, weights: { type: 'array', items: { type: 'number', minimum: 0 } } } },
    { required: ['person'], properties: { person: { type: 'object', required: ['zhShare'], properties: { zhShare: share } } } },
    { required: ['chance'], properties: { chance: share } },
    {
      required: ['ref'],
      properties: {
        ref: { anyOf: [{ const: 'any' }, { type: 'object', additionalProperties: false, properties: { where: filter, distinct: { type: 'boolean' } } }] },
      },
    },
    { required: ['copy'], properties: { copy: { type: 'string' } } },
  ],
};

const objectSpec = {
  type: 'object',
  required: ['fields'],
  additionalProperties: false,
  properties: {
    count: { type: 'integer', minimum: 0, maximum: 100000 },
    each: {
      type: 'object',
      required: ['object', 'field'],
      additionalProperties: false,
      properties: { object: { type: 'string' }, field: { type: 'string' }, where: filter, fraction: share, count: range },
    },
    visitsOf: { type: 'string' },
    createdDaysAgo: range,
    owner: {
      type: 'object',
      oneOf: [
        { required: ['users'], additionalProperties: false, properties: { users: filter } },
        { required: ['from'], additionalProperties: false, properties: { from: { type: 'string' } } },
      ],
    },
    pool: {
      type: 'object',
      required: ['owners', 'claimed'],
      additionalProperties: false,
      properties: {
        owners: filter,
        claimed: { type: 'object', additionalProperties: share },
        visited: share,
        visits: range,
        publicVisited: share,
        exemptClaimedDaysAgo: range,
      },
    },
    fields: { type: 'object', additionalProperties: fill },
  },
};

export const sampleDataSpecSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  title: 'Shoal sample-data spec',
  type: 'object',
  required: ['password', 'users', 'objects'],
  additionalProperties: false,
  properties: {
    seed: { type: 'integer', minimum: 0, maximum: 4294967295 },
    password: { type: 'string', minLength: 8, maxLength: 200 },
    names: {
      type: 'object',
      additionalProperties: false,
      properties: {
        zh: { type: 'object', required: ['surnames', 'given'], additionalProperties: false, properties: { surnames: stringList, given: stringList } },
        en: { type: 'object', required: ['first', 'last'], additionalProperties: false, properties: { first: stringList, last: stringList } },
      },
    },
    lists: {
      type: 'object',
      additionalProperties: {
        anyOf: [
          { type: 'array', items: { type: 'string' } },
          { type: 'object', additionalProperties: { anyOf: [{ type: 'array', items: { type: 'string' } }, { type: 'string' }, { type: 'number' }] } },
        ],
      },
    },
    users: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        required: ['key', 'email', 'name', 'roles'],
        additionalProperties: false,
        properties: {
          key,
          email: { type: 'string', format: 'email' },
          name: { type: 'string', minLength: 1, maxLength: 200 },
          password: { type: 'string', minLength: 8, maxLength: 200 },
          roles: { type: 'array', items: key, uniqueItems: true },
          attributes: { type: 'object' },
          manager: key,
        },
      },
    },
    objects: { type: 'object', additionalProperties: objectSpec },
  },
} as const;
