import type { MetadataDocument, RoleRule } from '../../../platform/metadata/metadata-types.ts';
import { roleRules } from '../../../platform/metadata/role-definition.ts';

/** How a role holds an action on an object: on every record, or only where a condition matches. */
export type Grant = 'all' | 'conditional';

/**
 * The objects × actions matrix of a role (rules are unioned): `all` when some rule grants the
 * action without a condition, `conditional` when only rules with a `where` (or a field
 * allowlist) grant it.
 */
export function grantMatrix(rules: RoleRule[]): Record<string, Record<string, Grant>> {
  const matrix: Record<string, Record<string, Grant>> = {};
  for (const rule of rules) {
    const objects = Array.isArray(rule.object) ? rule.object : [rule.object];
    const grant: Grant = rule.where || rule.fields ? 'conditional' : 'all';
    for (const object of objects) {
      const row = (matrix[object] ??= {});
      for (const action of rule.actions) if (row[action] !== 'all') row[action] = grant;
    }
  }
  return matrix;
}

/** Adds or removes one action of one rule, keeping the action order of `order`. */
export function toggleAction(rule: RoleRule, action: string, on: boolean, order: readonly string[]): RoleRule {
  const set = new Set(rule.actions);
  if (on) set.add(action);
  else set.delete(action);
  return { ...rule, actions: order.filter((a) => set.has(a)) };
}

/** A role that may move records into a stage but cannot write fields the stage requires: it can never move them there. */
export interface StuckStage {
  pipeline: string;
  stage: string;
  role: string;
  fields: string[];
}

/**
 * For each stage's required fields, the roles that may move the pipeline's records (`transition`)
 * but have no update rule for a field (one with a field list that leaves it out, or none): the
 * app asks them to fill the field and the server refuses it. Conditions are not weighed; a rule
 * that may write the field somewhere counts.
 */
export function stuckStages(document: MetadataDocument): StuckStage[] {
  const result: StuckStage[] = [];
  for (const [pipelineKey, pipeline] of Object.entries(document.pipelines ?? {})) {
    for (const [role, definition] of Object.entries(document.roles ?? {})) {
      const rules = roleRules(definition);
      if (rules === 'all') continue; // full access writes everything
      const on = rules.filter((r) => (Array.isArray(r.object) ? r.object : [r.object]).includes(pipeline.object));
      if (!on.some((r) => r.actions.includes('transition'))) continue;
      const updates = on.filter((r) => r.actions.includes('update'));
      const writable = (field: string) => updates.some((r) => !r.fields || r.fields.includes(field));
      for (const stage of pipeline.stages) {
        const fields = (stage.requires ?? []).filter((f) => !writable(f));
        if (fields.length > 0) result.push({ pipeline: pipelineKey, stage: stage.key, role, fields });
      }
    }
  }
  return result;
}

/** A role that may claim an object's records but whose rules let it see or claim none in the object's pool. */
export interface PoolBlindRole {
  role: string;
  object: string;
  pool: string;
}

/** A filter value that is one owner (a person or a variable such as $user.id), not "no owner". */
function ownerValue(value: unknown): boolean {
  if (typeof value === 'string') return true;
  if (!value || typeof value !== 'object' || Array.isArray(value)) return false;
  const ops = value as Record<string, unknown>;
  return typeof ops.$eq === 'string' || (Array.isArray(ops.$in) && ops.$in.length > 0 && ops.$in.every((v) => typeof v === 'string'));
}

/**
 * Whether a condition matches only records someone owns, or only private ones: it tests the owner
 * for a person (`owner: $user.id`) or poolState for private, at its top or in a top-level $and.
 * A record in the public pool has no owner, so such a rule never covers it.
 */
function ownedOnly(where: unknown): boolean {
  if (!where || typeof where !== 'object' || Array.isArray(where)) return false;
  const w = where as Record<string, unknown>;
  if ('owner' in w && ownerValue(w.owner)) return true;
  if (w.poolState === 'private' || (w.poolState as { $eq?: unknown } | undefined)?.$eq === 'private') return true;
  return Array.isArray(w.$and) && w.$and.some(ownedOnly);
}

/**
 * Roles given `claim` on a pooled object whose rules cover only records they own: they can
 * neither list the public pool (reading needs a rule that covers public records) nor claim from
 * it, whatever the role screen's 领取 column says. One entry per role and object (its first pool).
 */
export function poolBlindRoles(document: MetadataDocument): PoolBlindRole[] {
  const result: PoolBlindRole[] = [];
  for (const [role, definition] of Object.entries(document.roles ?? {})) {
    const rules = roleRules(definition);
    if (rules === 'all') continue;
    const seen = new Set<string>();
    for (const [pool, { object }] of Object.entries(document.pools ?? {})) {
      if (seen.has(object)) continue;
      seen.add(object);
      const on = rules.filter((r) => (Array.isArray(r.object) ? r.object : [r.object]).includes(object));
      if (!on.some((r) => r.actions.includes('claim'))) continue;
      const covers = (action: string) => on.some((r) => r.actions.includes(action) && !ownedOnly(r.where));
      if (!covers('read') || !covers('claim')) result.push({ role, object, pool });
    }
  }
  return result;
}

/** The rule that lets a role see and claim the records of `object` that are in its public pool. */
export function publicPoolRule(object: string): RoleRule {
  return { object, actions: ['read', 'claim'], where: { poolState: 'public' } };
}

/**
 * Roles with no rule at all (`bd: []`): access is denied by default, so the people who hold one
 * see no record and may do nothing with it. `admin`-style `{ all: true }` roles are not empty.
 */
export function rolesWithoutRules(document: MetadataDocument): string[] {
  return Object.entries(document.roles ?? {}).filter(([, role]) => { const rules = roleRules(role); return rules !== 'all' && rules.length === 0; }).map(([key]) => key);
}
