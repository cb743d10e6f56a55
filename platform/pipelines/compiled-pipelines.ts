import type { CompiledMetadata } from '../metadata/compile-metadata.ts';
import type { PipelineDefinition, StageDefinition } from '../metadata/metadata-types.ts';

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
    const kind = (stage: string | null) => (stage === null ? 'open' : stages[index.get(stage) ?? -1]?.kind);
    const mode = definition.transitions ?? 'forward';
    const allows = (from: string | null, to: string, roles: readonly string[]): boolean => {
      if (!index.has(to) || from === to) return false;
      const fromKind = kind(from);
      const toKind = kind(to);
      // Won and lost are reachable from every open stage, whatever the mode.
      if (fromKind === 'open' && (toKind === 'won' || toKind === 'lost')) return true;
      if (mode === 'any') return true;
      if (mode === 'forward') return fromKind === 'open' && (from === null || index.get(to)! > index.get(from)!);
      return mode.some((rule) =>
        (from === null || rule.from.includes(from)) && rule.to.includes(to) &&
        (!rule.roles || rule.roles.length === 0 || rule.roles.some((r) => roles.includes(r)) || roles.includes('admin')));
    };
    return [key, { key, object: definition.object, field: definition.field, definition, stages, index, allows }];
  })));
}

export function pipelineOfObject(compiled: CompiledMetadata, object: string): CompiledPipeline | undefined {
  for (const pipeline of compiledPipelines(compiled).values()) if (pipeline.object === object) return pipeline;
  return undefined;
}
