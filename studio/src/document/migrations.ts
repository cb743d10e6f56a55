import type { DataMigration } from '../../../platform/metadata/data-migrations.ts';
import { optionValues } from '../../../platform/metadata/field-types.ts';
import type { FieldType, MetadataDocument } from '../../../platform/metadata/metadata-types.ts';
import { reasonMoveProblems } from '../../../platform/metadata/removed-release-reasons.ts';

export type { DataMigration };
type RenameField = Extract<DataMigration, { op: 'renameField' }>;
type RenameOption = Extract<DataMigration, { op: 'renameOption' }>;

/**
 * Records that field `from` of `object` is now called `to`. Chained renames collapse into one
 * migration from the live name; renaming back to the live name drops it; a field that is not
 * live yet needs none (it has no data).
 */
export function trackFieldRename(migrations: DataMigration[], live: MetadataDocument | undefined, object: string, from: string, to: string): DataMigration[] {
  const earlier = migrations.find((m): m is RenameField => m.op === 'renameField' && m.object === object && m.to === from);
  if (earlier) {
    if (earlier.from === to) return migrations.filter((m) => m !== earlier);
    return migrations.map((m) => (m === earlier ? { ...earlier, to } : m));
  }
  const liveFields = live?.objects[object]?.fields;
  if (!liveFields || !Object.hasOwn(liveFields, from) || Object.hasOwn(liveFields, to)) return migrations;
  return [...migrations, { op: 'renameField', object, from, to }];
}

/**
 * Whether a publish can convert the values of a field from type `from` to `to` (a `changeType`
 * migration): never into a stage or an auto number, nor out of a stage; records holding values
 * keep such a field from changing type.
 */
export function typeConvertible(from: FieldType, to: FieldType): boolean {
  return to !== 'stage' && to !== 'autonumber' && from !== 'stage';
}

/** Whether field `key` of `object` is a stage field in the live version: its key stays (the publish cannot rename a stage field). */
export function liveStageField(live: MetadataDocument | undefined, object: string, key: string): boolean {
  return live?.objects[object]?.fields[key]?.type === 'stage';
}

/**
 * After field `from` of `object` was renamed `to`: the other migrations of the field name it
 * `to`, and the renames of fields come first, so the publish moves a field's values before it
 * renames or converts them under the field's new name.
 */
export function followFieldRename(migrations: DataMigration[], object: string, from: string, to: string): DataMigration[] {
  const named = migrations.map((m) => ((m.op === 'changeType' || m.op === 'renameOption') && m.object === object && m.field === from ? { ...m, field: to } : m));
  return [...named.filter((m) => m.op === 'renameField'), ...named.filter((m) => m.op !== 'renameField')];
}

/** Same for a select option value or a stage key (`field` is the select or stage field). */
export function trackOptionRename(migrations: DataMigration[], liveValues: string[], object: string, field: string, from: string, to: string): DataMigration[] {
  const same = (m: DataMigration): m is RenameOption => m.op === 'renameOption' && m.object === object && m.field === field;
  const earlier = migrations.find((m): m is RenameOption => same(m) && m.to === from);
  if (earlier) {
    if (earlier.from === to) return migrations.filter((m) => m !== earlier);
    return migrations.map((m) => (m === earlier ? { ...earlier, to } : m));
  }
  if (!liveValues.includes(from) || liveValues.includes(to)) return migrations;
  return [...migrations, { op: 'renameOption', object, field, from, to }];
}

/** The live name of field `key` of `object` when the draft renames a live field into it (a pending `renameField`). */
export function renamedFrom(migrations: DataMigration[], object: string, key: string): string | undefined {
  return migrations.find((m): m is RenameField => m.op === 'renameField' && m.object === object && m.to === key)?.from;
}

/**
 * The live type of field `key` of `object` when the draft gives it another one. A publish cannot
 * both rename a field and change its type (the server moves a renamed field's values as they
 * are), so such a field keeps its key, and a renamed one its type, until one of them is published.
 */
export function changedLiveType(live: MetadataDocument | undefined, draft: MetadataDocument, object: string, key: string): FieldType | undefined {
  const before = live?.objects[object]?.fields[key]?.type;
  const after = draft.objects[object]?.fields[key]?.type;
  return before !== undefined && after !== undefined && before !== after ? before : undefined;
}

/**
 * The option values (or stage keys) a field has in the live version; a field the draft renames
 * (a pending `renameField` in `migrations`) has those of its live name.
 */
export function liveOptionValues(live: MetadataDocument | undefined, object: string, field: string, migrations: DataMigration[] = []): string[] {
  const definition = live?.objects[object]?.fields[renamedFrom(migrations, object, field) ?? field];
  if (!definition) return [];
  if (definition.type === 'stage') return (live?.pipelines?.[definition.pipeline ?? '']?.stages ?? []).map((s) => s.key);
  return optionValues(definition);
}

/**
 * Drops migrations the draft no longer supports (their target field, option, release reason or
 * object is gone, or the rename was undone), so a publish never sends a stale one.
 */
export function pruneMigrations(migrations: DataMigration[], live: MetadataDocument | undefined, draft: MetadataDocument): DataMigration[] {
  return migrations.filter((m) => {
    if (m.op === 'moveReleaseReason') return reasonMoveProblems(live, draft, m).length === 0;
    const before = live?.objects[m.object];
    const after = draft.objects[m.object];
    if (!before || !after) return false;
    if (m.op === 'renameField') return Object.hasOwn(before.fields, m.from) && !Object.hasOwn(after.fields, m.from) && Object.hasOwn(after.fields, m.to);
    if (m.op === 'changeType') return before.fields[m.field] !== undefined && after.fields[m.field] !== undefined && before.fields[m.field]!.type !== after.fields[m.field]!.type;
    const field = after.fields[m.field];
    if (!field) return false;
    const values = field.type === 'stage' ? (draft.pipelines?.[field.pipeline ?? '']?.stages ?? []).map((s) => s.key) : optionValues(field);
    return values.includes(m.to) && !values.includes(m.from);
  });
}

/** Removes the migrations that concern a removed field (its data is then really removed). */
export function forgetField(migrations: DataMigration[], object: string, field: string): DataMigration[] {
  return migrations.filter((m) => m.op === 'moveReleaseReason' || m.object !== object || (m.op === 'renameField' ? m.to !== field : m.field !== field));
}

export function sameMigration(a: DataMigration, b: DataMigration): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
