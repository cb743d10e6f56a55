import { isDeepStrictEqual } from 'node:util';
import { fieldTypeSpecs, optionValues, scaleOf } from './field-types.ts';
import type { FieldDefinition, FieldType, MetadataDocument, ObjectDefinition, PoolDefinition } from './metadata-types.ts';
import type { DataMigration } from './data-migrations.ts';
import { droppedReleaseReasons } from './removed-release-reasons.ts';
import { storedReleaseReasons } from '../pools/release-reasons.ts';
import { enabledComponents } from '../components/component-registry.ts';

export type Classification = 'safe' | 'migration' | 'destructive';

/** What a change would touch in existing records, counted before publishing. */
export type AffectedRecords =
  | { object: string; kind: 'all' }
  | { object: string; kind: 'hasField'; field: string }
  | { object: string; kind: 'hasOption'; field: string; value: string; multi: boolean }
  | { object: string; kind: 'inStage'; stage: string }
  | { object: string; kind: 'pooled'; pool: string }
  /** Records of a pool released for a reason (`reasons`: the values such a release may be stored as). */
  | { object: string; kind: 'releasedFor'; pool: string; reasons: string[] }
  | { object: string; kind: 'duplicates'; field: string }
  /** Values under a new field's key that are not of its JSON type (left by an earlier field). */
  | { object: string; kind: 'misfits'; field: string; jsonType: 'string' | 'number' | 'boolean' | 'array' }
  /** Values a field's stricter rules no longer accept: they stay; a new value must meet the rules. */
  | { object: string; kind: 'breaks'; field: string; rules: StricterRules };

/** The rules of a field that became stricter (each the new limit). */
export interface StricterRules {
  required?: true;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  scale?: number;
}

export interface MetadataChange {
  section: 'document' | 'objects' | 'fields' | 'pipelines' | 'stages' | 'pools' | 'releaseReasons' | 'layouts' | 'views' | 'roles' | 'assignmentRules' | 'components';
  action: 'added' | 'removed' | 'changed' | 'renamed';
  path: string;
  key: string;
  object?: string;
  classification: Classification;
  /** Classification when affected records exist; with none, the change is safe. */
  ifRecords?: Classification;
  affects?: AffectedRecords;
  affectedRecords?: number;
  detail: string;
  /** The data migration (from the publish request) that resolves this change. */
  migration?: DataMigration;
}

/** Type changes every existing value survives unchanged. */
const widening: Partial<Record<FieldType, FieldType[]>> = {
  textarea: ['text', 'email', 'phone', 'url', 'select', 'autonumber'],
  // Not url: a URL may be longer than a text field's 255 characters.
  text: ['email', 'phone', 'select', 'autonumber'],
  decimal: ['integer'],
  // Not decimal: a currency keeps 2 decimal places, a decimal up to 6.
  currency: ['integer'],
};

/**
 * The changes from `live` to `draft`, each classified: safe, needs a data migration, or
 * destructive when records are affected. Counts are filled in later (`countAffected`), and a
 * change whose count is zero is safe.
 */
export function diffMetadata(live: MetadataDocument | undefined, draft: MetadataDocument, migrations: DataMigration[] = []): MetadataChange[] {
  const changes: MetadataChange[] = [];
  const before = live ?? { name: draft.name, objects: {} };
  if (before.name !== draft.name || before.locale !== draft.locale || before.timeZone !== draft.timeZone) {
    changes.push({ section: 'document', action: 'changed', path: '', key: 'document', classification: 'safe', detail: 'name, language or time zone changed' });
  }
  diffObjects(before, draft, migrations, changes);
  diffPipelines(before, draft, migrations, changes);
  diffPools(before, draft, migrations, changes);
  diffSection('layouts', before.layouts ?? {}, draft.layouts ?? {}, changes);
  diffSection('views', before.views ?? {}, draft.views ?? {}, changes);
  diffSection('roles', before.roles ?? {}, draft.roles ?? {}, changes);
  diffSection('assignmentRules', before.assignmentRules ?? {}, draft.assignmentRules ?? {}, changes);
  if (!isDeepStrictEqual(before.components ?? null, draft.components ?? null)) {
    changes.push({ section: 'components', action: 'changed', path: '/components', key: 'components', classification: 'safe', detail: `enabled: ${(draft.components?.enabled ?? ['all']).join(', ')}` });
  }
  return changes;
}

