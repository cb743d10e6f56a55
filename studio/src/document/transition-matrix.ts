import type { StageDefinition, TransitionRule } from '../../../platform/metadata/metadata-types.ts';

/**
 * Who the listed rules let make the move `from` → `to`: the roles of the rules that cover it
 * (`[]`: everyone, as soon as one of them names no role), or undefined when none covers it.
 * A move's roles are its own: `{ from: [new], to: [contacted], roles: [bd] }` says nothing about
 * who may move new → confirmed.
 */
export function whoMayMove(rules: readonly TransitionRule[], from: string, to: string): string[] | undefined {
  const covering = rules.filter((rule) => rule.from.includes(from) && rule.to.includes(to));
  if (covering.length === 0) return undefined;
  if (covering.some((rule) => !rule.roles || rule.roles.length === 0)) return [];
  return [...new Set(covering.flatMap((rule) => rule.roles ?? []))];
}

/**
 * The rules with the one move `from` → `to` allowed to `roles` (`[]`: everyone; undefined: no
 * one). Rules that do not cover the move are kept as they are; one that covers it is split around
 * it, so its other moves keep their roles. Setting what is already there changes nothing.
 *
 * @example setMove([{ from: ['new'], to: ['contacted', 'lost'], roles: ['bd'] }], 'new', 'lost', undefined)
 * // → [{ from: ['new'], to: ['contacted'], roles: ['bd'] }]
 */
export function setMove(rules: readonly TransitionRule[], from: string, to: string, roles: string[] | undefined): TransitionRule[] {
  if (sameRoles(whoMayMove(rules, from, to), roles)) return [...rules];
  const added: TransitionRule | undefined = roles === undefined ? undefined : { from: [from], to: [to], ...(roles.length > 0 ? { roles } : {}) };
  const sibling = added && rules.findIndex((rule) => rule.from.length === 1 && rule.from[0] === from && !rule.to.includes(to) && sameRoles(rule.roles ?? [], added.roles ?? []));
  let placed = false;
  const next = rules.flatMap((rule, i): TransitionRule[] => {
    if (i === sibling) return [{ ...rule, to: [...rule.to, to] }];
    if (!rule.from.includes(from) || !rule.to.includes(to)) return [rule];
    const otherFrom = rule.from.filter((s) => s !== from);
    const otherTo = rule.to.filter((s) => s !== to);
    const split = [...(otherFrom.length > 0 ? [{ ...rule, from: otherFrom }] : []), ...(otherTo.length > 0 ? [{ ...rule, from: [from], to: otherTo }] : [])];
    // The move keeps its place among the rules (where it was first listed), unless it joins a sibling.
    if (added && sibling === -1 && !placed) {
      placed = true;
      return [...split, added];
    }
    return split;
  });
  return added && sibling === -1 && !placed ? [...next, added] : next;
}

/** What `forward` allows, as listed rules: from each open stage to every later stage. */
export function forwardRules(stages: readonly StageDefinition[]): TransitionRule[] {
  const keys = stages.map((s) => s.key);
  return stages.flatMap((stage, i) => (stage.kind === 'open' && i < keys.length - 1 ? [{ from: [stage.key], to: keys.slice(i + 1) }] : []));
}

function sameRoles(a: string[] | undefined, b: string[] | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  const set = new Set(a);
  return set.size === new Set(b).size && b.every((r) => set.has(r));
}
