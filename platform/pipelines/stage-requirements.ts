import type { PipelineDefinition, StageDefinition } from '../metadata/metadata-types.ts';

/**
 * The fields a record needs to enter stage `to`: the `requires` of that stage and of every open
 * stage before it, so a record that skips a stage (forward moves may; won is reachable from any
 * open stage) still has what the stages it passed over ask for — a lead signed straight from
 * 新线索 has the contact and the expected revenue that 已联系 and 商务谈判 require, and the contract
 * it creates gets its amount. A lost stage asks only for its own (a lead can be lost anywhere).
 * Where the pipeline lists its moves (`transitions: [{ from, to }]`) the stages need not be one
 * path, so a stage asks only for its own: the list order says nothing of which were passed.
 * Shared by the server's transition, the app's stage prompt and the sample data.
 */
export function stageRequirements(pipeline: Pick<PipelineDefinition, 'stages' | 'transitions'>, to: string): string[] {
  const stages: readonly StageDefinition[] = pipeline.stages;
  const at = stages.findIndex((s) => s.key === to);
  if (at < 0) return [];
  const target = stages[at]!;
  const onePath = !Array.isArray(pipeline.transitions);
  const passed = target.kind === 'lost' || !onePath ? [target] : stages.slice(0, at + 1).filter((s) => s.kind === 'open' || s === target);
  return [...new Set(passed.flatMap((s) => s.requires ?? []))];
}

/**
 * The stages a new record may start in: open ones that convert nothing (won and lost stages, and
 * stages that create a record, are entered by a transition). Shared by the create check, the
 * metadata rule on a stage default, the OpenAPI and the app's create form.
 */
export function startingStages(pipeline: Pick<PipelineDefinition, 'stages'>): StageDefinition[] {
  return pipeline.stages.filter((s) => s.kind === 'open' && !s.creates);
}

/** The fields entering stage `to` requires (`stageRequirements`) that `record` has not filled in. */
export function missingRequirements(pipeline: Pick<PipelineDefinition, 'stages' | 'transitions'>, to: string, record: Record<string, unknown>): string[] {
  return stageRequirements(pipeline, to).filter((field) => isUnfilled(record[field]));
}

/** Whether a value counts as not filled in for a stage's requirements: absent, empty text, no items. */
export function isUnfilled(value: unknown): boolean {
  return value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0);
}
