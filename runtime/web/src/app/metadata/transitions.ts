import type { PipelineDefinition, StageDefinition } from '../../../../../platform/metadata/metadata-types.ts';
import { missingRequirements } from '../../../../../platform/pipelines/stage-requirements.ts';

/**
 * Stages a record may move to from `from`, as the server decides (platform/pipelines):
 * won and lost from any open stage; `forward` only later from an open stage; `any` anywhere;
 * or the listed moves, limited to roles.
 */
export function allowedTargets(pipeline: PipelineDefinition, from: string | null | undefined, roles: readonly string[]): StageDefinition[] {
  const index = new Map(pipeline.stages.map((s, i) => [s.key, i]));
  const current = from ?? null;
  const kindOf = (key: string | null) => (key === null ? 'open' : pipeline.stages[index.get(key) ?? -1]?.kind);
  const mode = pipeline.transitions ?? 'forward';
  return pipeline.stages.filter((target) => {
    if (target.key === current) return false;
    const fromKind = kindOf(current);
    if (fromKind === 'open' && (target.kind === 'won' || target.kind === 'lost')) return true;
    if (mode === 'any') return true;
    if (mode === 'forward') return fromKind === 'open' && (current === null || index.get(target.key)! > index.get(current)!);
    return mode.some((rule) => (current === null || rule.from.includes(current)) && rule.to.includes(target.key)
      && (!rule.roles || rule.roles.length === 0 || rule.roles.some((r) => roles.includes(r)) || roles.includes('admin')));
  });
}

/**
 * The fields (and note) a target stage asks for that the record does not have yet: its own and
 * those of the open stages before it, as the server checks them (`stageRequirements`).
 */
export function missingForStage(pipeline: PipelineDefinition, stage: StageDefinition, record: Record<string, unknown>): { fields: string[]; note: boolean } {
  return { fields: missingRequirements(pipeline, stage.key, record), note: stage.requiresNote === true };
}

/** Reads a 422 `stage_requirements` problem: which fields (`/values/x` or `/x`) and whether the note. */
export function requirementsFromProblem(errors: Array<{ path: string; field?: unknown }>): { fields: string[]; note: boolean } {
  const fields: string[] = [];
  let note = false;
  for (const error of errors) {
    const key = typeof error.field === 'string' ? error.field : error.path.replace(/^\/(values\/)?/, '').split('/')[0] ?? '';
    if (key === 'note') note = true;
    else if (key && !fields.includes(key)) fields.push(key);
  }
  return { fields, note };
}
