import type { MetadataDocument, RoleRule } from '../../../platform/metadata/metadata-types.ts';

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
      if (!Array.isArray(definition)) continue; // full access writes everything
      const on = definition.filter((r) => (Array.isArray(r.object) ? r.object : [r.object]).includes(pipeline.object));
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
