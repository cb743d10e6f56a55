import type { StageDefinition } from '../../../../../platform/metadata/metadata-types.ts';

export type StepStatus = 'wait' | 'process' | 'finish' | 'error';

/**
 * How each stage of a pipeline shows for a record now in `current`, given the stages its history
 * shows it in (`reached`; undefined while unknown) and those a move took it past (`skipped`, as `skippedStages`). An open or won record has passed the open
 * stages before its own, except those a move took it past (straight from 新线索 to 签约 leaves the
 * stages between not done). A lost record may have dropped out anywhere, so only
 * the stages up to the furthest it is known to have reached are done; Lost is the end state. Never
 * a lost stage the record is not in.
 *
 * @example
 * stageSteps(leadFunnel.stages, 'lost', new Set(['new', 'contacted']))
 * // ['finish', 'finish', 'wait', 'wait', 'wait', 'error']
 */
export function stageSteps(stages: readonly StageDefinition[], current: string | null | undefined, reached?: ReadonlySet<string>, skipped: ReadonlySet<string> = new Set()): StepStatus[] {
  const index = stages.findIndex((s) => s.key === current);
  if (stages[index]?.kind === 'lost') {
    const furthest = Math.max(-1, ...stages.map((s, i) => (s.kind !== 'lost' && reached?.has(s.key) ? i : -1)));
    return stages.map((s, i) => (i === index ? 'error' : s.kind !== 'lost' && i <= furthest ? 'finish' : 'wait'));
  }
  return stages.map((s, i) => {
    if (i === index) return s.kind === 'won' ? 'finish' : 'process';
    return i < index && s.kind === 'open' && !skipped.has(s.key) ? 'finish' : 'wait';
  });
}

/**
 * The open stages a move took an open or won record past without entering them: after the stage
 * it started in (`startedIn`, from its history's first entry), before its own, and never entered
 * by its history (`reached`). A stage before the one it started in is not known to be skipped (a
 * record brought in at 商务谈判 by an import), so it is not counted; nor is anything while the
 * history is unknown or cut short (`reached` or `startedIn` undefined), or when it names a stage
 * the pipeline no longer has (a stage renamed since: the history keeps its old key).
 *
 * @example
 * skippedStages(leadFunnel.stages, 'signed', new Set(['new', 'signed']), 'new') // Set {'contacted', 'confirmed', 'negotiating'}
 */
export function skippedStages(stages: readonly StageDefinition[], current: string | null | undefined, reached: ReadonlySet<string> | undefined, startedIn: string | undefined): ReadonlySet<string> {
  const index = stages.findIndex((s) => s.key === current);
  const start = stages.findIndex((s) => s.key === startedIn);
  if (!reached || index < 0 || start < 0 || stages[index]!.kind === 'lost') return new Set();
  // A history naming a stage the pipeline no longer has (renamed, removed) cannot say what was skipped.
  if ([...reached].some((key) => !stages.some((s) => s.key === key))) return new Set();
  return new Set(stages.slice(start + 1, index).filter((s) => s.kind === 'open' && !reached.has(s.key)).map((s) => s.key));
}

/** The stage a record started in: its history's first entry, when that is the create (the history is whole). */
export function startingStage(entries: ReadonlyArray<{ action?: string; changes?: Record<string, unknown> }>, stageField: string): string | undefined {
  const first = entries[entries.length - 1];
  const change = first?.action === 'create' ? first.changes?.[stageField] : undefined;
  const value = Array.isArray(change) ? change[1] : undefined;
  return typeof value === 'string' ? value : undefined;
}

/**
 * The one move the stage bar offers as the next step (a primary button): the first stage after
 * the current one that the record may move to, lost stages aside. A won stage reachable from
 * early on (a shortcut) is offered too, but not as the next step.
 *
 * @example
 * nextStage(leadFunnel.stages, 'new', ['contacted', 'signed', 'lost']) // 'contacted'
 */
export function nextStage(stages: readonly StageDefinition[], current: string | null | undefined, targets: readonly string[]): string | undefined {
  const index = stages.findIndex((s) => s.key === current);
  return stages.find((s, i) => i > index && s.kind !== 'lost' && targets.includes(s.key))?.key;
}

/**
 * How a move to `target` is worded: a lost stage is marked (标记为已流失, not "advanced to"), an
 * earlier stage is gone back to (退回到), anything else is advanced to (推进到).
 *
 * @example
 * stageMoveWord(leadFunnel.stages, 'negotiating', 'lost') // 'markStage'
 */
export function stageMoveWord(stages: readonly StageDefinition[], current: string | null | undefined, target: string): 'moveStage' | 'moveStageBack' | 'markStage' {
  const to = stages.findIndex((s) => s.key === target);
  if (stages[to]?.kind === 'lost') return 'markStage';
  const from = stages.findIndex((s) => s.key === current);
  return from >= 0 && to >= 0 && to < from ? 'moveStageBack' : 'moveStage';
}

/** The stages a record's history shows it in, before or after any change of `stageField`. */
export function stagesInHistory(entries: ReadonlyArray<{ changes?: Record<string, unknown> }>, stageField: string): Set<string> {
  const seen = new Set<string>();
  for (const entry of entries) {
    const change = entry.changes?.[stageField];
    for (const value of Array.isArray(change) ? change : [change]) if (typeof value === 'string') seen.add(value);
  }
  return seen;
}
