import type { LeafNode, Operand } from './filter-ast.ts';
import type { FilterField } from './filter-fields.ts';
import { coerceValue } from './filter-values.ts';
import { resolveDateExpression, resolveDateOnlyExpression } from './date-math.ts';

/** The caller a filter is evaluated for (`$user.*`), and the clock for relative dates. */
export interface FilterContext {
  now: Date;
  timeZone: string;
  user?: {
    id: string;
    email?: string;
    name?: string;
    roles: readonly string[];
    managerId?: string | null;
    attributes: Record<string, unknown>;
  };
}

export type Scalar = string | number | boolean;

/**
 * The concrete values a leaf compares against: one for scalar operators, several for lists
 * (a `$user` variable holding an array counts as a list). `undefined` means the operand cannot
 * be resolved (a variable the user does not have, or of the wrong type, or a relative date
 * outside years 1–9999): such a condition matches nothing.
 */
export function resolveLeafValues(leaf: LeafNode, context: FilterContext): Scalar[] | undefined {
  if (leaf.op === '$null') return [leaf.operand.kind === 'literal' ? leaf.operand.value : true];
  const values = resolveOperand(leaf.operand, leaf.field, context);
  if (values === undefined) return undefined;
  const single = !(leaf.op === '$in' || leaf.op === '$nin' || leaf.op === '$all' || leaf.op === '$eq' || leaf.op === '$ne');
  if (single && values.length !== 1) return undefined;
  return values;
}

function resolveOperand(operand: Operand, field: FilterField, context: FilterContext): Scalar[] | undefined {
  switch (operand.kind) {
    case 'literal': {
      const v = coerceValue(field, operand.value);
      return v === undefined ? undefined : [v];
    }
    case 'date': {
      // The parser bounds shifts, so this is out of range only for a filter stored before the
      // bound existed, or a clock far from today: like an unresolvable variable, it matches nothing.
      const value = field.kind === 'date'
        ? resolveDateOnlyExpression(operand.expression, context.now, context.timeZone)
        : resolveDateExpression(operand.expression, context.now, context.timeZone)?.toISOString();
      return value === undefined ? undefined : [value];
    }
    case 'variable': {
      const raw = variableValue(operand.path, context);
      if (raw === undefined || raw === null) return undefined;
      const list = Array.isArray(raw) ? raw : [raw];
      const values = list.map((v) => coerceValue(field, v)).filter((v): v is Scalar => v !== undefined);
      if (!Array.isArray(raw) && values.length === 0) return undefined;
      return values;
    }
    case 'list': {
      const values: Scalar[] = [];
      for (const item of operand.items) {
        const resolved = resolveOperand(item, field, context);
        if (resolved) values.push(...resolved);
      }
      return values;
    }
  }
}

function variableValue(path: string[], context: FilterContext): unknown {
  const user = context.user;
  if (!user) return undefined;
  const [head, key] = path;
  switch (head) {
    case 'id': return user.id;
    case 'email': return user.email;
    case 'name': return user.name;
    case 'roles': return [...user.roles];
    case 'managerId': return user.managerId;
    case 'attributes': return key === undefined ? undefined : user.attributes[key];
    default: return undefined;
  }
}

/** Whether a leaf is satisfied by an empty value (decides how one-hop paths compile). */
export function leafMatchesEmpty(leaf: LeafNode, values: Scalar[]): boolean {
  switch (leaf.op) {
    case '$ne':
    case '$nin':
      return true;
    case '$null':
      return values[0] === true;
    default:
      return false;
  }
}
