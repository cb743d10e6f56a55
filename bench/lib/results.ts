/** Result rows, targets and the results table: the pure part of the harness. */

export interface HttpFigures {
  rps: number;
  p50: number;
  p99: number;
  /** Requests answered in the measured window. */
  requests?: number;
  /** Responses that were not 2xx, and socket errors/timeouts. */
  non2xx?: number;
  errors?: number;
}

export type Target =
  | { kind: 'rpsRatio'; min: number }   // Shoal req/s ≥ min × baseline req/s
  | { kind: 'p99Ratio'; max: number }   // Shoal p99 ≤ max × baseline p99
  | { kind: 'max'; max: number }        // value ≤ max
  | { kind: 'min'; min: number }        // value ≥ min
  | { kind: 'none' };                   // reported, no target

export interface Row {
  key: string;
  operation: string;
  shoal?: HttpFigures;
  baseline?: HttpFigures;
  /** A single figure (seconds, MB, claims/s, …) in `unit`. */
  value?: number;
  unit?: string;
  target: Target;
  /** Correctness problems found while measuring (any fails the row). */
  problems?: string[];
  note?: string;
  /** Set when the operation could not be measured. */
  error?: string;
}

export interface Evaluated extends Row {
  ratio?: number;
  pass: boolean | null;
  targetText: string;
}

/** Share of non-2xx answers above which an HTTP measurement does not count. */
const maxErrorShare = 0.01;

export function evaluate(row: Row): Evaluated {
  const problems = [...(row.problems ?? [])];
  for (const [who, figures] of [['Shoal', row.shoal], ['baseline', row.baseline]] as const) {
    if (!figures) continue;
    const bad = (figures.non2xx ?? 0) + (figures.errors ?? 0);
    const total = Math.max(figures.requests ?? 0, bad);
    if (bad > 0 && bad > maxErrorShare * total) problems.push(`${who}: ${bad} failed requests`);
  }
  const t = row.target;
  let ratio: number | undefined;
  let meets: boolean | null = null;
  let targetText = '—';
  if (t.kind === 'rpsRatio') {
    targetText = `≥ ${t.min}× baseline req/s`;
    if (row.shoal && row.baseline && row.baseline.rps > 0) {
      ratio = row.shoal.rps / row.baseline.rps;
      meets = ratio >= t.min;
    }
  } else if (t.kind === 'p99Ratio') {
    targetText = `p99 ≤ ${t.max}× baseline p99`;
    if (row.shoal && row.baseline && row.baseline.p99 > 0) {
      ratio = row.shoal.p99 / row.baseline.p99;
      meets = ratio <= t.max;
    }
  } else if (t.kind === 'max') {
    targetText = `≤ ${t.max}${row.unit ? ` ${row.unit}` : ''}`;
    if (row.value !== undefined) meets = row.value <= t.max;
  } else if (t.kind === 'min') {
    targetText = `≥ ${t.min}${row.unit ? ` ${row.unit}` : ''}`;
    if (row.value !== undefined) meets = row.value >= t.min;
  }
  if (row.shoal && row.baseline && ratio === undefined && row.baseline.rps > 0) ratio = row.shoal.rps / row.baseline.rps;
  const pass = row.error ? false : problems.length > 0 ? false : meets;
  return { ...row, problems, ...(ratio !== undefined ? { ratio } : {}), pass, targetText };
}

function num(n: number | undefined, digits = 1): string {
  if (n === undefined || !Number.isFinite(n)) return '';
  if (Math.abs(n) >= 100) return Math.round(n).toLocaleString('en-US');
  return n.toFixed(digits);
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

/** The results table in Markdown, one line per row, then the notes and problems. */
export function renderMarkdown(rows: Evaluated[], header: { title: string; lines: string[] }): string {
  const out = [`# ${header.title}`, '', ...header.lines, ''];
  out.push('| operation | Shoal req/s | Shoal p50 ms | Shoal p99 ms | baseline req/s | baseline p50 ms | baseline p99 ms | ratio | value | target | result |');
  out.push('|---|---:|---:|---:|---:|---:|---:|---:|---:|---|---|');
  for (const r of rows) {
    const value = r.value !== undefined ? `${num(r.value, r.value < 10 ? 2 : 1)}${r.unit ? ` ${r.unit}` : ''}` : '';
    const result = r.pass === null ? (r.error ? 'error' : 'info') : r.pass ? 'pass' : 'FAIL';
    out.push(`| ${cell(r.operation)} | ${num(r.shoal?.rps)} | ${num(r.shoal?.p50)} | ${num(r.shoal?.p99)} | ${num(r.baseline?.rps)} | ${num(r.baseline?.p50)} | ${num(r.baseline?.p99)} | ${r.ratio !== undefined ? `${r.ratio.toFixed(2)}×` : ''} | ${value} | ${cell(r.targetText)} | ${result} |`);
  }
  const notes = rows.filter((r) => r.note || r.error || r.problems?.length);
  if (notes.length > 0) {
    out.push('', '## Notes', '');
    for (const r of notes) {
      const parts = [r.note, r.error ? `error: ${r.error}` : undefined, r.problems?.length ? `problems: ${r.problems.join('; ')}` : undefined].filter(Boolean);
      out.push(`- **${r.operation}**: ${parts.join(' — ')}`);
    }
  }
  return `${out.join('\n')}\n`;
}

/** Parses `--only a,b` and `--processes n` style arguments. */
export function parseArgs(argv: string[]): { only?: Set<string>; reload: boolean; processes: number; loadOnly: boolean } {
  const options: { only?: Set<string>; reload: boolean; processes: number; loadOnly: boolean } = { reload: false, processes: 1, loadOnly: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const [name, inline] = arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = () => inline ?? argv[++i];
    if (name === '--only') options.only = new Set(String(value() ?? '').split(',').map((s) => s.trim()).filter(Boolean));
    else if (name === '--reload') options.reload = true;
    else if (name === '--load-only') options.loadOnly = true;
    else if (name === '--processes') {
      const n = Number(value());
      if (!Number.isInteger(n) || n < 1 || n > 8) throw new Error('--processes takes 1..8');
      options.processes = n;
    } else throw new Error(`unknown argument ${arg} (known: --only a,b  --reload  --load-only  --processes n)`);
  }
  return options;
}
