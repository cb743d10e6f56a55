import { fieldTypes, maxRemovedReleaseReasons } from './metadata-types.ts';

/**
 * The JSON Schema of the metadata document (served at `GET /api/t/{t}/meta/schema`). It checks
 * structure; `validate-metadata.ts` adds the rules that need the whole document (references,
 * filters, pipelines). Descriptions are what the studio's code editor shows on hover.
 */
const label = {
  description: 'A label: one string for every language, or one per language ({ "en": …, "zh": … }).',
  anyOf: [
    { type: 'string', minLength: 1, maxLength: 200 },
    { type: 'object', minProperties: 1, additionalProperties: { type: 'string', maxLength: 200 }, propertyNames: { pattern: '^[a-z]{2}(-[A-Z]{2})?$' } },
  ],
};

const filter = {
  description: 'A filter in the filter language: { field: value, field: { $op: value }, $and/$or: [...], $not: {...} }.',
  type: 'object',
};

const key = (pattern: string, description: string) => ({ type: 'string', pattern, description });
const fieldKey = key('^[a-z][a-zA-Z0-9]{0,39}$', 'A field key.');
const objectKey = key('^[a-z][a-zA-Z0-9]{1,39}$', 'An object key.');
const itemKey = '^[a-z][a-zA-Z0-9_-]{0,39}$';
const fieldList = { type: 'array', items: { type: 'string', minLength: 1, maxLength: 100 }, maxItems: 200 };
const positiveInt = (description: string) => ({ type: 'integer', minimum: 0, maximum: 100000, description });

const selectOption = {
  anyOf: [
    { type: 'string', minLength: 1, maxLength: 100 },
    {
      type: 'object',
      required: ['value'],
      additionalProperties: false,
      properties: {
        value: { type: 'string', minLength: 1, maxLength: 100 },
        label,
        color: { type: 'string', maxLength: 32 },
      },
    },
  ],
};

const field = {
  type: 'object',
  required: ['type'],
  additionalProperties: false,
  properties: {
    type: { enum: [...fieldTypes], description: 'The field type.' },
    label,
    description: label,
    required: { type: 'boolean', description: 'A record cannot be saved without a value.' },
    default: { description: 'The value a new record starts with. A date field may say `today` (the tenant\'s date when the record is created) and a date-time field `now` (the moment it is created).' },
    indexed: { type: 'boolean', description: 'Creates a database index so filters and sorts on this field stay fast at millions of records.' },
    readOnly: { type: 'boolean', description: 'Shown but never edited through forms or the API (set by imports and rules).' },
    unique: { type: 'boolean', description: 'No two live records may share a value.' },
    maxLength: { type: 'integer', minimum: 1, maximum: 100000 },
    pattern: { type: 'string', maxLength: 500, description: 'A regular expression the value must match.' },
    min: { type: 'number' },
    max: { type: 'number' },
    scale: { type: 'integer', minimum: 0, maximum: 10, description: 'Digits after the decimal point.' },
    currency: { type: 'string', pattern: '^[A-Z]{3}$', description: 'ISO 4217 currency code.' },
    options: { type: 'array', items: selectOption, minItems: 1, maxItems: 500 },
    object: { type: 'string', pattern: '^[a-z][a-zA-Z0-9]{1,39}$', description: 'The object a lookup points at, or "user".' },
    onDelete: { enum: ['restrict', 'clear'], description: 'What deleting the referenced record does: refuse (restrict) or clear this field.' },
    pipeline: { type: 'string', pattern: itemKey },
    format: { type: 'string', pattern: '\\{0+\\}', maxLength: 60, description: 'Autonumber format, e.g. "HC-{00000}".' },
    notBefore: { type: 'string', minLength: 1, maxLength: 100, description: 'A date or date-time field of the same object and type this field\'s value may not be earlier than (a next visit not before the visit): a write that makes it so is refused.' },
  },
  allOf: [
    { if: { properties: { type: { enum: ['select', 'multiselect'] } } }, then: { required: ['options'] } },
    { if: { properties: { type: { const: 'lookup' } } }, then: { required: ['object'] } },
    { if: { properties: { type: { const: 'stage' } } }, then: { required: ['pipeline'] } },
  ],
};

