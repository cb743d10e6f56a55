import type { PipelineDefinition } from '../metadata/metadata-types.ts';

/**
 * Whether `roles` may move a record of `pipeline` from stage `from` (null: no stage yet) to `to`.
 * The one rule for the server's transitions and the app's stage bar:
 * - won and lost stages are reachable from every open stage, whatever the mode — unless the
 *   pipeline's listed moves name that stage as a target: then those moves (their `from` stages and
 *   `roles`) decide, so `{ from: [...], to: [signed], roles: [manager] }` lets only managers sign;
 * - `forward`: to a later stage, from an open one; `any`: anywhere;
 * - listed moves: a move whose `from` holds `from` and `to` holds `to`, for its `roles` (none:
 *   anyone); administrators make every listed move.
 */
export function allowsMove(pipeline: PipelineDefinition, from: string | null, to: string, roles: readonly string[]): boolean {
  const index = new Map(pipeline.stages.map((s, i) => [s.key, i]));
  if (!index.has(to) || from === to) return false;
  const kind = (stage: string | null) => (stage === null ? 'open' : pipeline.stages[index.get(stage) ?? -1]?.kind);
  const mode = pipeline.transitions ?? 'forward';
  const fromKind = kind(from);
  const toKind = kind(to);
  const listsTarget = Array.isArray(mode) && mode.some((rule) => rule.to.includes(to));
  if (fromKind === 'open' && (toKind === 'won' || toKind === 'lost') && !listsTarget) return true;
  if (mode === 'any') return true;
  if (mode === 'forward') return fromKind === 'open' && (from === null || index.get(to)! > index.get(from)!);
  return mode.some((rule) =>
    (from === null || rule.from.includes(from)) && rule.to.includes(to) &&
    (!rule.roles || rule.roles.length === 0 || rule.roles.some((r) => roles.includes(r)) || roles.includes('admin')));
}
