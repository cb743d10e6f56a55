import type { AccessPolicy } from '../access/access-policy.ts';
import { recordActions, type RecordAction } from '../access/actions.ts';
import type { CompiledMetadata } from '../metadata/compile-metadata.ts';
import { optionValues } from '../metadata/field-types.ts';
import type { Label, SelectOption } from '../metadata/metadata-types.ts';
import type { ModelField } from '../metadata/object-model.ts';
import { poolsOf } from '../pools/compiled-pools.ts';

export interface FieldDescription {
  key: string;
  label: Label;
  type: string;
  kind: string;
  system: boolean;
  required: boolean;
  readOnly: boolean;
  options?: Array<{ value: string; label?: Label; color?: string }>;
  target?: string;
  /** Whether some rule lets the caller read / create / update this field. */
  readable: boolean;
  creatable: boolean;
  updatable: boolean;
}

export interface ObjectDescription {
  key: string;
  label: Label;
  pluralLabel: Label;
  titleField: string | null;
  actions: RecordAction[];
  pipeline: string | null;
  stageField: string | null;
  pools: string[];
  fields: FieldDescription[];
}

/**
 * The objects a caller may read, with labels, fields and what they may do: what the generated
 * screens build navigation and forms from (`GET /api/t/{t}/objects`).
 */
export function describeObjects(compiled: CompiledMetadata, policy: AccessPolicy): ObjectDescription[] {
  const result: ObjectDescription[] = [];
  for (const object of compiled.objects.values()) {
    if (!policy.mayEver('read', object.key)) continue;
    const readable = fieldsAllowed(policy, object.key, 'read');
    const creatable = fieldsAllowed(policy, object.key, 'create');
    const updatable = fieldsAllowed(policy, object.key, 'update');
    const stageOptions = object.pipelineKey ? compiled.document.pipelines?.[object.pipelineKey]?.stages.map((s) => ({ value: s.key, ...(s.label ? { label: s.label } : {}), ...(s.color ? { color: s.color } : {}) })) : undefined;
    result.push({
      key: object.key,
      label: object.label,
      pluralLabel: object.pluralLabel,
      titleField: object.titleField ?? null,
      actions: recordActions.filter((a) => policy.mayEver(a, object.key)),
      pipeline: object.pipelineKey ?? null,
      stageField: object.stageField?.key ?? null,
      pools: poolsOf(compiled, object.key).map((p) => p.key),
      fields: [...object.fields.values()].map((f) => {
        const definition = f.definition;
        const options = f.type === 'stage' ? stageOptions
          : definition?.options ? definition.options.map((o: string | SelectOption) => (typeof o === 'string' ? { value: o } : o))
          : f.choices ? f.choices
          : f.options ? f.options.map((value) => ({ value })) : undefined;
        return {
          key: f.key, label: f.label, type: f.type, kind: f.kind, system: f.system,
          required: definition?.required ?? false,
          readOnly: f.system || definition?.readOnly === true || f.type === 'autonumber',
          ...(options ? { options } : {}),
          ...(f.target ? { target: f.target } : {}),
          readable: isReadable(f, readable),
          creatable: !f.system && f.type !== 'autonumber' && has(creatable, f.key),
          updatable: !f.system && f.type !== 'autonumber' && f.type !== 'stage' && !definition?.readOnly && has(updatable, f.key),
        };
      }),
    });
  }
  return result;
}

export { optionValues };

/** The fields some rule lets the caller `action` on an object: all of them, or those the rules list. */
export function fieldsAllowed(policy: AccessPolicy, object: string, action: RecordAction): 'all' | Set<string> {
  const rules = policy.ability.rulesFor(action, object).filter((r) => !r.inverted);
  if (rules.length === 0) return new Set();
  if (rules.some((r) => !r.fields)) return 'all';
  return new Set(rules.flatMap((r) => r.fields ?? []));
}

function has(set: 'all' | Set<string>, key: string): boolean {
  return set === 'all' || set.has(key);
}

/** Whether a field is readable by `fieldsAllowed(…, 'read')`: a system field that tells other fields' values (`readsAs`) only with them. */
export function isReadable(field: ModelField, readable: 'all' | Set<string>): boolean {
  return field.system ? (field.readsAs ?? []).every((k) => has(readable, k)) : has(readable, field.key);
}
