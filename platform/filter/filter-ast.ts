import type { FilterField, FilterScope } from './filter-fields.ts';

/**
 * The one filter tree. API `where`, saved views, permission conditions, pool membership and
 * visibility, and assignment recall rules all parse into it and compile from it.
 */
export type FilterNode = AndNode | OrNode | NotNode | LeafNode | ConstantNode;

export interface AndNode { kind: 'and'; children: FilterNode[] }
export interface OrNode { kind: 'or'; children: FilterNode[] }
export interface NotNode { kind: 'not'; child: FilterNode }
export interface ConstantNode { kind: 'constant'; value: boolean }

export const leafOperators = [
  '$eq', '$ne', '$gt', '$gte', '$lt', '$lte', '$in', '$nin', '$contains', '$startsWith', '$null', '$all', '$any',
] as const;
export type LeafOperator = (typeof leafOperators)[number];

export interface LeafNode {
  kind: 'leaf';
  /** JSON pointer of the condition in the filter as written. */
  pointer: string;
  /** The path as written: `score`, `hotel.city`, `owner.attributes.team`. */
  path: string;
  field: FilterField;
  /**
   * For a one-hop path: the lookup field followed, and the scope it leads into. `within`, a
   * condition over that scope, limits the related rows the path may reach (those the caller may
   * read); a related row outside it counts as absent.
   */
  via?: { field: FilterField; scope: FilterScope; within?: FilterNode };
  op: LeafOperator;
  operand: Operand;
}

/**
 * A value in a condition. Variables (`$user.*`) and date expressions (`now-15d`) stay
 * symbolic in the tree so a parsed filter can be cached and resolved per request.
 */
export type Operand =
  | { kind: 'literal'; value: string | number | boolean }
  | { kind: 'variable'; name: string; path: string[] }
  | { kind: 'date'; expression: string }
  | { kind: 'list'; items: Operand[] };

export const trueNode: ConstantNode = { kind: 'constant', value: true };
export const falseNode: ConstantNode = { kind: 'constant', value: false };

export function and(children: FilterNode[]): FilterNode {
  const kept = children.filter((c) => !(c.kind === 'constant' && c.value));
  if (kept.some((c) => c.kind === 'constant' && !c.value)) return falseNode;
  if (kept.length === 0) return trueNode;
  return kept.length === 1 ? kept[0]! : { kind: 'and', children: kept };
}

export function or(children: FilterNode[]): FilterNode {
  const kept = children.filter((c) => !(c.kind === 'constant' && !c.value));
  if (kept.some((c) => c.kind === 'constant' && c.value)) return trueNode;
  if (kept.length === 0) return falseNode;
  return kept.length === 1 ? kept[0]! : { kind: 'or', children: kept };
}

export function not(child: FilterNode): FilterNode {
  if (child.kind === 'constant') return { kind: 'constant', value: !child.value };
  return { kind: 'not', child };
}

/** Every leaf of a tree (for checks such as "which fields does this filter read"). */
export function leavesOf(node: FilterNode): LeafNode[] {
  switch (node.kind) {
    case 'leaf': return [node];
    case 'and': case 'or': return node.children.flatMap(leavesOf);
    case 'not': return leavesOf(node.child);
    case 'constant': return [];
  }
}
