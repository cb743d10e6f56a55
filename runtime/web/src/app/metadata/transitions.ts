import type { PipelineDefinition, StageDefinition } from '../../../../../platform/metadata/metadata-types.ts';
import { allowsMove } from '../../../../../platform/pipelines/stage-moves.ts';
import { missingRequirements } from '../../../../../platform/pipelines/stage-requirements.ts';
import type { ObjectInfo } from './object-info.ts';

/** Stages a record may move to from `from`, as the server decides (`allowsMove`). */
export function allowedTargets(pipeline: PipelineDefinition, from: string | null | undefined, roles: readonly string[]): StageDefinition[] {
  return pipeline.stages.filter((target) => allowsMove(pipeline, from ?? null, target.key, roles));
}

/**
 * Whether the reader may move `record` between stages at all: their role moves the object's
 * records, and the record is not lying in a public pool (moves are for the records people hold:
 * the server answers 403 for a lead nobody holds, as the roles' `transition` asks for its owner) —
 * except for tenant administrators, whom the server lets move every record.
 */
export function mayMoveRecord(object: ObjectInfo, record: Record<string, unknown>, roles: readonly string[]): boolean {
  return object.actions.includes('transition') && (record.poolState !== 'public' || roles.includes('admin'));
}

/**
 * Stages the reader may move `record` to now (`mayMoveRecord`, then `allowedTargets` from its
 * stage). The stage bar and the board both ask this, so that they never offer different moves.
 *
 * @example recordMoveTargets(lead, pipeline, record, me.roles).map((s) => s.key) // ['contacted', 'lost']
 */
export function recordMoveTargets(object: ObjectInfo, pipeline: PipelineDefinition, record: Record<string, unknown>, roles: readonly string[]): StageDefinition[] {
  if (!mayMoveRecord(object, record, roles) || !object.stageField) return [];
  return allowedTargets(pipeline, record[object.stageField] as string | null | undefined, roles);
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
