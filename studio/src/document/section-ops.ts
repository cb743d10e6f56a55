import type { Label, MetadataDocument } from '../../../platform/metadata/metadata-types.ts';
import { roleLabel, roleRules, withRoleRules } from '../../../platform/metadata/role-definition.ts';
import { mutate, renameKey, type Edit } from './draft-state.ts';
import { rewriteOptionReferences } from './field-references.ts';
import { parsePointer } from './json-pointer.ts';
import { renamePipeline } from './pipeline-ops.ts';

export type ItemSection = 'pipelines' | 'pools' | 'layouts' | 'views' | 'roles' | 'assignmentRules';

/** An empty value: removing it keeps the document free of `""`, `[]` and `{}` leftovers. */
function isEmpty(value: unknown): boolean {
  if (value === undefined || value === '' || value === null) return true;
  if (Array.isArray(value)) return value.length === 0;
  return false;
}

/** The object (or array) at `tokens`: missing ones are created as objects, or with `create` false, undefined is returned. */
function parentAt(d: MetadataDocument, tokens: string[], create: boolean): Record<string, unknown> | undefined {
  let node = d as unknown as Record<string, unknown>;
  for (const token of tokens) {
    let child = node[token];
    if (typeof child !== 'object' || child === null) {
      if (!create) return undefined;
      child = {};
      node[token] = child;
    }
    node = child as Record<string, unknown>;
  }
  return node;
}

/**
 * Sets the value at a JSON pointer, creating parent objects on the way; an empty value
 * (undefined, '', [], null) deletes the key instead.
 */
export function setAt(pointer: string, value: unknown): Edit {
  return mutate((d) => {
    const tokens = parsePointer(pointer);
    const last = tokens.pop();
    if (last === undefined) return;
    const node = parentAt(d, tokens, !isEmpty(value));
    if (!node) return;
    if (Array.isArray(node)) {
      const index = Number(last);
      if (isEmpty(value)) node.splice(index, 1);
      else node[index] = value;
      return;
    }
    if (isEmpty(value)) delete node[last];
    else node[last] = value;
  });
}

/**
 * Appends `value` to the array at a JSON pointer (creating it): the position is the array's
 * length when the edit applies, so two quick clicks on an "Add" button add two items.
 */
export function appendAt(pointer: string, value: unknown): Edit {
  return mutate((d) => {
    const tokens = parsePointer(pointer);
    const last = tokens.pop();
    if (last === undefined) return;
    const node = parentAt(d, tokens, true)!;
    const list = node[last];
    if (Array.isArray(list)) list.push(value);
    else node[last] = [value];
  });
}

/** Gives a role full access, or takes it away (the role stays, with no rules: it grants nothing). */
export function setFullAccess(role: string, on: boolean): Edit {
  return mutate((d) => {
    const roles = (d.roles ??= {});
    const label = roleLabel(roles[role]);
    // A named role keeps its name either way.
    roles[role] = on ? { all: true, ...(label !== undefined ? { label } : {}) } : withRoleRules(roles[role] ?? [], []);
  });
}

/**
 * Names a role, or takes its name away: a list of rules with a name becomes `{ label, rules }`,
 * and goes back to the plain list when the name is cleared, so a document without names keeps
 * metadata.md's two forms. A full-access role keeps its label beside `all`.
 */
export function setRoleLabel(role: string, label: Label | undefined): Edit {
  return mutate((d) => {
    const definition = d.roles?.[role];
    if (definition === undefined) return;
    const rules = roleRules(definition);
    if (rules === 'all') d.roles![role] = { all: true, ...(label !== undefined ? { label } : {}) };
    else d.roles![role] = label !== undefined ? { label, rules } : rules;
  });
}

/** A new role: named (`{ label, rules: [] }`) when the owner gave it a name, else an empty list; it grants nothing yet. */
export function addRole(key: string, label: Label | undefined): Edit {
  return addItem('roles', key, label !== undefined ? { label, rules: [] } : []);
}

