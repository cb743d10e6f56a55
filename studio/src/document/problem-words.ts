import { components, isComponentKey } from '../../../platform/components/component-registry.ts';
import type { DataMigration } from '../../../platform/metadata/data-migrations.ts';
import type { MetadataDocument } from '../../../platform/metadata/metadata-types.ts';
import { enMessages } from '../i18n/en-messages.ts';
import type { MessageKey, Translate, UiLocale } from '../i18n/i18n.tsx';
import { itemName } from './item-names.ts';

/** How a problem names the things it points at: objects, pools and components by their names in the UI language, types by the type list's words. */
export interface ProblemNames {
  object: (key: string) => string;
  pool: (key: string) => string;
  /** A release reason of a pool by its words. */
  reason: (pool: string, key: string) => string;
  type: (key: string) => string;
  component: (key: string) => string;
  /** A JSON type (string, object …) in words. */
  jsonType: (name: string) => string;
  /** What joins alternatives ("text or list"). */
  or: string;
  /** A field of an object by its label; its key where the object is not known. */
  field: (object: string | undefined, key: string) => string;
  /** The object a problem's path is about: /objects/lead/… is lead's, /migrations/0/… the object of the draft's first data migration. */
  objectAt: (path: string) => string | undefined;
}

/** JSON's own type names, as the schema checks write them ("object", "string" …), in the owner's words. */
const jsonTypes: Record<string, MessageKey> = {
  string: 'json.type.string', number: 'json.type.number', integer: 'json.type.integer', boolean: 'json.type.boolean',
  object: 'json.type.object', array: 'json.type.array', null: 'json.type.null',
};

/** A JSON type in the owner's words ('文本' for string); a name that is none as it is. */
export function jsonTypeName(name: string, t: Translate): string {
  return jsonTypes[name] ? t(jsonTypes[name]) : name;
}

type Vars = Record<string, string>;
type Pattern = [RegExp, MessageKey, (m: RegExpExecArray, names: ProblemNames, path: string) => Vars];

const none = (): Vars => ({});

/**
 * Every shape of message the server's metadata validator writes (platform/metadata/rules/*,
 * structure-problems.ts, the filter parser and literal checks, the cron check), each with the
 * words the studio shows for it; the first match wins.
 */
