import { enabledComponents, type ComponentKey } from '../components/component-registry.ts';
import { fieldTypeSpecs } from './field-types.ts';
import { defaultTimeZone, labelText, type Label, type MetadataDocument, type PoolDefinition } from './metadata-types.ts';
import { buildObjectModels, type ModelField, type ObjectModel } from './object-model.ts';
import { compileRecordValidator, type RecordValidator } from './record-validator.ts';

export interface CompiledObject extends ObjectModel {
  label: Label;
  pluralLabel: Label;
  titleField: string | undefined;
  validator: RecordValidator;
  /** Custom fields a write may set (not generated, not the stage field). */
  writableFields: Set<string>;
  lookupFields: ModelField[];
  uniqueFields: ModelField[];
  autonumberFields: ModelField[];
  indexedFields: ModelField[];
  /** Per pool holding this object: fields masked while a record is public, and who sees them anyway (none while pools are off). */
  hiddenWhilePublic: Map<string, { fields: Set<string>; adminRoles: string[] }>;
}

/**
 * A tenant's metadata version compiled for the hot paths, built once per (tenant, version)
 * and shared by every request. Other modules hang their own per-version artifacts on it with
 * `memo` (abilities, OpenAPI, pool rules), so a publish invalidates them all at once.
 */
export class CompiledMetadata {
  readonly objects: Map<string, CompiledObject>;
  readonly components: Set<ComponentKey>;
  readonly timeZone: string;
  readonly locale: string;
  readonly #memo = new Map<string, unknown>();

  constructor(
    readonly tenantId: string,
    readonly version: number,
    readonly document: MetadataDocument,
  ) {
    this.timeZone = document.timeZone ?? defaultTimeZone;
    this.locale = document.locale ?? 'zh-CN';
    this.components = enabledComponents(document.components?.enabled);
    const models = buildObjectModels(document);
    const pools = this.components.has('pools');
    this.objects = new Map([...models].map(([key, model]) => [key, compileObject(model, document, pools)]));
  }

  object(key: string): CompiledObject | undefined {
    return this.objects.get(key);
  }

  /** A value derived from this version, computed once (`key` names the deriving module). */
  memo<T>(key: string, build: () => T): T {
    if (this.#memo.has(key)) return this.#memo.get(key) as T;
    const value = build();
    this.#memo.set(key, value);
    return value;
  }

  has(component: ComponentKey): boolean {
    return this.components.has(component);
  }
}

/** `pools`: whether the pools component is on (off, no pool masks a field). */
function compileObject(model: ObjectModel, document: MetadataDocument, pools: boolean): CompiledObject {
  const custom = model.customFields;
  const writable = custom.filter((f) => !fieldTypeSpecs[f.type as keyof typeof fieldTypeSpecs]?.generated && f.type !== 'stage');
  return {
    ...model,
    label: model.definition.label ?? model.key,
    pluralLabel: model.definition.pluralLabel ?? model.definition.label ?? model.key,
    titleField: model.definition.titleField ?? custom.find((f) => f.kind === 'text')?.key,
    validator: compileRecordValidator(model),
    writableFields: new Set(writable.map((f) => f.key)),
    lookupFields: custom.filter((f) => f.type === 'lookup'),
    uniqueFields: custom.filter((f) => f.definition?.unique),
    autonumberFields: custom.filter((f) => f.type === 'autonumber'),
    indexedFields: custom.filter((f) => f.type !== 'stage' && (f.definition?.indexed || f.type === 'lookup' || f.definition?.unique)),
    hiddenWhilePublic: new Map((pools ? model.poolKeys : []).map((key) => {
      const pool = document.pools![key]!;
      return [key, { fields: new Set(pool.hiddenWhilePublic ?? []), adminRoles: poolAdminRoles(pool) }];
    })),
  };
}

export function objectLabel(object: CompiledObject, locale = 'en'): string {
  return labelText(object.label, locale, object.key);
}

/** The roles a pool's `admins` names (one or a list), or none. */
export function poolAdminRoles(pool: PoolDefinition): string[] {
  return pool.admins ? [pool.admins.roles].flat() : [];
}
