import type { PipelineDefinition } from '../metadata/metadata-types.ts';

/**
 * Whether `roles` may move a record of `pipeline` from stage `from` (null: no stage yet) to `to`.
 * The one rule for the server's transitions and the app's stage bar:
 * - won and lost stages are reachable from every open stage, whatever the mode — unless a listed
 *   move from an open stage names that stage with `roles`: then the listed moves (their `from`
 *   stages and `roles`) decide, so `{ from: [negotiating], to: [signed], roles: [manager] }` lets
 *   only managers sign, and only from 谈判中. A listed move without roles to a won or lost stage
 *   (it limits no one) and one from a won or lost stage (a manager reopening a lost lead) leave
 *   that stage reachable from every open stage, as they always did;
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
  const limitsTarget = Array.isArray(mode) && mode.some((rule) =>
    rule.to.includes(to) && (rule.roles?.length ?? 0) > 0 && rule.from.some((stage) => kind(stage) === 'open'));
  if (fromKind === 'open' && (toKind === 'won' || toKind === 'lost') && !limitsTarget) return true;
  if (mode === 'any') return true;
  if (mode === 'forward') return fromKind === 'open' && (from === null || index.get(to)! > index.get(from)!);
  return mode.some((rule) =>
    (from === null || rule.from.includes(from)) && rule.to.includes(to) &&
    (!rule.roles || rule.roles.length === 0 || rule.roles.some((r) => roles.includes(r)) || roles.includes('admin')));
}
