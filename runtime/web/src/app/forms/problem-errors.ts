import type { ProblemItem } from '../../shared/api-client.ts';

/** Problems grouped by the field their JSON pointer names; the rest are general. */
export interface FieldProblems {
  byField: Record<string, string[]>;
  general: string[];
}

/**
 * Reads a problem's `errors` (`/score`, `/values/contactPhone`, `/tags/1`) into per-field messages.
 * `known` limits fields to those on screen; problems about other fields become general.
 */
export function problemsByField(errors: ProblemItem[], known?: ReadonlySet<string>): FieldProblems {
  const byField: Record<string, string[]> = {};
  const general: string[] = [];
  for (const error of errors) {
    const segments = error.path.split('/').slice(1).map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
    const key = segments[0] === 'values' && segments.length > 1 ? segments[1] : segments[0];
    if (key && (!known || known.has(key))) (byField[key] ??= []).push(error.message);
    else general.push(key ? `${key}: ${error.message}` : error.message);
  }
  return { byField, general };
}

/** The same problems as rjsf's error schema (`{ score: { __errors: [...] } }`). */
export function toErrorSchema(problems: FieldProblems): Record<string, { __errors: string[] }> {
  return Object.fromEntries(Object.entries(problems.byField).map(([key, messages]) => [key, { __errors: messages }]));
}
