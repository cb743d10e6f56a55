import type { Label, MetadataDocument, PipelineDefinition, StageDefinition } from '../../../platform/metadata/metadata-types.ts';
import { freeKey, mutate, moveItem, renameKey, setOrDelete, type Edit } from './draft-state.ts';
import { rewriteOptionReferences } from './field-references.ts';
import { liveOptionValues, trackOptionRename } from './migrations.ts';

/** The stages a new pipeline starts with: two open stages, won and lost. */
export function defaultStages(): StageDefinition[] {
  return [
    { key: 'new', label: { en: 'New', zh: '待跟进' }, kind: 'open', probability: 0.1 },
    { key: 'contacted', label: { en: 'Contacted', zh: '已联系' }, kind: 'open', probability: 0.3 },
    { key: 'won', label: { en: 'Won', zh: '赢单' }, kind: 'won', probability: 1 },
    { key: 'lost', label: { en: 'Lost', zh: '输单' }, kind: 'lost', probability: 0, requiresNote: true },
  ];
}

/**
 * Creates a pipeline for `object` together with the stage field it runs on (an object has at
 * most one; an existing one is reused), so the document stays valid in one step.
 */
export function ensurePipeline(d: MetadataDocument, key: string, object: string, stageField?: string): void {
  const target = d.objects[object];
  if (!target) return;
  const existing = Object.entries(target.fields).find(([, f]) => f.type === 'stage');
  const field = stageField ?? existing?.[0] ?? freeKey('stage', Object.keys(target.fields));
  const current = target.fields[field];
  target.fields[field] = { ...(current ?? { label: { en: 'Stage', zh: '阶段' } }), type: 'stage', pipeline: key, default: current?.default ?? 'new' };
  if (current && current.type !== 'stage') {
    for (const prop of ['options', 'object', 'onDelete', 'format', 'maxLength', 'pattern', 'min', 'max', 'scale', 'currency', 'unique'] as const) delete target.fields[field]![prop];
  }
  d.pipelines ??= {};
  if (!d.pipelines[key]) d.pipelines[key] = { object, field, stages: defaultStages(), transitions: 'forward' };
  const stages = d.pipelines[key]!.stages.map((s) => s.key);
  if (!stages.includes(String(target.fields[field]!.default))) target.fields[field]!.default = stages[0];
}

export function addPipeline(key: string, object: string, label?: Label): Edit {
  return mutate((d) => {
    ensurePipeline(d, key, object);
    const pipeline = d.pipelines?.[key];
    if (pipeline && label) pipeline.label = label;
  });
}

/** Removes a pipeline; its stage field goes too (a stage field needs its pipeline). */
export function removePipeline(key: string): Edit {
  return mutate((d) => {
    const pipeline = d.pipelines?.[key];
    if (!pipeline) return;
    delete d.pipelines![key];
    const field = d.objects[pipeline.object]?.fields[pipeline.field];
    if (field?.type === 'stage' && field.pipeline === key) delete d.objects[pipeline.object]!.fields[pipeline.field];
    const layout = d.layouts?.[pipeline.object];
    if (layout?.detail) layout.detail.components = layout.detail.components.filter((c) => c !== 'stageBar');
  });
}

/** Renames a pipeline key and the stage field that points at it. */
export function renamePipeline(from: string, to: string): Edit {
  return mutate((d) => {
    if (!d.pipelines?.[from] || d.pipelines[to]) return;
    d.pipelines = renameKey(d.pipelines, from, to);
    const pipeline = d.pipelines[to]!;
    const field = d.objects[pipeline.object]?.fields[pipeline.field];
    if (field?.type === 'stage') field.pipeline = to;
  });
}

export function updatePipeline(key: string, patch: Partial<Record<keyof PipelineDefinition, unknown>>): Edit {
  return mutate((d) => {
    const pipeline = d.pipelines?.[key];
    if (pipeline) for (const [prop, value] of Object.entries(patch)) setOrDelete(pipeline, prop as keyof PipelineDefinition, value);
  });
}

export function addStage(key: string, stage: StageDefinition): Edit {
  return mutate((d) => {
    const pipeline = d.pipelines?.[key];
    if (!pipeline) return;
    // New open stages go before the first closed one, so "forward" keeps making sense.
    const firstClosed = pipeline.stages.findIndex((s) => s.kind !== 'open');
    if (stage.kind === 'open' && firstClosed >= 0) pipeline.stages.splice(firstClosed, 0, stage);
    else pipeline.stages.push(stage);
  });
}

export function removeStage(key: string, index: number): Edit {
  return mutate((d) => {
    const pipeline = d.pipelines?.[key];
    if (!pipeline) return;
    const [removed] = pipeline.stages.splice(index, 1);
    if (!removed) return;
    if (Array.isArray(pipeline.transitions)) {
      pipeline.transitions = pipeline.transitions
        .map((t) => ({ ...t, from: t.from.filter((s) => s !== removed.key), to: t.to.filter((s) => s !== removed.key) }))
        .filter((t) => t.from.length > 0 && t.to.length > 0);
    }
    const field = d.objects[pipeline.object]?.fields[pipeline.field];
    if (field && field.default === removed.key) field.default = pipeline.stages[0]?.key;
  });
}

export function moveStage(key: string, from: number, to: number): Edit {
  return mutate((d) => {
    const pipeline = d.pipelines?.[key];
    if (pipeline) pipeline.stages = moveItem(pipeline.stages, from, to);
  });
}

export function updateStage(key: string, index: number, patch: Partial<Record<keyof StageDefinition, unknown>>): Edit {
  return mutate((d) => {
    const stage = d.pipelines?.[key]?.stages[index];
    if (stage) for (const [prop, value] of Object.entries(patch)) setOrDelete(stage, prop as keyof StageDefinition, value);
  });
}

/**
 * Renames a stage key in the pipeline, its transitions, the field default and the filters that
 * test the stage field (`rewriteOptionReferences`); records already
 * in the stage move with a `renameOption` migration at publish.
 */
export function renameStage(key: string, from: string, to: string): Edit {
  return (state, context) => {
    const pipeline = state.document.pipelines?.[key];
    if (!pipeline || from === to || pipeline.stages.some((s) => s.key === to)) return state;
    const next = mutate((d) => {
      const p = d.pipelines![key]!;
      for (const stage of p.stages) if (stage.key === from) stage.key = to;
      if (Array.isArray(p.transitions)) {
        for (const t of p.transitions) {
          t.from = t.from.map((s) => (s === from ? to : s));
          t.to = t.to.map((s) => (s === from ? to : s));
        }
      }
      rewriteOptionReferences(d, p.object, p.field, from, to);
    })(state, context);
    const live = liveOptionValues(context.live, pipeline.object, pipeline.field);
    return { ...next, migrations: trackOptionRename(next.migrations, live, pipeline.object, pipeline.field, from, to) };
  };
}
