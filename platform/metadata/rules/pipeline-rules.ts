import { impliedBackLink } from '../../pipelines/conversion-link.ts';
import { entries, ptr, type ValidationContext } from './validation-context.ts';

/** Pipelines: their object and stage field, stage keys, kinds, requirements, conversions, moves. */
export function checkPipelines(ctx: ValidationContext): void {
  for (const [key, pipeline] of entries(ctx.document.pipelines)) {
    const at = ptr('pipelines', key);
    const model = ctx.models.get(pipeline.object);
    if (!model) {
      ctx.add(`${at}/object`, `refers to an object that does not exist (${pipeline.object})`);
      continue;
    }
    const field = model.definition.fields?.[pipeline.field];
    if (!field) ctx.add(`${at}/field`, `${pipeline.object} has no field ${pipeline.field}`);
    else if (field.type !== 'stage' || field.pipeline !== key) {
      ctx.add(`${at}/field`, `${pipeline.object}.${pipeline.field} must be a stage field with pipeline: ${key}`);
    }
    const stages = Array.isArray(pipeline.stages) ? pipeline.stages : [];
    const keys = new Set<string>();
    stages.forEach((stage, i) => {
      const stageAt = `${at}/stages/${i}`;
      if (keys.has(stage.key)) ctx.add(`${stageAt}/key`, `repeats the stage "${stage.key}"`);
      keys.add(stage.key);
      (stage.requires ?? []).forEach((f, j) => {
        if (!model.fields.has(f)) ctx.add(`${stageAt}/requires/${j}`, `${pipeline.object} has no field ${f}`);
      });
      if (stage.creates) checkConversion(ctx, pipeline.object, stage.creates, `${stageAt}/creates`);
    });
    if (!stages.some((s) => s.kind === 'open')) ctx.add(`${at}/stages`, 'needs at least one open stage');
    if (!stages.some((s) => s.kind === 'won')) ctx.add(`${at}/stages`, 'needs at least one won stage');
    if (Array.isArray(pipeline.transitions)) {
      pipeline.transitions.forEach((rule, i) => {
        for (const side of ['from', 'to'] as const) {
          (rule[side] ?? []).forEach((s, j) => {
            if (!keys.has(s)) ctx.add(`${at}/transitions/${i}/${side}/${j}`, `is not a stage of this pipeline (${s})`);
          });
        }
        (rule.roles ?? []).forEach((r, j) => {
          if (!ctx.roleExists(r)) ctx.add(`${at}/transitions/${i}/roles/${j}`, `is not a role (${r})`);
        });
      });
    }
  }
}

function checkConversion(ctx: ValidationContext, sourceObject: string, creates: { object: string; map: Record<string, string> }, at: string): void {
  const target = ctx.models.get(creates.object);
  const source = ctx.models.get(sourceObject);
  if (!target || !source) {
    ctx.add(`${at}/object`, `refers to an object that does not exist (${creates.object})`);
    return;
  }
  for (const [targetField, sourceField] of entries(creates.map)) {
    const t = target.fields.get(targetField);
    const s = source.fields.get(sourceField);
    if (!t || t.system || t.type === 'autonumber' || t.type === 'stage') ctx.add(`${at}/map/${targetField}`, `${creates.object} has no writable field ${targetField}`);
    if (!s) ctx.add(`${at}/map/${targetField}`, `${sourceObject} has no field ${sourceField}`);
    if (t && s && !t.system) {
      const sourceIsId = sourceField === 'id' && t.type === 'lookup' && t.target === sourceObject;
      const sameTarget = t.type === 'lookup' ? s.target === t.target || sourceIsId : true;
      const compatible = sourceIsId || (t.kind === s.kind && sameTarget) || (t.kind === 'text' && s.kind !== 'multi');
      if (!compatible) ctx.add(`${at}/map/${targetField}`, `cannot copy ${sourceObject}.${sourceField} (${s.type}) into ${creates.object}.${targetField} (${t.type})`);
    }
  }
  // The lone lookup back to the source is filled with the converted record when the map does not say.
  const backLink = impliedBackLink(target.definition.fields, sourceObject, creates.map);
  for (const [fieldKey, field] of target.fields) {
    if (field.system || !field.definition?.required || field.type === 'autonumber' || fieldKey === backLink) continue;
    if (!Object.hasOwn(creates.map, fieldKey) && field.definition.default === undefined) {
      ctx.add(`${at}/map`, `must fill ${creates.object}.${fieldKey}, which is required`);
    }
  }
}
