/** Spread of a team's workload: what "balanced" means in numbers. */
export function spread(values: number[]): { mean: number; variance: number; std: number; range: number } {
  if (values.length === 0) return { mean: 0, variance: 0, std: 0, range: 0 };
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  const variance = values.reduce((sum, v) => sum + (v - mean) ** 2, 0) / values.length;
  return { mean, variance, std: Math.sqrt(variance), range: Math.max(...values) - Math.min(...values) };
}

export interface StageCount {
  stage: string;
  count: number;
}

/**
 * From "how many are in each stage now" (when the funnel endpoint is missing): how many reached
 * each open stage or beyond (won counts as beyond everything, lost as nowhere), and the step rates.
 */
export function reachedByStage(stages: Array<{ key: string; kind: string }>, counts: Map<string, number>): Array<{ stage: string; reached: number; rate: number | null }> {
  const open = stages.filter((s) => s.kind !== 'lost');
  const reached = open.map((s, i) => open.slice(i).reduce((sum, later) => sum + (counts.get(later.key) ?? 0), 0));
  return open.map((s, i) => ({
    stage: s.key,
    reached: reached[i]!,
    rate: i + 1 < open.length && reached[i]! > 0 ? reached[i + 1]! / reached[i]! : null,
  }));
}

/** Rows of a ranking, best first, ties by name. */
export function ranked<T extends { name: string; value: number }>(rows: T[], top = 10): T[] {
  return [...rows].sort((a, b) => b.value - a.value || a.name.localeCompare(b.name)).slice(0, top);
}
