import { userScope, type FilterField, type FilterScope } from '../filter/filter-fields.ts';
import { fieldTypeSpecs, optionValues } from './field-types.ts';
import type { FieldDefinition, FieldType, Label, MetadataDocument, ObjectDefinition, SelectOption } from './metadata-types.ts';

/** A field of an object as the engine sees it: how it compares and where it is stored. */
export interface ModelField extends FilterField {
  type: FieldType | 'system';
  definition?: FieldDefinition;
  system: boolean;
  label: Label;
  /** What a select, multiselect, stage or pool state holds, with the words people read for it. */
  choices?: SelectOption[];
  /**
   * A system field that tells the values of these custom fields (which pool holds a record is
   * what the pools' `where` says of its fields): read, filtered, sorted and grouped only where
   * the caller may read them all.
   */
  readsAs?: string[];
}

export interface ObjectModel {
  key: string;
  definition: ObjectDefinition;
  /** System fields first, then custom fields in document order. */
  fields: Map<string, ModelField>;
  customFields: ModelField[];
  /** The custom field of type `stage`, stored in the `stage` column. */
  stageField?: ModelField;
  pipelineKey?: string;
  poolKeys: string[];
  scope: FilterScope;
}

const userTarget = 'user';

function systemFields(pools: Array<[string, Label | undefined]>, staged: boolean): ModelField[] {
  const sys = (key: string, label: Label, rest: Omit<FilterField, 'key'>): ModelField => ({ key, label, system: true, type: 'system', ...rest });
  const fields: ModelField[] = [
    sys('id', { en: 'ID', zh: 'ID' }, { kind: 'uuid', storage: { column: 'id' }, notNull: true }),
    sys('version', { en: 'Version', zh: '版本' }, { kind: 'number', storage: { column: 'version' }, notNull: true }),
    sys('createdAt', { en: 'Created', zh: '创建时间' }, { kind: 'timestamp', storage: { column: 'created_at' }, notNull: true }),
    sys('updatedAt', { en: 'Updated', zh: '更新时间' }, { kind: 'timestamp', storage: { column: 'updated_at' }, notNull: true }),
    sys('createdBy', { en: 'Created by', zh: '创建人' }, { kind: 'uuid', storage: { column: 'created_by' }, target: userTarget }),
    sys('updatedBy', { en: 'Updated by', zh: '更新人' }, { kind: 'uuid', storage: { column: 'updated_by' }, target: userTarget }),
    sys('owner', { en: 'Owner', zh: '负责人' }, { kind: 'uuid', storage: { column: 'owner' }, target: userTarget }),
  ];
  if (staged) fields.push(sys('stageEnteredAt', { en: 'In stage since', zh: '进入阶段时间' }, { kind: 'timestamp', storage: { column: 'stage_entered_at' } }));
  if (pools.length > 0) {
    fields.push(
      { ...sys('pool', { en: 'In pool', zh: '所属公海' }, { kind: 'text', storage: { column: 'pool' }, options: pools.map(([key]) => key) }),
        choices: pools.map(([value, label]) => ({ value, ...(label ? { label } : {}) })) },
      { ...sys('poolState', { en: 'Pool', zh: '公海/私海' }, { kind: 'text', storage: { column: 'pool_state' }, options: ['public', 'private'] }),
        choices: [{ value: 'public', label: { en: 'Public pool', zh: '公海' } }, { value: 'private', label: { en: 'Private', zh: '私海' } }] },
      sys('claimedAt', { en: 'Claimed', zh: '领取时间' }, { kind: 'timestamp', storage: { column: 'claimed_at' } }),
      sys('holdExpiresAt', { en: 'Hold expires', zh: '保护期至' }, { kind: 'timestamp', storage: { column: 'hold_expires_at' } }),
      sys('lastVisitAt', { en: 'Last visit', zh: '最近拜访' }, { kind: 'timestamp', storage: { column: 'last_visit_at' } }),
      sys('releasedAt', { en: 'Released', zh: '释放时间' }, { kind: 'timestamp', storage: { column: 'released_at' } }),
      sys('releaseReason', { en: 'Release reason', zh: '释放原因' }, { kind: 'text', storage: { column: 'release_reason' } }),
      sys('releasedBy', { en: 'Released by', zh: '释放人' }, { kind: 'uuid', storage: { column: 'released_by' }, target: userTarget }),
    );
  }
  return fields;
}

