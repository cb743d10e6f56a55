import type { TransitionRule } from '../../../platform/metadata/metadata-types.ts';

/** One row of the transition matrix: the stages reachable from `from`, and who may move (undefined: everyone). */
export interface MatrixRow {
  from: string;
  to: string[];
  roles?: string[];
}

/**
 * Reads explicit transition rules as a from × to matrix. A row's roles are the union of the
 * roles of the rules that cover it; a rule without roles makes the row open to everyone.
 */
export function rulesToMatrix(rules: TransitionRule[], stages: string[]): MatrixRow[] {
  return stages.map((from) => {
    const covering = rules.filter((r) => r.from.includes(from));
    const to = stages.filter((s) => covering.some((r) => r.to.includes(s)));
    const open = covering.some((r) => !r.roles || r.roles.length === 0);
    const roles = open ? undefined : [...new Set(covering.flatMap((r) => r.roles ?? []))];
    return { from, to, ...(roles && roles.length > 0 ? { roles } : {}) };
  });
}

/** Writes the matrix back as rules, one per row that allows any move. */
export function matrixToRules(rows: MatrixRow[]): TransitionRule[] {
  return rows.filter((r) => r.to.length > 0).map((r) => ({ from: [r.from], to: r.to, ...(r.roles && r.roles.length > 0 ? { roles: r.roles } : {}) }));
}

/** The matrix that "forward" allows: each stage to every later stage. */
export function forwardMatrix(stages: string[]): MatrixRow[] {
  return stages.map((from, i) => ({ from, to: stages.slice(i + 1) }));
}

/** Toggles one cell. */
export function toggleCell(rows: MatrixRow[], from: string, to: string, allowed: boolean): MatrixRow[] {
  return rows.map((r) => (r.from !== from ? r : { ...r, to: allowed ? [...new Set([...r.to, to])] : r.to.filter((s) => s !== to) }));
}