function diffObjects(before: MetadataDocument, draft: MetadataDocument, migrations: DataMigration[], changes: MetadataChange[]): void {
  for (const [key, object] of Object.entries(draft.objects)) {
    const old = before.objects[key];
    if (!old) {
      changes.push({ section: 'objects', action: 'added', path: `/objects/${key}`, key, object: key, classification: 'safe', detail: `new object ${key}` });
      continue;
    }
    diffFields(key, old, object, migrations, changes);
    const newOrder = Object.keys(object.fields).filter((f) => Object.hasOwn(old.fields, f));
    const oldOrder = Object.keys(old.fields).filter((f) => Object.hasOwn(object.fields, f));
    if (newOrder.join() !== oldOrder.join()) {
      changes.push({ section: 'fields', action: 'changed', path: `/objects/${key}/fields`, key: `${key}:order`, object: key, classification: 'safe', detail: 'fields reordered' });
    }
    const { fields: _a, ...oldRest } = old;
    const { fields: _b, ...newRest } = object;
    if (!isDeepStrictEqual(oldRest, newRest)) {
      changes.push({ section: 'objects', action: 'changed', path: `/objects/${key}`, key, object: key, classification: 'safe', detail: `${changedProps(oldRest, newRest).join(', ')} changed` });
    }
  }
  for (const key of Object.keys(before.objects)) {
    if (draft.objects[key]) continue;
    changes.push({
      section: 'objects', action: 'removed', path: `/objects/${key}`, key, object: key, classification: 'safe', ifRecords: 'destructive',
      affects: { object: key, kind: 'all' }, detail: `object ${key} removed; its records become unreachable`,
    });
  }
}