const objectDefinition = {
  type: 'object',
  required: ['label', 'fields'],
  additionalProperties: false,
  properties: {
    label,
    pluralLabel: label,
    description: label,
    titleField: { ...fieldKey, description: 'The field a lookup to this object shows.' },
    icon: { type: 'string', maxLength: 40 },
    fields: { type: 'object', propertyNames: fieldKey, additionalProperties: field, maxProperties: 500 },
  },
};

const stage = {
  type: 'object',
  required: ['key', 'kind'],
  additionalProperties: false,
  properties: {
    key: { type: 'string', pattern: itemKey },
    label,
    kind: { enum: ['open', 'won', 'lost'], description: 'open stages are in progress; won and lost end the pipeline.' },
    probability: { type: 'number', minimum: 0, maximum: 1, description: 'Chance of winning from this stage (0..1), for forecasts.' },
    requires: { ...fieldList, description: 'Fields that must have a value before a record may enter this stage.' },
    requiresNote: { type: 'boolean', description: 'Entering this stage asks for a note (e.g. why it was lost).' },
    color: { type: 'string', maxLength: 32 },
    creates: {
      type: 'object',
      required: ['object', 'map'],
      additionalProperties: false,
      description: 'Entering this stage creates a linked record of another object, copying fields. Its only lookup to this object is set to the converted record unless `map` fills it.',
      properties: {
        object: objectKey,
        map: { type: 'object', additionalProperties: { type: 'string' }, description: 'target field: source field (`id`: the converted record). A target object with several lookups to this object links back only through the one mapped to `id`.' },
      },
    },
  },
};

const pipeline = {
  type: 'object',
  required: ['object', 'field', 'stages'],
  additionalProperties: false,
  properties: {
    object: objectKey,
    field: fieldKey,
    label,
    stages: { type: 'array', items: stage, minItems: 2, maxItems: 50 },
    transitions: {
      description: 'forward: only to later stages; any: anywhere; or a list of allowed moves. Won and lost stages are reachable from every open stage, unless a listed move from an open stage names one with roles: then the listed moves (their from stages and roles) decide who reaches it.',
      anyOf: [
        { enum: ['forward', 'any'] },
        {
          type: 'array',
          items: {
            type: 'object',
            required: ['from', 'to'],
            additionalProperties: false,
            properties: {
              from: { type: 'array', items: { type: 'string' }, minItems: 1 },
              to: { type: 'array', items: { type: 'string' }, minItems: 1 },
              roles: { type: 'array', items: { type: 'string' } },
            },
          },
        },
      ],
    },
  },
};

/** A release reason of a pool: what a release stores, and the words people read. */
const releaseReason = (keyDescription: string) => ({
  type: 'object',
  required: ['key', 'label'],
  additionalProperties: false,
  properties: { key: key('^[a-z][a-zA-Z0-9_]{0,39}$', keyDescription), label },
});

