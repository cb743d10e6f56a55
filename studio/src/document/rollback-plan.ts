import { optionValues } from '../../../platform/metadata/field-types.ts';
import type { MetadataDocument } from '../../../platform/metadata/metadata-types.ts';
import type { DataMigration } from './migrations.ts';

export interface FieldDelta {
  object: string;
  removed: string[];
  added: string[];
}

/** Fields each object loses and gains going from `live` to `target` (objects in both). */
export function fieldDeltas(live: MetadataDocument, target: MetadataDocument): FieldDelta[] {
  const deltas: FieldDelta[] = [];
  for (const [object, after] of Object.entries(target.objects)) {
    const before = live.objects[object];
    if (!before) continue;
    const removed = Object.keys(before.fields).filter((f) => !Object.hasOwn(after.fields, f));
    const added = Object.keys(after.fields).filter((f) => !Object.hasOwn(before.fields, f));
    if (removed.length > 0 || added.length > 0) deltas.push({ object, removed, added });
  }
  return deltas;
}

function valuesOf(document: MetadataDocument, object: string, field: string): string[] {
  const definition = document.objects[object]?.fields[field];
  if (!definition) return [];
  if (definition.type === 'stage') return (document.pipelines?.[definition.pipeline ?? '']?.stages ?? []).map((s) => s.key);
  return definition.options ? optionValues(definition) : [];
}

/**
 * The data migrations that keep data when going from `live` to `target` (a rollback, or a
 * document edited as code): a field that disappears while exactly one new field of the same
 * type appears in the same object is taken as renamed, and likewise for one option or stage.
 */
export function suggestMigrations(live: MetadataDocument, target: MetadataDocument): DataMigration[] {
  const suggestions: DataMigration[] = [];
  for (const { object, removed, added } of fieldDeltas(live, target)) {
    const typeOf = (doc: MetadataDocument, f: string) => doc.objects[object]!.fields[f]!.type;
    for (const from of removed) {
      const type = typeOf(live, from);
      if (type === 'stage') continue;
      const sameTypeRemoved = removed.filter((f) => typeOf(live, f) === type);
      const candidates = added.filter((f) => typeOf(target, f) === type);
      if (sameTypeRemoved.length === 1 && candidates.length === 1) suggestions.push({ op: 'renameField', object, from, to: candidates[0]! });
    }
  }
  for (const [object, after] of Object.entries(target.objects)) {
    if (!live.objects[object]) continue;
    for (const field of Object.keys(after.fields)) {
      if (!live.objects[object]!.fields[field] || live.objects[object]!.fields[field]!.type !== after.fields[field]!.type) continue;
      const before = valuesOf(live, object, field);
      const next = valuesOf(target, object, field);
      const gone = before.filter((v) => !next.includes(v));
      const fresh = next.filter((v) => !before.includes(v));
      if (gone.length === 1 && fresh.length === 1) suggestions.push({ op: 'renameOption', object, field, from: gone[0]!, to: fresh[0]! });
    }
  }
  return suggestions;
}