function diffFields(objectKey: string, old: ObjectDefinition, next: ObjectDefinition, migrations: DataMigration[], changes: MetadataChange[]): void {
  const renames = migrations.filter((m): m is Extract<DataMigration, { op: 'renameField' }> => m.op === 'renameField' && m.object === objectKey);
  const renamedFrom = new Set(renames.map((r) => r.from));
  for (const rename of renames) {
    changes.push({
      section: 'fields', action: 'renamed', path: `/objects/${objectKey}/fields/${rename.to}`, key: rename.to, object: objectKey,
      classification: 'migration', affects: { object: objectKey, kind: 'hasField', field: rename.from },
      detail: `${rename.from} renamed to ${rename.to}; values move with it`, migration: rename,
    });
  }
  for (const [key, field] of Object.entries(next.fields)) {
    // A renamed field is compared with the field it was: its label, required, options … may have
    // changed too. Live records hold its values under the old key, so that is what counts them.
    const stored = renames.find((r) => r.to === key)?.from ?? key;
    const was = old.fields[stored];
    const at = `/objects/${objectKey}/fields/${key}`;
    if (!was) {
      changes.push({
        section: 'fields', action: 'added', path: at, key, object: objectKey, classification: 'safe', detail: `new ${field.type} field ${key}`,
        ifRecords: 'migration', affects: { object: objectKey, kind: 'misfits', field: key, jsonType: jsonTypeOf(field.type) },
      });
      continue;
    }
    if (was.type !== field.type) {
      const safe = widening[field.type]?.includes(was.type) ?? false;
      const migration = migrations.find((m) => m.op === 'changeType' && m.object === objectKey && m.field === key);
      changes.push({
        section: 'fields', action: 'changed', path: at, key, object: objectKey, classification: 'safe',
        ...(safe ? {} : { ifRecords: 'migration' as const, affects: { object: objectKey, kind: 'hasField' as const, field: stored } }),
        detail: `type ${was.type} → ${field.type}${safe ? ' (every value stays valid)' : ''}`,
        ...(migration ? { migration } : {}),
      });
    } else {
      const optionsRemoved = diffOptions(objectKey, key, stored, was, field, migrations, changes);
      if (field.unique && !was.unique) {
        changes.push({ section: 'fields', action: 'changed', path: `${at}/unique`, key, object: objectKey, classification: 'safe', ifRecords: 'migration', affects: { object: objectKey, kind: 'duplicates', field: stored }, detail: `${key} becomes unique; duplicated values must be fixed first` });
      }
      if (field.type === 'lookup' && field.object !== was.object) {
        changes.push({
          section: 'fields', action: 'changed', path: `${at}/object`, key, object: objectKey, classification: 'safe', ifRecords: 'destructive',
          affects: { object: objectKey, kind: 'hasField', field: stored }, detail: `${key} now points at ${field.object}; its values point at ${was.object} records`,
        });
      }
      const props = changedProps(was, field).filter((p) => !(p === 'options' && optionsRemoved) && p !== 'unique' && !(p === 'object' && field.type === 'lookup'));
      const rules = stricterRules(was, field);
      if (props.length > 0) {
        changes.push({
          section: 'fields', action: 'changed', path: at, key, object: objectKey, classification: 'safe', detail: `${props.join(', ')} changed`,
          // Counted, so the owner sees how many records a stricter rule leaves behind; still safe.
          ...(rules ? { affects: { object: objectKey, kind: 'breaks' as const, field: stored, rules } } : {}),
        });
      }
    }
  }
  for (const key of Object.keys(old.fields)) {
    if (next.fields[key] || renamedFrom.has(key)) continue;
    changes.push({
      section: 'fields', action: 'removed', path: `/objects/${objectKey}/fields/${key}`, key, object: objectKey, classification: 'safe', ifRecords: 'destructive',
      affects: { object: objectKey, kind: 'hasField', field: key }, detail: `field ${key} removed; its values are no longer shown`,
    });
  }
}

/**
 * What became stricter from `was` to `field` (same type): required, a shorter maximum length,
 * a narrower range, fewer decimal places. Values are checked against these on create and when
 * edited, not when a rule changes; the diff counts the records that no longer meet them.
 * (A changed `pattern` is not counted: PostgreSQL's regular expressions are not JavaScript's.)
 */
export function stricterRules(was: FieldDefinition, field: FieldDefinition): StricterRules | undefined {
  if (field.type === 'stage') return undefined;
  const before = fieldTypeSpecs[was.type].valueSchema(was) as { maxLength?: number; minimum?: number; maximum?: number };
  const after = fieldTypeSpecs[field.type].valueSchema(field) as { maxLength?: number; minimum?: number; maximum?: number };
  const rules: StricterRules = {};
  if (field.required && !was.required) rules.required = true;
  if (after.maxLength !== undefined && (before.maxLength === undefined || after.maxLength < before.maxLength)) rules.maxLength = after.maxLength;
  if (after.minimum !== undefined && (before.minimum === undefined || after.minimum > before.minimum)) rules.minimum = after.minimum;
  if (after.maximum !== undefined && (before.maximum === undefined || after.maximum < before.maximum)) rules.maximum = after.maximum;
  const scale = scaleOf(field);
  const wasScale = scaleOf(was);
  if (scale !== undefined && (wasScale === undefined || scale < wasScale)) rules.scale = scale;
  return Object.keys(rules).length > 0 ? rules : undefined;
}

/** "required, at most 10 characters, ≤ 50", for a change's detail. */
export function describeRules(rules: StricterRules): string {
  return [
    rules.required ? 'required' : '',
    rules.maxLength !== undefined ? `at most ${rules.maxLength} characters` : '',
    rules.minimum !== undefined ? `≥ ${rules.minimum}` : '',
    rules.maximum !== undefined ? `≤ ${rules.maximum}` : '',
    rules.scale !== undefined ? `at most ${rules.scale} decimal places` : '',
  ].filter(Boolean).join(', ');
}

