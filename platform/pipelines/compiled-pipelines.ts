import type { CompiledMetadata } from '../metadata/compile-metadata.ts';
import type { PipelineDefinition, StageDefinition } from '../metadata/metadata-types.ts';
import { allowsMove } from './stage-moves.ts';

/** A pipeline ready for transitions: stage order, kinds, and who may move from where to where. */
export interface CompiledPipeline {
  key: string;
  object: string;
  field: string;
  definition: PipelineDefinition;
  stages: StageDefinition[];
  index: Map<string, number>;
  /** Whether `roles` may move a record from `from` to `to`. */
  allows(from: string | null, to: string, roles: readonly string[]): boolean;
}

export function compiledPipelines(compiled: CompiledMetadata): Map<string, CompiledPipeline> {
  return compiled.memo('pipelines', () => new Map(Object.entries(compiled.document.pipelines ?? {}).map(([key, definition]) => {
    const stages = definition.stages;
    const index = new Map(stages.map((s, i) => [s.key, i]));
    const allows = (from: string | null, to: string, roles: readonly string[]) => allowsMove(definition, from, to, roles);
    return [key, { key, object: definition.object, field: definition.field, definition, stages, index, allows }];
  })));
}

export function pipelineOfObject(compiled: CompiledMetadata, object: string): CompiledPipeline | undefined {
  for (const pipeline of compiledPipelines(compiled).values()) if (pipeline.object === object) return pipeline;
  return undefined;
}