const pool = {
  type: 'object',
  required: ['object'],
  additionalProperties: false,
  properties: {
    object: objectKey,
    label,
    where: { ...filter, description: 'Which records this pool holds (first matching pool wins); omitted: every record of the object. A record matching no pool of its object belongs to its creator, as on an object without pools.' },
    admins: {
      type: 'object',
      required: ['roles'],
      additionalProperties: false,
      properties: { roles: { anyOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }] } },
      description: 'Who administers the pool: assigns, extends for others, forces past limits.',
    },
    maxPerOwner: positiveInt('How many private leads one person may hold at once (won leads do not count).'),
    maxClaimsPerDay: positiveInt('How many leads one person may claim per calendar day.'),
    holdDays: positiveInt('A private lead returns to the public pool this many days after it was claimed or assigned (plus the days it was extended). Publishing a change (set, changed or removed) re-dates the holds already in the pool by the new value; removed, they no longer expire.'),
    releaseIfNoVisitDays: positiveInt('…or this many days after its last visit (or the claim, if never visited).'),
    releaseIfNotWonDays: positiveInt('…or this many days after the claim if it has not reached a won stage.'),
    extension: {
      type: 'object',
      required: ['days', 'maxTimes'],
      additionalProperties: false,
      description: 'Lets the hold be extended: pushes back the hold expiry and the not-won deadline.',
      properties: {
        days: { type: 'integer', minimum: 1, maximum: 365 },
        maxTimes: { type: 'integer', minimum: 0, maximum: 100 },
        by: {
          type: 'array', items: { enum: ['owner', 'manager', 'admin'] }, uniqueItems: true,
          description: 'Who extends a hold besides the pool’s administrators and tenant admins, who always may: `owner` the holder, `manager` the holder’s manager (each with the `extend` role action); `admin` alone leaves it to administrators. Default: owner and manager.',
        },
      },
    },
    reclaimCooldownDays: positiveInt('After losing or releasing a lead, a person cannot claim it again for this many days.'),
    warnDaysBefore: positiveInt('Owners are notified this many days before an automatic release.'),
    visit: {
      type: 'object',
      required: ['object', 'field', 'at'],
      additionalProperties: false,
      description: 'Which records count as visits: their object, their lookup to the pooled record, and their time field.',
      properties: { object: objectKey, field: fieldKey, at: fieldKey },
    },
    exempt: { ...filter, description: 'Records matching this filter are never released automatically.' },
    members: { ...filter, description: 'Who may see and claim from the pool (a filter over users); omitted: everyone.' },
    hiddenWhilePublic: { ...fieldList, description: 'Fields masked until someone claims the record.' },
    timeZone: { type: 'string', maxLength: 64, description: 'The time zone of "a day" for caps and schedules.' },
    sweepSchedule: { type: 'string', maxLength: 100, description: 'Cron schedule of the automatic release sweep (default: every 15 minutes).' },
    releaseReasons: {
      type: 'array',
      maxItems: 20,
      description: 'The usual reasons a person releases a record of this pool for, in the order the release dialog offers them (a typed reason stays allowed); a release stores the key. Omitted: the four built-in reasons (no_interest, kp_unreachable, competitor_signed, wrong_info).',
      items: releaseReason('What a release stores (shop_closed); not one of the sweep\'s reasons (hold_expired, no_visit, not_won).'),
    },
    removedReleaseReasons: {
      type: 'array',
      maxItems: maxRemovedReleaseReasons,
      description: 'Reasons this pool offered once and no longer does, with the words they had when last published, so that records released for them (and their history) still read in words. Kept by the publish that removes a reason (the latest first) and derived by the server alone: what a draft says of it is ignored.',
      items: releaseReason('What releases for this reason stored.'),
    },
  },
};

const layout = {
  type: 'object',
  additionalProperties: false,
  properties: {
    list: {
      type: 'object',
      required: ['columns'],
      additionalProperties: false,
      properties: { columns: fieldList, orderBy: { type: 'string', maxLength: 200 } },
    },
    form: {
      type: 'object',
      required: ['sections'],
      additionalProperties: false,
      properties: {
        sections: {
          type: 'array',
          maxItems: 50,
          items: {
            type: 'object',
            required: ['fields'],
            additionalProperties: false,
            properties: { title: label, columns: { type: 'integer', minimum: 1, maximum: 4 }, fields: fieldList },
          },
        },
      },
    },
    detail: {
      type: 'object',
      required: ['components'],
      additionalProperties: false,
      properties: {
        components: {
          type: 'array',
          maxItems: 50,
          items: {
            anyOf: [
              { enum: ['stageBar', 'poolActions', 'form', 'timeline', 'workOrders'] },
              {
                type: 'object',
                required: ['related'],
                additionalProperties: false,
                properties: { related: objectKey, field: fieldKey, label },
              },
              {
                type: 'object',
                required: ['chart'],
                properties: { chart: { enum: ['funnel', 'history'] }, label },
              },
            ],
          },
        },
      },
    },
  },
};

const view = {
  type: 'object',
  required: ['object'],
  additionalProperties: false,
  properties: {
    object: objectKey,
    label,
    where: filter,
    orderBy: { type: 'string', maxLength: 200 },
    columns: fieldList,
    display: { enum: ['table', 'kanban'] },
    roles: { type: 'array', items: { type: 'string' }, description: 'Roles that see this view; omitted: everyone.' },
  },
};

