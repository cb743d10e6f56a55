import type { FieldDefinition, Label, MetadataDocument } from '../../../platform/metadata/metadata-types.ts';
import { listedRoleRules, roleRules, withRoleRules } from '../../../platform/metadata/role-definition.ts';
import { mutate, moveKey, renameKey, setOrDelete, type Edit } from './draft-state.ts';
import { rewriteFieldReferences } from './field-references.ts';
import { changedLiveType, followFieldRename, forgetField, liveStageField, pruneMigrations, trackFieldRename } from './migrations.ts';

/** A new object with a required `name` field as its title. */
export function addObject(key: string, label: Label): Edit {
  return mutate((d) => {
    d.objects[key] = {
      label,
      titleField: 'name',
      fields: { name: { type: 'text', label: { en: 'Name', zh: '名称' }, required: true } },
    };
  });
}

/** Removes an object with its layout and everything that only concerns it. */
export function removeObject(key: string): Edit {
  return (state, context) => {
    const next = mutate((d) => {
      delete d.objects[key];
      if (d.layouts) delete d.layouts[key];
      for (const section of ['pipelines', 'pools', 'views', 'assignmentRules'] as const) {
        const items = d[section] as Record<string, { object: string }> | undefined;
        for (const [k, item] of Object.entries(items ?? {})) if (item.object === key) delete items![k];
      }
      for (const [roleKey, role] of Object.entries(d.roles ?? {})) {
        const rules = roleRules(role);
        if (rules === 'all') continue;
        d.roles![roleKey] = withRoleRules(role, rules.flatMap((rule) => {
          if (!Array.isArray(rule.object)) return rule.object === key ? [] : [rule];
          const objects = rule.object.filter((o) => o !== key);
          return objects.length === 0 ? [] : [{ ...rule, object: objects.length === 1 ? objects[0]! : objects }];
        }));
      }
    })(state, context);
    return { ...next, migrations: pruneMigrations(next.migrations, context.live, next.document) };
  };
}

/** Renames an object that is not live yet (live object keys are stable forever), with every reference to it. */
export function renameObject(from: string, to: string): Edit {
  return mutate((d) => {
    d.objects = renameKey(d.objects, from, to);
    if (d.layouts?.[from]) d.layouts = renameKey(d.layouts, from, to);
    const swap = (value: string) => (value === from ? to : value);
    for (const object of Object.values(d.objects)) {
      for (const field of Object.values(object.fields)) if (field.type === 'lookup' && field.object) field.object = swap(field.object);
    }
    for (const pipeline of Object.values(d.pipelines ?? {})) {
      pipeline.object = swap(pipeline.object);
      for (const stage of pipeline.stages) if (stage.creates) stage.creates.object = swap(stage.creates.object);
    }
    for (const pool of Object.values(d.pools ?? {})) {
      pool.object = swap(pool.object);
      if (pool.visit) pool.visit.object = swap(pool.visit.object);
    }
    for (const layout of Object.values(d.layouts ?? {})) {
      for (const c of layout.detail?.components ?? []) if (typeof c === 'object' && 'related' in c) c.related = swap(c.related);
    }
    for (const view of Object.values(d.views ?? {})) view.object = swap(view.object);
    for (const rule of Object.values(d.assignmentRules ?? {})) rule.object = swap(rule.object);
    for (const role of Object.values(d.roles ?? {})) {
      for (const rule of listedRoleRules(role)) rule.object = Array.isArray(rule.object) ? rule.object.map(swap) : swap(rule.object);
    }
  });
}

export function addField(object: string, key: string, field: FieldDefinition): Edit {
  return mutate((d) => {
    const target = d.objects[object];
    if (target) target.fields[key] = field;
  });
}

/** Removes a field and its mentions in lists; a pending rename of it is forgotten (its data goes). */
export function removeField(object: string, key: string): Edit {
  return (state, context) => {
    const next = mutate((d) => {
      const target = d.objects[object];
      if (!target) return;
      delete target.fields[key];
      rewriteFieldReferences(d, object, key, null);
    })(state, context);
    return { ...next, migrations: forgetField(next.migrations, object, key) };
  };
}

/**
 * Renames a field everywhere the document names it; when the field has live data the rename
 * becomes a `renameField` migration for the publish, so values move with it.
 */
export function renameField(object: string, from: string, to: string): Edit {
  return (state, context) => {
    if (from === to || !state.document.objects[object]?.fields[from] || state.document.objects[object]?.fields[to]) return state;
    if (changedLiveType(context.live, state.document, object, from) || liveStageField(context.live, object, from)) return state;
    const next = mutate((d) => {
      const target = d.objects[object]!;
      target.fields = renameKey(target.fields, from, to);
      rewriteFieldReferences(d, object, from, to);
    })(state, context);
    return { ...next, migrations: followFieldRename(trackFieldRename(next.migrations, context.live, object, from, to), object, from, to) };
  };
}

/** Moves a field (by position) in the object's field order. */
export function moveField(object: string, from: number, to: number): Edit {
  return mutate((d) => {
    const target = d.objects[object];
    if (target) target.fields = moveKey(target.fields, from, to);
  });
}

/** Sets (or with undefined/'' removes) properties of a field. */
export function updateField(object: string, key: string, patch: Partial<Record<keyof FieldDefinition, unknown>>): Edit {
  return mutate((d) => {
    const field = d.objects[object]?.fields[key];
    if (!field) return;
    for (const [prop, value] of Object.entries(patch)) setOrDelete(field, prop as keyof FieldDefinition, value);
  });
}

/** Sets properties of an object (label, pluralLabel, description, titleField, icon). */
export function updateObject(object: string, patch: Record<string, unknown>): Edit {
  return mutate((d) => {
    const target = d.objects[object];
    if (!target) return;
    for (const [prop, value] of Object.entries(patch)) setOrDelete(target, prop as 'label', value);
  });
}

/** The objects a lookup can point at: every object of the document, plus users. */
export function lookupTargets(document: MetadataDocument): string[] {
  return [...Object.keys(document.objects), 'user'];
}