function customField(key: string, definition: FieldDefinition, stages: SelectOption[] | undefined): ModelField | undefined {
  const spec = fieldTypeSpecs[definition.type];
  if (!spec) return undefined;
  const base = { key, label: definition.label ?? key, definition, system: false, type: definition.type };
  if (definition.type === 'stage') {
    return { ...base, kind: 'text', storage: { column: 'stage' }, ...(stages ? { options: stages.map((s) => s.value), choices: stages } : {}) };
  }
  const options = definition.type === 'select' || definition.type === 'multiselect' ? optionValues(definition) : undefined;
  return {
    ...base,
    kind: spec.kind,
    storage: { json: key },
    ...(options ? { options, choices: (definition.options ?? []).map((o) => (typeof o === 'string' ? { value: o } : o)) } : {}),
    ...(definition.type === 'lookup' && definition.object ? { target: definition.object } : {}),
    // The same fields record-indexes.ts builds an index for (compile-metadata's indexedFields).
    ...(definition.indexed || definition.unique || definition.type === 'lookup' ? { indexed: true } : {}),
  };
}

/**
 * Builds the field model of every object. Tolerates a broken document (the validator uses it
 * to parse filters before it knows the document is valid): what cannot be understood is left
 * out, and the validator reports it.
 */
export function buildObjectModels(document: MetadataDocument): Map<string, ObjectModel> {
  const models = new Map<string, ObjectModel>();
  const objects = isRecord(document.objects) ? document.objects : {};
  const pools = isRecord(document.pools) ? document.pools : {};
  const pipelines = isRecord(document.pipelines) ? document.pipelines : {};
  const scopes = new Map<string, FilterScope>();
  const users = userScope();
  const related = (target: string) => (target === userTarget ? users : scopes.get(target));

  for (const [key, definition] of Object.entries(objects)) {
    if (!isRecord(definition)) continue;
    const objectPools = Object.entries(pools).filter(([, p]) => isRecord(p) && p.object === key);
    const poolKeys = objectPools.map(([k]) => k);
    const staged = Object.values(isRecord(definition.fields) ? definition.fields : {}).some((f) => isRecord(f) && f.type === 'stage');
    const fields = new Map<string, ModelField>();
    for (const f of systemFields(objectPools.map(([k, p]) => [k, p.label as Label | undefined]), staged)) fields.set(f.key, f);
    const customFields: ModelField[] = [];
    let stageField: ModelField | undefined;
    let pipelineKey: string | undefined;
    for (const [fieldKey, fieldDefinition] of Object.entries(isRecord(definition.fields) ? definition.fields : {})) {
      if (!isRecord(fieldDefinition) || fields.has(fieldKey)) continue;
      const fd = fieldDefinition as unknown as FieldDefinition;
      const pipeline = fd.type === 'stage' && fd.pipeline ? pipelines[fd.pipeline] : undefined;
      const stages = pipeline && Array.isArray(pipeline.stages)
        ? pipeline.stages.filter((s) => typeof s?.key === 'string').map((s) => ({ value: s.key, ...(s.label ? { label: s.label } : {}) }))
        : undefined;
      const field = customField(fieldKey, fd, stages);
      if (!field) continue;
      if (fd.type === 'stage') {
        if (stageField) continue; // a second stage field is reported by the validator
        stageField = field;
        pipelineKey = fd.pipeline;
      }
      fields.set(fieldKey, field);
      customFields.push(field);
    }
    // The pool a record is in says what its pools' `where` tests (source = merchant): it is read as those fields are.
    const pool = fields.get('pool');
    const named = new Set<string>();
    for (const [, p] of objectPools) namedFields(p.where, named);
    const readsAs = customFields.filter((f) => named.has(f.key)).map((f) => f.key);
    if (pool && readsAs.length > 0) fields.set('pool', { ...pool, readsAs });
    const scope: FilterScope = {
      name: key,
      table: 'records',
      field: (k) => fields.get(k),
      related,
      fieldKeys: () => [...fields.keys()],
    };
    scopes.set(key, scope);
    models.set(key, {
      key, definition: definition as ObjectDefinition, fields, customFields, poolKeys, scope,
      ...(stageField ? { stageField } : {}),
      ...(pipelineKey ? { pipelineKey } : {}),
    });
  }
  return models;
}

/** The fields a filter names (a path through a lookup, `hotel.city`, by its lookup). */
function namedFields(filter: unknown, into: Set<string>): void {
  if (Array.isArray(filter)) {
    for (const f of filter) namedFields(f, into);
    return;
  }
  if (!isRecord(filter)) return;
  for (const [key, value] of Object.entries(filter)) {
    if (key === '$and' || key === '$or' || key === '$not') namedFields(value, into);
    else if (!key.startsWith('$')) into.add(key.split('.')[0]!);
  }
}

export function isRecord(value: unknown): value is Record<string, any> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