const roleRule = {
  type: 'object',
  required: ['object', 'actions'],
  additionalProperties: false,
  properties: {
    object: { anyOf: [objectKey, { type: 'array', items: objectKey, minItems: 1 }] },
    actions: { type: 'array', items: { type: 'string', pattern: '^[a-z][a-zA-Z]{1,30}$' }, minItems: 1 },
    where: { ...filter, description: 'The rule applies only to records matching this filter ($user.* variables allowed).' },
    fields: { ...fieldList, description: 'Only these fields may be read (read rules) or written (create/update rules).' },
  },
};

/**
 * A role: a list of rules, or an object that is either full access (`{ all: true, label? }`) or
 * rules with a name (`{ label?, rules }`). The two objects are told apart by `all` (if/then, not
 * two anyOf branches) so that a mistake in one is reported there, not as both failing.
 */
const role = {
  anyOf: [
    { type: 'array', items: roleRule, maxItems: 200 },
    {
      type: 'object',
      if: { required: ['all'] },
      then: { required: ['all'], additionalProperties: false, properties: { all: { const: true }, label } },
      else: {
        required: ['rules'],
        additionalProperties: false,
        description: 'A role with a name: its label (what the studio and the app call it) and its rules.',
        properties: { label, rules: { type: 'array', items: roleRule, maxItems: 200 } },
      },
    },
  ],
};

const assignmentRule = {
  type: 'object',
  required: ['object', 'records', 'users', 'match'],
  additionalProperties: false,
  properties: {
    title: label,
    object: objectKey,
    pool: { type: 'string', pattern: itemKey },
    records: {
      type: 'object',
      additionalProperties: false,
      description: 'Account recall: which records qualify (include) and which never do (exclude wins).',
      properties: { include: filter, exclude: filter },
    },
    users: {
      type: 'object',
      additionalProperties: false,
      description: 'Personnel recall: who receives records, and how many.',
      properties: {
        where: filter,
        maxPerDay: positiveInt('Allocations by rules to one person per day.'),
        maxTotal: positiveInt('Counts the person’s current private holdings.'),
      },
    },
    match: { enum: ['even', 'minVariance', 'roundRobin', 'weighted'] },
    priority: { type: 'integer', minimum: 0, maximum: 100000, description: 'Lower runs first.' },
    schedule: { type: 'string', maxLength: 100, description: 'Cron, in the pool’s time zone.' },
    activeFrom: { type: 'string', format: 'date' },
    activeUntil: { type: 'string', format: 'date' },
    workOrderPriority: {
      type: 'object',
      required: ['field'],
      additionalProperties: false,
      properties: { field: { type: 'string', maxLength: 100 }, order: { enum: ['asc', 'desc'] } },
    },
    enabled: { type: 'boolean' },
  },
};

export const metadataJsonSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'https://shoal.dev/schemas/metadata.json',
  title: 'Shoal metadata document',
  type: 'object',
  required: ['name', 'objects'],
  additionalProperties: false,
  properties: {
    name: { type: 'string', minLength: 1, maxLength: 200, description: 'Display name of the tenant.' },
    locale: { enum: ['en', 'zh', 'en-US', 'zh-CN'], description: 'Default UI language.' },
    timeZone: { type: 'string', maxLength: 64, description: 'The tenant’s time zone (IANA), e.g. Asia/Shanghai.' },
    objects: { type: 'object', propertyNames: objectKey, additionalProperties: objectDefinition, maxProperties: 200 },
    pipelines: { type: 'object', propertyNames: { pattern: itemKey }, additionalProperties: pipeline },
    pools: { type: 'object', propertyNames: { pattern: itemKey }, additionalProperties: pool },
    layouts: { type: 'object', propertyNames: objectKey, additionalProperties: layout },
    views: { type: 'object', propertyNames: { pattern: itemKey }, additionalProperties: view },
    roles: { type: 'object', propertyNames: { pattern: itemKey }, additionalProperties: role },
    assignmentRules: { type: 'object', propertyNames: { pattern: itemKey }, additionalProperties: assignmentRule },
    components: {
      type: 'object',
      required: ['enabled'],
      additionalProperties: false,
      properties: { enabled: { type: 'array', items: { type: 'string' }, uniqueItems: true } },
    },
  },
} as const;
