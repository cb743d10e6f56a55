import type { ProblemItem } from '../errors.ts';
import { componentKeys, components, isComponentKey } from '../components/component-registry.ts';
import { isValidTimeZone } from '../time/zoned-time.ts';
import { createAjv } from '../validation/ajv.ts';
import { metadataJsonSchema } from './metadata-schema.ts';
import type { MetadataDocument } from './metadata-types.ts';
import { buildObjectModels } from './object-model.ts';
import { checkAssignmentRules } from './rules/assignment-rules.ts';
import { checkLayoutsAndViews } from './rules/layout-rules.ts';
import { checkObjects } from './rules/object-rules.ts';
import { checkPipelines } from './rules/pipeline-rules.ts';
import { checkPools } from './rules/pool-rules.ts';
import { checkRoles } from './rules/role-rules.ts';
import { ValidationContext } from './rules/validation-context.ts';
import { structureProblems } from './structure-problems.ts';

const validateStructure = createAjv().compile(metadataJsonSchema);

/** The semantic rules, in the order their problems are listed. */
const rules: Array<(ctx: ValidationContext) => void> = [
  checkObjects, checkPipelines, checkPools, checkLayoutsAndViews, checkRoles, checkAssignmentRules, checkDocument,
];

/**
 * Validates a metadata document: its structure against the JSON Schema, then every rule that
 * needs the whole document. Returns every problem at once, each at its JSON pointer.
 *
 * @example
 * validateMetadata({ name: 'x', objects: { lead: { label: 'Lead', fields: { owner: { type: 'text' } } } } });
 * // [{ path: '/objects/lead/fields/owner', message: '"owner" is a system field; choose another key' }]
 */
export function validateMetadata(document: unknown): ProblemItem[] {
  if (!validateStructure(document)) {
    // Semantic rules on a structurally broken document would report noise; structure first.
    return dedupe(structureProblems(validateStructure.errors));
  }
  const doc = document as unknown as MetadataDocument;
  const ctx = new ValidationContext(doc, buildObjectModels(doc));
  for (const rule of rules) rule(ctx);
  return dedupe(ctx.problems);
}

function checkDocument(ctx: ValidationContext): void {
  // The schema's minLength lets a name of spaces through, which menus and titles would show blank.
  if (!ctx.document.name.trim()) ctx.add('/name', 'must not be empty');
  if (ctx.document.timeZone !== undefined && !isValidTimeZone(ctx.document.timeZone)) {
    ctx.add('/timeZone', `is not a time zone (${ctx.document.timeZone})`);
  }
  const enabled = ctx.document.components?.enabled;
  enabled?.forEach((key, i) => {
    if (!isComponentKey(key)) {
      ctx.add(`/components/enabled/${i}`, `is not a component (${key}); known: ${componentKeys.join(', ')}`);
      return;
    }
    for (const needed of components[key].requires) {
      if (!enabled.includes(needed)) ctx.add(`/components/enabled/${i}`, `${key} needs ${needed} enabled too`);
    }
  });
}

function dedupe(problems: ProblemItem[]): ProblemItem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = `${p.path}\u0000${p.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
