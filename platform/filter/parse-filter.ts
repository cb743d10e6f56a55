import { ShoalError, type ProblemItem } from '../errors.ts';
import { escapePointer } from '../validation/ajv.ts';
import { and, not, or, trueNode, type FilterNode, type LeafOperator, type Operand } from './filter-ast.ts';
import type { FilterField, FilterScope, ValueKind } from './filter-fields.ts';
import { dateExpressionProblem, isDateExpression } from './date-math.ts';
import { checkLiteral } from './filter-values.ts';

export interface ParseOptions {
  /** JSON pointer prefix of the filter inside a larger document (metadata problems). */
  basePointer?: string;
  /** Whether `$user.*` variables may appear (not in filters that run as the system). */
  allowVariables?: boolean;
}

export interface ParseResult {
  node: FilterNode;
  errors: ProblemItem[];
}

const limits = { depth: 10, leaves: 200, listItems: 1000, stringLength: 2000 };

const orderingKinds = new Set<ValueKind>(['text', 'number', 'date', 'datetime', 'timestamp', 'json']);
const textMatchKinds = new Set<ValueKind>(['text', 'json']);
const arrayKinds = new Set<ValueKind>(['multi', 'textArray', 'json']);

const operatorKinds: Record<LeafOperator, (kind: ValueKind) => boolean> = {
  $eq: () => true,
  $ne: () => true,
  $in: () => true,
  $nin: () => true,
  $null: () => true,
  $gt: (k) => orderingKinds.has(k),
  $gte: (k) => orderingKinds.has(k),
  $lt: (k) => orderingKinds.has(k),
  $lte: (k) => orderingKinds.has(k),
  $contains: (k) => textMatchKinds.has(k),
  $startsWith: (k) => textMatchKinds.has(k),
  $all: (k) => arrayKinds.has(k),
  $any: (k) => arrayKinds.has(k),
};

const userVariable = /^\$user\.(id|email|name|roles|managerId|attributes\.[A-Za-z_][A-Za-z0-9_-]{0,63})$/;

/**
 * Parses the JSON filter language into the filter tree, checking every field name, operator
 * and value against `scope`. Returns every problem found, each with its JSON pointer.
 *
 * @example
 * const { node, errors } = parseFilter({ score: { $gte: 50 }, 'hotel.city': 'nanjing' }, leadScope);
 */
export function parseFilter(json: unknown, scope: FilterScope, options: ParseOptions = {}): ParseResult {
  const parser = new Parser(scope, options);
  const node = parser.parseRoot(json);
  return { node, errors: parser.errors };
}

/** Parses a filter or throws a 400 `invalid_filter` listing every problem. */
export function parseFilterOrThrow(json: unknown, scope: FilterScope, options: ParseOptions = {}): FilterNode {
  const { node, errors } = parseFilter(json, scope, options);
  if (errors.length > 0) {
    throw new ShoalError('invalid_filter', `The filter has ${errors.length} ${errors.length === 1 ? 'problem' : 'problems'}`, { errors });
  }
  return node;
}

class Parser {
  readonly errors: ProblemItem[] = [];
  #leaves = 0;

  constructor(
    private readonly scope: FilterScope,
    private readonly options: ParseOptions,
  ) {}

  parseRoot(json: unknown): FilterNode {
    if (json === undefined || json === null) return trueNode;
    return this.#parseObject(json, this.options.basePointer ?? '', 0);
  }