/** Reports each removed (or renamed) option; returns whether there was one. `stored` is the key live records hold the field's values under. */
function diffOptions(objectKey: string, key: string, stored: string, was: FieldDefinition, field: FieldDefinition, migrations: DataMigration[], changes: MetadataChange[]): boolean {
  if (!field.options || !was.options) return false;
  const next = new Set(optionValues(field));
  let removed = false;
  for (const value of optionValues(was)) {
    if (next.has(value)) continue;
    removed = true;
    const migration = migrations.find((m) => m.op === 'renameOption' && m.object === objectKey && (m.field === key || m.field === stored) && m.from === value);
    changes.push({
      section: 'fields', action: migration ? 'renamed' : 'removed', path: `/objects/${objectKey}/fields/${key}/options`, key: `${key}:${value}`, object: objectKey,
      classification: migration ? 'migration' : 'safe', ...(migration ? { migration } : { ifRecords: 'destructive' as const }),
      affects: { object: objectKey, kind: 'hasOption', field: stored, value, multi: field.type === 'multiselect' },
      detail: migration && migration.op === 'renameOption' ? `option ${value} renamed to ${migration.to}` : `option ${value} of ${key} removed`,
    });
  }
  return removed;
}

function diffPipelines(before: MetadataDocument, draft: MetadataDocument, migrations: DataMigration[], changes: MetadataChange[]): void {
  diffSection('pipelines', before.pipelines ?? {}, draft.pipelines ?? {}, changes, (key, old, next) => {
    const nextKeys = new Set(next.stages.map((s) => s.key));
    for (const stage of old.stages) {
      if (nextKeys.has(stage.key)) continue;
      const migration = migrations.find((m) => m.op === 'renameOption' && m.object === next.object && m.field === next.field && m.from === stage.key);
      changes.push({
        section: 'stages', action: migration ? 'renamed' : 'removed', path: `/pipelines/${key}/stages`, key: `${key}:${stage.key}`, object: next.object,
        classification: migration ? 'migration' : 'safe', ...(migration ? { migration } : { ifRecords: 'destructive' as const }),
        affects: { object: next.object, kind: 'inStage', stage: stage.key },
        detail: migration && migration.op === 'renameOption' ? `stage ${stage.key} renamed to ${migration.to}` : `stage ${stage.key} removed; records in it keep a stage that no longer exists`,
      });
    }
  });
}

function diffPools(before: MetadataDocument, draft: MetadataDocument, migrations: DataMigration[], changes: MetadataChange[]): void {
  const acting = enabledComponents(draft.components?.enabled).has('pools');
  diffSection('pools', before.pools ?? {}, draft.pools ?? {}, changes, (key, old, next) => {
    // The publish re-dates the pool's holds (pool-membership.ts): counted, so the review says how many.
    const change = changes[changes.length - 1]!;
    if (acting && old.holdDays !== next.holdDays && old.object === next.object) {
      Object.assign(change, { affects: { object: next.object, kind: 'pooled', pool: key }, detail: `${change.detail}; ${redatedHolds}` });
    }
    diffReleaseReasons(key, old, next, migrations, changes);
  });
  diffPoolOrder(before.pools ?? {}, draft.pools ?? {}, changes);
  for (const change of changes) {
    if (change.section === 'pools' && change.action === 'removed') {
      const pool = before.pools?.[change.key];
      if (pool) Object.assign(change, { ifRecords: 'destructive', affects: { object: pool.object, kind: 'pooled', pool: change.key }, detail: `pool ${change.key} removed; private holds in it end` });
    }
  }
}

/** What a pool change that changes `holdDays` adds to its detail. */
const redatedHolds = 'private holds in it expire by the new holdDays, counted from their claim plus the days they were extended';