const patterns: Pattern[] = [
  // Pools.
  [/^needs a visit object \(pools\.\*\.visit\) to know when a lead was last visited$/, 'problem.noVisitObject', none],
  [/^cannot name pool: which pool holds a record is what this filter decides$/, 'problem.whereNamesPool', none],
  [/^must be a lookup from (\S+) to (\S+)$/, 'problem.visitLink', (m, n) => ({ from: n.object(m[1]!), to: n.object(m[2]!) })],
  [/^must be a date or date-time field of (\S+)$/, 'problem.visitTime', (m, n) => ({ object: n.object(m[1]!) })],
  [/^is not a time zone \((.*)\)$/, 'problem.timeZone', (m) => ({ value: m[1]! })],
  [/^is not a valid cron schedule/, 'problem.cron', none],
  [/^(\S+) is what the sweep stores when it releases a record; choose another key$/, 'problem.sweepReasonKey', (m) => ({ key: m[1]! })],
  [/^(\S+) is what a reassignment stores for the holder who loses a record; choose another key$/, 'problem.reassignReasonKey', (m) => ({ key: m[1]! })],
  [/^(\S+) is already a reason of this pool/, 'problem.repeatsReason', (m) => ({ key: m[1]! })],
  [/^needs words the release dialog can show/, 'problem.reasonWords', none],
  [/^is blank: give words in this language or leave it out$/, 'problem.blankLabel', none],
  [/^needs the visits component enabled \(components\.enabled: visits\)/, 'problem.visitsOff', none],
  // Objects and fields.
  [/^"(.+)" is a system field; choose another key$/, 'problem.systemKey', (m) => ({ key: m[1]! })],
  [/^"user" is reserved for the users of the tenant$/, 'problem.userReserved', none],
  [/^an object can have only one stage field$/, 'problem.oneStageField', none],
  [/^an autonumber is always assigned; it cannot be required$/, 'problem.autonumberRequired', none],
  [/^a required lookup cannot be cleared when its target is deleted; use restrict$/, 'problem.requiredLookupClear', none],
  [/^is not a valid regular expression$/, 'problem.regex', none],
  [/^cannot be used: a pattern may not use look-ahead, look-behind or back-references, which cannot be matched in linear time \((.*)\)$/, 'problem.regexLinear', (m) => ({ reason: m[1]! })],
  [/^repeats the option "(.*)"$/, 'problem.repeatsOption', (m) => ({ value: m[1]! })],
  [/^must not be greater than max \((.*) > (.*)\)$/, 'problem.minMax', (m) => ({ min: m[1]!, max: m[2]! })],
  [/^is not a valid value for this (\S+) field$/, 'problem.badDefault', (m, n) => ({ type: n.type(m[1]!) })],
  [/^is not a valid value for this date field \(a date such as/, 'problem.badDefaultDate', none],
  [/^is not a valid value for this datetime field \(an ISO 8601 date-time/, 'problem.badDefaultDateTime', none],
  [/^must be an open stage that creates no record, where a new record may start \((.*)\)$/, 'problem.startStage', (m) => ({ stages: m[1]! })],
  [/^must name another field, not this one$/, 'problem.notBeforeSelf', none],
  [/^must be a field of (\S+) \((\S+) is not\)$/, 'problem.notBeforeField', (m, n) => ({ object: n.object(m[1]!), field: m[2]! })],
  [/^must be a (\S+) field like this one \((\S+) is a (\S+) field\)$/, 'problem.notBeforeType', (m, n) => ({ type: n.type(m[1]!), field: m[2]!, other: n.type(m[3]!) })],
  [/^does not apply to an? (\S+) field$/, 'problem.notForType', (m, n) => ({ type: n.type(m[1]!) })],
  [/^must be one of the object's fields \((.*) is not\)$/, 'problem.titleField', (m) => ({ field: m[1]! })],
  [/^refers to an object that does not exist \((.*)\)$/, 'problem.noObject', (m) => ({ key: m[1]! })],
  [/^refers to a pipeline that does not exist \((.*)\)$/, 'problem.noPipeline', (m) => ({ key: m[1]! })],
  [/^refers to a pool that does not exist \((.*)\)$/, 'problem.noPool', (m) => ({ key: m[1]! })],
  [/^is a layout for an object that does not exist \((.*)\)$/, 'problem.noObject', (m) => ({ key: m[1]! })],
  [/^pipeline (\S+) belongs to (\S+)\.(\S+), not to this field$/, 'problem.pipelineTaken', (m, n) => ({ pipeline: m[1]!, object: n.object(m[2]!), field: m[3]! })],
  [/^(\S+)\.(\S+) must be a stage field with pipeline: (\S+)$/, 'problem.notStageField', (m, n) => ({ object: n.object(m[1]!), field: m[2]! })],
  // Pipelines.
  [/^needs at least one open stage$/, 'problem.openStage', none],
  [/^needs at least one won stage$/, 'problem.wonStage', none],
  [/^repeats the stage "(.*)"$/, 'problem.repeatsStage', (m) => ({ value: m[1]! })],
  [/^is not a stage of this pipeline \((.*)\)$/, 'problem.notStage', (m) => ({ value: m[1]! })],
  [/^must be a stage of (\S+) \((.*)\)$/, 'problem.stageOf', (m) => ({ stages: m[2]! })],
  [/^must fill (\S+)\.(\S+), which is required$/, 'problem.mustFill', (m, n) => ({ object: n.object(m[1]!), field: m[2]! })],
  [/^cannot copy (\S+)\.(\S+) \((\S+)\) into (\S+)\.(\S+) \((\S+)\)$/, 'problem.cannotCopy',
    (m, n) => ({ from: `${n.object(m[1]!)}.${m[2]!}`, fromType: n.type(m[3]!), to: `${n.object(m[4]!)}.${m[5]!}`, toType: n.type(m[6]!) })],
  [/^(\S+) has no writable field (\S+)$/, 'problem.noWritableField', (m, n) => ({ object: n.object(m[1]!), field: m[2]! })],
  [/^(\S+) has no field (\S+)$/, 'problem.noField', (m, n) => ({ object: n.object(m[1]!), field: m[2]! })],
  // Layouts and views (and sorts, which a rule's work-order priority has too).
  [/^must name at least one field$/, 'problem.sortNone', none],
  [/^can sort by at most (\d+) fields$/, 'problem.sortMany', (m) => ({ n: m[1]! })],
  [/^needs a field name after '([-+])'$/, 'problem.sortSign', (m) => ({ sign: m[1]! })],
  [/^(\S+): put one '-' \(descending\) or nothing before a field name$/, 'problem.sortSigns', (m) => ({ part: m[1]! })],
  [/^sorts by (\S+) twice$/, 'problem.sortTwice', (m) => ({ field: m[1]! })],
  [/^(\S+) is not a field of (\S+)$/, 'problem.sortNoField', (m, n) => ({ field: m[1]!, object: n.object(m[2]!) })],
  [/^cannot sort by (\S+) \(a JSON value\)$/, 'problem.sortJson', (m) => ({ field: m[1]! })],
  [/^cannot sort by (\S+) \(a list of values\)$/, 'problem.sortList', (m) => ({ field: m[1]! })],
  [/^a kanban needs a stage field; (\S+) has none$/, 'problem.kanbanStage', (m, n) => ({ object: n.object(m[1]!) })],
  [/^a stage bar needs a stage field; (\S+) has none$/, 'problem.stageBar', (m, n) => ({ object: n.object(m[1]!) })],
  [/^(\S+) is set by the system and cannot be on a form$/, 'problem.systemOnForm', (m) => ({ field: m[1]! })],
  [/^pool actions need a pool; no pool holds (\S+)$/, 'problem.poolActions', (m, n) => ({ object: n.object(m[1]!) })],
  [/^(\S+) has no lookup to (\S+)/, 'problem.noLookup', (m, n) => ({ object: n.object(m[1]!), to: n.object(m[2]!) })],
  // Roles.
  [/^is not a role \((.*)\)$/, 'problem.notRole', (m) => ({ value: m[1]! })],
  [/^is not an action \((\S+)\); known actions: .*$/, 'problem.notAction', (m) => ({ value: m[1]! })],
  // Assignment rules and components.
  [/^(\S+) records live in pool (\S+): a rule that gives them out must name it \(pool: \S+\)$/, 'problem.ruleNeedsPool', (m, n) => ({ object: n.object(m[1]!), pool: n.pool(m[2]!) })],
  [/^pool (\S+) holds (\S+), not (\S+)$/, 'problem.poolHolds', (m, n) => ({ pool: n.pool(m[1]!), object: n.object(m[2]!), other: n.object(m[3]!) })],
  [/^must not be before activeFrom \((.*)\)$/, 'problem.activeUntil', (m) => ({ date: m[1]! })],
  [/^assignment rules need the assignment component enabled$/, 'problem.assignmentOff', none],
  [/^the workOrders component is not enabled$/, 'problem.workOrdersOff', none],
  [/^(\S+) needs (\S+) enabled too$/, 'problem.componentNeeds', (m, n) => ({ component: n.component(m[1]!), needed: n.component(m[2]!) })],
  [/^is not a component \((\S+)\); known: .*$/, 'problem.notComponent', (m) => ({ value: m[1]! })],
  // Filters (the parser and its value checks).
  [/^is not a field of (\S+) \(reached through (\S+)\)$/, 'problem.notFieldVia', (m, n) => ({ object: n.object(m[1]!), via: m[2]! })],
  [/^is not a field of (\S+)$/, 'problem.notField', (m, n) => ({ object: n.object(m[1]!) })],
  [/^cannot be followed: (\S+) is not a lookup$/, 'problem.notLookup', (m) => ({ field: m[1]! })],
  [/^follows more than one lookup \(only one hop is allowed\)$/, 'problem.oneHop', none],
  [/^cannot be used on (\S+) \(an? (.+) field\)$/, 'problem.operatorKind', (m) => ({ field: m[1]! })],
  [/^is not a known operator/, 'problem.operator', none],
  [/^needs at least one operator$/, 'problem.operator', none],
  [/^must be a non-empty array of conditions$/, 'problem.emptyGroup', none],
  [/^cannot use variables here$/, 'problem.noVariables', none],
  [/^is not a known variable /, 'problem.variable', none],
  [/^is not an option of (\S+) \((.*)\)$/, 'problem.notOption', (m) => ({ options: m[2]! })],
  [/^must be true or false$/, 'problem.boolean', none],
  [/^must be a number$/, 'problem.number', none],
  [/^must be a string$/, 'problem.string', none],
  [/^must be an id \(UUID\)$/, 'problem.uuid', none],
  [/^must be a date \(YYYY-MM-DD\)/, 'problem.date', none],
  [/^must be an ISO 8601 date-time/, 'problem.dateTime', none],
  [/^must be an array of values$/, 'problem.valueList', none],
  // A publish's data migrations (platform/metadata/data-migrations.ts checkMigrations, publish.ts).
  [/^(\S+) must exist before and after publishing$/, 'problem.migration.object', (m, n) => ({ object: n.object(m[1]!) })],
  [/^(\S+) must be a field of the live version that the draft no longer has$/, 'problem.migration.renameFrom', (m, n, at) => ({ field: n.field(n.objectAt(at), m[1]!) })],
  [/^(\S+) must be a new field of the draft$/, 'problem.migration.renameTo', (m, n, at) => ({ field: n.field(n.objectAt(at), m[1]!) })],
  [/^a rename keeps the type \((\S+)\); change the type in a separate publish$/, 'problem.migration.renameType', (m, n) => ({ type: n.type(m[1]!) })],
  [/^a stage field cannot be renamed$/, 'problem.migration.renameStage', none],
  [/^(\S+) must exist in both versions with different types$/, 'problem.migration.changeType', (m, n, at) => ({ field: n.field(n.objectAt(at), m[1]!) })],
  [/^values cannot be converted to or from (\S+)$/, 'problem.migration.convertKind', (m, n) => ({ type: n.type(m[1]!) })],
  [/^(\S+) must be a select, multi-select or stage field$/, 'problem.migration.optionField', (m, n, at) => ({ field: n.field(n.objectAt(at), m[1]!) })],
  [/^(\S+) is not an option of (\S+) in the draft$/, 'problem.migration.notOption', (m, n, at) => ({ value: m[1]!, field: n.field(n.objectAt(at), m[2]!) })],
  [/^(\d+) values cannot be converted; fix them or publish with "clearInvalid": true to clear them$/, 'problem.migration.unconvertible', (m) => ({ n: m[1]! })],
  [/^records share values after the migration; fix them first$/, 'problem.migration.collide', none],
  [/^records hold values that are not of this type/, 'problem.migration.otherType', none],
  [/^(\S+) must be a pool before and after publishing$/, 'problem.migration.reasonPool', (m, n) => ({ pool: n.pool(m[1]!) })],
  [/^(\S+) must be a release reason of (\S+) in the live version that the draft no longer offers$/, 'problem.migration.reasonFrom', (m, n) => ({ reason: n.reason(m[2]!, m[1]!), pool: n.pool(m[2]!) })],
  [/^(\S+) is not a release reason of (\S+) in the draft$/, 'problem.migration.reasonTo', (m, n) => ({ reason: n.reason(m[2]!, m[1]!), pool: n.pool(m[2]!) })],
  // The document's structure (JSON Schema).
  [/^is not a valid key \(([^)]*)\)/, 'problem.badKeyNamed', (m) => ({ key: m[1]! })],
  [/^is not a valid key: /, 'problem.badKey', none],
  [/^is not a valid language code \(([^)]*)\)/, 'problem.badLanguage', (m) => ({ key: m[1]! })],
  [/^must contain zeros in braces where the number goes/, 'problem.autonumberFormat', none],
  [/^must be a three-letter ISO 4217 code/, 'problem.currencyCode', none],
  [/^must not be empty$/, 'problem.empty', none],
  [/^is required$/, 'problem.required', none],
  [/^must be >= (\S+)$/, 'problem.atLeast', (m) => ({ n: m[1]! })],
  [/^must be <= (\S+)$/, 'problem.atMost', (m) => ({ n: m[1]! })],
  [/^must NOT have more than (\d+) characters$/, 'problem.tooLong', (m) => ({ n: m[1]! })],
  [/^must NOT have fewer than (\d+) characters$/, 'problem.tooShort', (m) => ({ n: m[1]! })],
  [/^must NOT have fewer than (\d+) items$/, 'problem.fewItems', (m) => ({ n: m[1]! })],
  [/^must NOT have more than (\d+) items$/, 'problem.manyItems', (m) => ({ n: m[1]! })],
  [/^is not a known property$/, 'problem.unknownProperty', none],
  [/^must be one of (.*)$/, 'problem.oneOf', (m) => ({ values: m[1]! })],
  [/^must be ((?:string|number|integer|boolean|object|array|null)(?: or (?:string|number|integer|boolean|object|array|null))*)$/, 'problem.jsonType', (m, n) => ({ types: m[1]!.split(' or ').map(n.jsonType).join(n.or) })],
];

/**
 * A problem the server found in the draft, in the UI language. The validator writes English;
 * the Chinese studio showed it as written ('needs a visit object (pools.*.visit) …' under 未拜访释放).
 * A message of a shape not listed stays as the server wrote it.
 *
 * `path` (the problem's pointer) tells which object a field it names belongs to.
 *
 * @example problemMessage('an object can have only one stage field', t, names) // "一个对象只能有一个阶段字段"
 */
export function problemMessage(message: string, t: Translate, names: ProblemNames, path = ''): string {
  for (const [pattern, key, vars] of patterns) {
    const match = pattern.exec(message);
    if (match) return t(key, vars(match, names, path));
  }
  return message;
}

/**
 * Names for problems from the draft (else the live version): objects, pools and fields by their
 * labels, their keys where they have none; `migrations` are the data migrations the problems'
 * /migrations/… paths point into.
 */
export function problemNames(documents: Array<MetadataDocument | undefined>, t: Translate, locale: UiLocale, migrations: DataMigration[] = []): ProblemNames {
  return {
    object: (key) => itemName({ section: 'objects', key }, documents, locale),
    pool: (key) => itemName({ section: 'pools', key }, documents, locale),
    reason: (pool, key) => itemName({ section: 'releaseReasons', key: `${pool}:${key}` }, documents, locale),
    type: (key) => (`type.${key}` in enMessages ? t(`type.${key}` as MessageKey) : key),
    component: (key) => (isComponentKey(key) ? components[key].label[locale] : key),
    jsonType: (name) => jsonTypeName(name, t),
    or: t('problem.or'),
    field: (object, key) => (object ? itemName({ section: 'fields', key, object }, documents, locale) : key),
    objectAt: (path) => {
      const at = /^\/(objects|migrations)\/([^/]+)/.exec(path);
      if (!at) return undefined;
      const migration = migrations[Number(at[2])];
      return at[1] === 'objects' ? at[2] : migration && 'object' in migration ? migration.object : undefined;
    },
  };
}