  #problem(pointer: string, message: string): FilterNode {
    if (this.errors.length < 100) this.errors.push({ path: pointer || '/', message });
    return trueNode;
  }

  #parseObject(json: unknown, pointer: string, depth: number): FilterNode {
    if (depth > limits.depth) return this.#problem(pointer, `is nested more than ${limits.depth} levels deep`);
    if (typeof json !== 'object' || json === null || Array.isArray(json)) {
      return this.#problem(pointer, 'must be an object of conditions');
    }
    const parts: FilterNode[] = [];
    for (const [key, value] of Object.entries(json)) {
      const at = `${pointer}/${escapePointer(key)}`;
      if (key === '$and' || key === '$or') parts.push(this.#parseList(key, value, at, depth));
      else if (key === '$not') parts.push(not(this.#parseObject(value, at, depth + 1)));
      else if (key.startsWith('$')) parts.push(this.#problem(at, `is not a known operator (use $and, $or, $not or a field name)`));
      else parts.push(this.#parseField(key, value, at, depth));
    }
    return and(parts);
  }

  #parseList(key: '$and' | '$or', value: unknown, pointer: string, depth: number): FilterNode {
    if (!Array.isArray(value) || value.length === 0) return this.#problem(pointer, 'must be a non-empty array of conditions');
    if (value.length > limits.leaves) return this.#problem(pointer, `has more than ${limits.leaves} conditions`);
    const children = value.map((item, i) => this.#parseObject(item, `${pointer}/${i}`, depth + 1));
    return key === '$and' ? and(children) : or(children);
  }

  #parseField(path: string, value: unknown, pointer: string, depth: number): FilterNode {
    const resolved = this.#resolvePath(path, pointer);
    if (!resolved) return trueNode;
    // No field holds an object: `{ "score": {} }` and `{ "score": { "$gt": 5, "max": 9 } }` are
    // operators gone wrong, said as such (not as "must be a number" of the whole object).
    if (isPlainObject(value) && !isOperatorObject(value)) {
      const keys = Object.keys(value);
      if (keys.length === 0) return this.#problem(pointer, 'needs at least one operator, e.g. { "$gt": 5 }');
      if (keys.some((k) => k.startsWith('$'))) {
        for (const k of keys.filter((key) => !key.startsWith('$'))) this.#problem(`${pointer}/${escapePointer(k)}`, 'is not an operator (operators start with $, e.g. $gt, $in)');
        return trueNode;
      }
    }
    if (isOperatorObject(value)) {
      const parts: FilterNode[] = [];
      for (const [op, operand] of Object.entries(value as Record<string, unknown>)) {
        const at = `${pointer}/${escapePointer(op)}`;
        if (op === '$not') {
          if (!isOperatorObject(operand)) {
            parts.push(this.#problem(at, 'must be an object of operators, e.g. { "$not": { "$gt": 5 } }'));
          } else if (depth + 1 > limits.depth) {
            parts.push(this.#problem(at, `is nested more than ${limits.depth} levels deep`));
          } else {
            parts.push(not(this.#parseField(path, operand, at, depth + 1)));
          }
          continue;
        }
        parts.push(this.#leaf(path, resolved, op, operand, at));
      }
      if (parts.length === 0) return this.#problem(pointer, 'needs at least one operator');
      return and(parts);
    }
    return this.#leaf(path, resolved, '$eq', value, pointer);
  }

  #resolvePath(path: string, pointer: string): ResolvedPath | undefined {
    const direct = this.scope.field(path);
    if (direct) return { field: direct };
    const dot = path.indexOf('.');
    if (dot > 0) {
      const head = this.scope.field(path.slice(0, dot));
      if (head?.target) {
        const related = this.scope.related(head.target);
        const field = related?.field(path.slice(dot + 1));
        if (related && field) {
          if (field.target && path.slice(dot + 1).includes('.')) {
            this.#problem(pointer, 'follows more than one lookup (only one hop is allowed)');
            return undefined;
          }
          return { field, via: { field: head, scope: related } };
        }
        this.#problem(pointer, `is not a field of ${head.target} (reached through ${path.slice(0, dot)})`);
        return undefined;
      }
      if (head) {
        this.#problem(pointer, `cannot be followed: ${path.slice(0, dot)} is not a lookup`);
        return undefined;
      }
    }
    this.#problem(pointer, `is not a field of ${this.scope.name}`);
    return undefined;
  }

  #leaf(path: string, resolved: ResolvedPath, rawOp: string, raw: unknown, pointer: string): FilterNode {
    if (++this.#leaves > limits.leaves) return this.#problem(pointer, `the filter has more than ${limits.leaves} conditions`);
    const { field } = resolved;
    if (!(rawOp in operatorKinds)) return this.#problem(pointer, `is not a known operator`);
    let op = rawOp as LeafOperator;
    if (!operatorKinds[op](field.kind)) return this.#problem(pointer, `cannot be used on ${path} (a ${kindName(field.kind)} field)`);
    // `{ f: null }`, `{ f: { $eq: null } }` and `{ f: { $ne: null } }` mean "is (not) empty".
    if (raw === null && (op === '$eq' || op === '$ne')) {
      return this.#node(path, resolved, '$null', { kind: 'literal', value: op === '$eq' }, pointer);
    }
    // `null` in an `$in` or `$nin` list means "is empty" too: `{ f: { $in: ["bd", null] } }` is bd or
    // empty, `$nin` neither.
    const withNull = (op === '$in' || op === '$nin') && Array.isArray(raw) && raw.includes(null);
    const empty = () => this.#node(path, resolved, '$null', { kind: 'literal', value: op === '$in' }, pointer);
    if (withNull && raw.every((item) => item === null)) return empty();
    let operand: Operand | undefined;
    if (op === '$null') {
      if (typeof raw !== 'boolean') return this.#problem(pointer, 'must be true or false');
      operand = { kind: 'literal', value: raw };
    } else if (op === '$in' || op === '$nin' || op === '$all' || op === '$any') {
      operand = this.#listOperand(field, raw, pointer, withNull);
    } else {
      operand = this.#scalarOperand(field, op, raw, pointer);
    }
    if (!operand) return trueNode;
    if (op === '$any') op = '$in';
    const node = this.#node(path, resolved, op, operand, pointer);
    return withNull ? { kind: op === '$in' ? 'or' : 'and', children: [node, empty()] } : node;
  }

  #node(path: string, resolved: ResolvedPath, op: LeafOperator, operand: Operand, pointer: string): FilterNode {
    return {
      kind: 'leaf', pointer: pointer || '/', path, field: resolved.field, op, operand,
      ...(resolved.via ? { via: resolved.via } : {}),
    };
  }

  /** A list of values; with `skipNull`, its nulls are left out (the caller tests for empty apart). */
  #listOperand(field: FilterField, raw: unknown, pointer: string, skipNull = false): Operand | undefined {
    if (typeof raw === 'string' && raw.startsWith('$')) return this.#variable(raw, pointer);
    if (!Array.isArray(raw)) return void this.#problem(pointer, 'must be an array of values');
    if (raw.length === 0) return void this.#problem(pointer, 'must not be empty');
    if (raw.length > limits.listItems) return void this.#problem(pointer, `has more than ${limits.listItems} values`);
    const values = raw.map((item, i) => ({ item, i })).filter(({ item }) => !(skipNull && item === null));
    const items: Operand[] = [];
    for (const { item, i } of values) {
      const operand = this.#scalarOperand(field, '$eq', item, `${pointer}/${i}`);
      if (operand) items.push(operand);
    }
    return items.length === values.length ? { kind: 'list', items } : undefined;
  }

  #scalarOperand(field: FilterField, op: LeafOperator, raw: unknown, pointer: string): Operand | undefined {
    if (typeof raw === 'string' && raw.startsWith('$')) return this.#variable(raw, pointer);
    if (typeof raw === 'string' && raw.length > limits.stringLength) {
      return void this.#problem(pointer, `is longer than ${limits.stringLength} characters`);
    }
    const dateKinds: ValueKind[] = ['date', 'datetime', 'timestamp'];
    if (typeof raw === 'string' && dateKinds.includes(field.kind) && isDateExpression(raw)) {
      const problem = dateExpressionProblem(raw);
      return problem ? void this.#problem(pointer, problem) : { kind: 'date', expression: raw };
    }
    const textOp = op === '$contains' || op === '$startsWith';
    const problem = textOp ? (typeof raw === 'string' ? undefined : 'must be a string') : checkLiteral(field, raw);
    if (problem) return void this.#problem(pointer, problem);
    return { kind: 'literal', value: raw as string | number | boolean };
  }

  #variable(raw: string, pointer: string): Operand | undefined {
    if (this.options.allowVariables === false) return void this.#problem(pointer, 'cannot use variables here');
    const match = userVariable.exec(raw);
    if (!match) return void this.#problem(pointer, `is not a known variable (use $user.id, $user.roles or $user.attributes.<key>)`);
    return { kind: 'variable', name: raw, path: match[1]!.split(/\.(.*)/s).filter(Boolean) };
  }
}

interface ResolvedPath {
  field: FilterField;
  via?: { field: FilterField; scope: FilterScope };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isOperatorObject(value: unknown): boolean {
  if (!isPlainObject(value)) return false;
  const keys = Object.keys(value);
  return keys.length > 0 && keys.every((k) => k.startsWith('$'));
}

function kindName(kind: ValueKind): string {
  const names: Record<ValueKind, string> = {
    text: 'text', number: 'number', boolean: 'yes/no', date: 'date', datetime: 'date-time', timestamp: 'date-time',
    uuid: 'id', reference: 'lookup', multi: 'multi-select', textArray: 'list', json: 'attribute',
  };
  return names[kind];
}