export function addItem(section: ItemSection, key: string, value: unknown): Edit {
  return mutate((d) => {
    const items = ((d as unknown as Record<string, Record<string, unknown> | undefined>)[section] ??= {});
    items[key] = value;
  });
}

export function removeItem(section: ItemSection, key: string): Edit {
  return mutate((d) => {
    const items = (d as unknown as Record<string, Record<string, unknown> | undefined>)[section];
    if (items) delete items[key];
    if (section === 'roles') forEachRoleReference(d, (roles) => roles.filter((r) => r !== key));
    if (section === 'pools') {
      for (const rule of Object.values(d.assignmentRules ?? {})) if (rule.pool === key) delete rule.pool;
    }
  });
}

/** Renames a pipeline, pool, view, role or rule key, with the references to it. */
export function renameItem(section: ItemSection, from: string, to: string): Edit {
  if (section === 'pipelines') return renamePipeline(from, to);
  return mutate((d) => {
    const record = d as unknown as Record<string, Record<string, unknown> | undefined>;
    const items = record[section];
    if (!items || !Object.hasOwn(items, from) || Object.hasOwn(items, to)) return;
    record[section] = renameKey(items, from, to);
    if (section === 'roles') {
      forEachRoleReference(d, (roles) => roles.map((r) => (r === from ? to : r)));
      // Who a pool admits and who a rule recalls may be chosen by role ({ roles: 'bd' }).
      for (const pool of Object.values(d.pools ?? {})) if (pool.members) pool.members = renameRoleInUserFilter(pool.members, from, to);
      for (const rule of Object.values(d.assignmentRules ?? {})) if (rule.users?.where) rule.users.where = renameRoleInUserFilter(rule.users.where, from, to);
    }
    if (section === 'pools') {
      for (const rule of Object.values(d.assignmentRules ?? {})) if (rule.pool === from) rule.pool = to;
      // Views, roles and rules may test which pool holds a record ({ pool: leadPool }, { "lead.pool": … }).
      const object = d.pools?.[to]?.object;
      if (object) rewriteOptionReferences(d, object, 'pool', from, to);
    }
  });
}

/**
 * A filter over users with the role `from` named `to` wherever it tests `roles`
 * (`{ roles: 'bd' }`, `{ roles: { $in: ['bd'] } }`, inside `$and` / `$or` / `$not`).
 */
function renameRoleInUserFilter<F>(filter: F, from: string, to: string): F {
  const rename = (value: unknown): unknown => {
    if (value === from) return to;
    if (Array.isArray(value)) return value.map(rename);
    if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([op, v]) => [op, rename(v)]));
    return value;
  };
  const walk = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(walk);
    if (!node || typeof node !== 'object') return node;
    return Object.fromEntries(Object.entries(node).map(([key, value]) => [key, key === 'roles' ? rename(value) : key.startsWith('$') ? walk(value) : value]));
  };
  return walk(filter) as F;
}

/** Every list of role keys in the document (view audiences, pool admins, transition roles). */
function forEachRoleReference(d: MetadataDocument, change: (roles: string[]) => string[]): void {
  for (const view of Object.values(d.views ?? {})) {
    if (!view.roles) continue;
    view.roles = change(view.roles);
    if (view.roles.length === 0) delete view.roles;
  }
  for (const pool of Object.values(d.pools ?? {})) {
    if (!pool.admins) continue;
    const roles = change(Array.isArray(pool.admins.roles) ? pool.admins.roles : [pool.admins.roles]);
    if (roles.length === 0) delete pool.admins;
    else pool.admins.roles = roles.length === 1 ? roles[0]! : roles;
  }
  for (const pipeline of Object.values(d.pipelines ?? {})) {
    if (!Array.isArray(pipeline.transitions)) continue;
    // A move left with none of its roles is allowed to no one: without roles it would be everyone's.
    pipeline.transitions = pipeline.transitions.flatMap((t) => {
      if (!t.roles || t.roles.length === 0) return [t];
      const roles = change(t.roles);
      return roles.length > 0 ? [{ ...t, roles }] : [];
    });
  }
}