/**
 * A change per object whose pools (kept in both versions) come in another order: the first pool
 * whose `where` a record matches holds it, so the order decides where records go, and publishing
 * sorts existing records again. Pools of different objects never compete: their order is no change.
 */
function diffPoolOrder(before: Record<string, PoolDefinition>, after: Record<string, PoolDefinition>, changes: MetadataChange[]): void {
  const objects = new Set(Object.values(after).map((p) => p.object));
  for (const object of objects) {
    const kept = (pools: Record<string, PoolDefinition>, other: Record<string, PoolDefinition>) =>
      Object.keys(pools).filter((k) => pools[k]!.object === object && other[k]?.object === object);
    if (kept(after, before).join() === kept(before, after).join()) continue;
    changes.push({ section: 'pools', action: 'changed', path: '/pools', key: `${object}:order`, object, classification: 'safe', detail: `pools of ${object} reordered; a record goes to the first it matches` });
  }
}

/** Reports each reason pool `key` stops offering, as `diffOptions` does an option: records released for it keep it unless moved to another reason. */
function diffReleaseReasons(key: string, old: PoolDefinition, next: PoolDefinition, migrations: DataMigration[], changes: MetadataChange[]): void {
  for (const reason of droppedReleaseReasons(old, next)) {
    const migration = migrations.find((m): m is Extract<DataMigration, { op: 'moveReleaseReason' }> => m.op === 'moveReleaseReason' && m.pool === key && m.from === reason.key);
    changes.push({
      section: 'releaseReasons', action: migration ? 'renamed' : 'removed', path: `/pools/${key}/releaseReasons`, key: `${key}:${reason.key}`, object: old.object,
      classification: migration ? 'migration' : 'safe', ...(migration ? { migration } : { ifRecords: 'destructive' as const }),
      affects: { object: old.object, kind: 'releasedFor', pool: key, reasons: storedReleaseReasons(reason.key) },
      detail: migration
        ? `release reason ${reason.key} of ${key} moved to ${migration.to}`
        : `release reason ${reason.key} of ${key} removed; records released for it keep it, read by its last words`,
    });
  }
}

function diffSection<T>(
  section: MetadataChange['section'],
  before: Record<string, T>,
  after: Record<string, T>,
  changes: MetadataChange[],
  onChanged?: (key: string, old: T, next: T) => void,
): void {
  for (const [key, value] of Object.entries(after)) {
    const old = before[key];
    if (old === undefined) changes.push({ section, action: 'added', path: `/${section}/${key}`, key, classification: 'safe', detail: `${key} added` });
    else if (!isDeepStrictEqual(old, value)) {
      changes.push({ section, action: 'changed', path: `/${section}/${key}`, key, classification: 'safe', detail: describeChange(old, value) });
      onChanged?.(key, old, value);
    }
  }
  for (const key of Object.keys(before)) {
    if (after[key] === undefined) changes.push({ section, action: 'removed', path: `/${section}/${key}`, key, classification: 'safe', detail: `${key} removed` });
  }
}

function describeChange(old: unknown, next: unknown): string {
  if (typeof old === 'object' && old && typeof next === 'object' && next && !Array.isArray(old)) {
    return `${changedProps(old as Record<string, unknown>, next as Record<string, unknown>).join(', ')} changed`;
  }
  return 'changed';
}

function changedProps(a: Record<string, unknown> | object, b: Record<string, unknown> | object): string[] {
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  const keys = new Set([...Object.keys(ra), ...Object.keys(rb)]);
  return [...keys].filter((k) => !isDeepStrictEqual(ra[k], rb[k]));
}

/** The JSON type a field's values are stored as. */
function jsonTypeOf(type: FieldType): 'string' | 'number' | 'boolean' | 'array' {
  const kind = fieldTypeSpecs[type]?.kind;
  return kind === 'number' ? 'number' : kind === 'boolean' ? 'boolean' : kind === 'multi' ? 'array' : 'string';
}
