import type { ProblemItem } from '../errors.ts';
import { escapePointer, toProblemItems, type ErrorObject } from '../validation/ajv.ts';

/** What each key pattern of the metadata schema means, in words a business owner can follow. */
const patternHelp: Record<string, string> = {
  '^[a-z][a-zA-Z0-9]{1,39}$': 'start with a lowercase letter, then 1 to 39 letters or digits (e.g. "hotelBrand")',
  '^[a-z][a-zA-Z0-9]{0,39}$': 'start with a lowercase letter, then up to 39 letters or digits (e.g. "roomCount")',
  '^[a-z][a-zA-Z0-9_-]{0,39}$': 'start with a lowercase letter, then up to 39 letters, digits, "_" or "-"',
  '^[a-z]{2}(-[A-Z]{2})?$': 'use a language code such as en, zh or zh-CN',
  '\\{0+\\}': 'must contain zeros in braces where the number goes, e.g. "HC-{00000}"',
  '^[A-Z]{3}$': 'must be a three-letter ISO 4217 code such as CNY or USD',
};

/**
 * ajv's errors for the metadata document as problems a person can act on: a bad key is
 * reported at the key itself (not at its parent), patterns are explained in words, and of the
 * branches of an `anyOf` (a label is a string or an object) only the one the value was meant
 * for is reported.
 */
export function structureProblems(errors: ErrorObject[] | null | undefined): ProblemItem[] {
  const all = errors ?? [];
  const problems: ProblemItem[] = [];
  const typeProblems = new Map<string, { problem: ProblemItem; types: string[] }>();
  for (const error of all) {
    if (isNoise(error)) continue;
    const branch = typeMismatchBranch(error);
    if (!branch) {
      problems.push(toProblem(error));
      continue;
    }
    if (otherBranchesFailedOnContent(error, branch, all)) continue;
    // Every branch failed on the JSON type: one problem naming the types that would do.
    const key = `${error.instancePath}\u0000${branch}`;
    let entry = typeProblems.get(key);
    if (!entry) {
      entry = { problem: { path: error.instancePath || '/', message: '' }, types: [] };
      typeProblems.set(key, entry);
      problems.push(entry.problem);
    }
    entry.types.push(String((error.params as { type: string }).type));
    entry.problem.message = `must be ${entry.types.join(' or ')}`;
  }
  return problems;
}

function toProblem(error: ErrorObject): ProblemItem {
  if (error.propertyName !== undefined) {
    const path = `${error.instancePath}/${escapePointer(error.propertyName)}`;
    const pattern = (error.params as { pattern?: string }).pattern;
    const help = pattern !== undefined ? patternHelp[pattern] : undefined;
    const what = pattern === '^[a-z]{2}(-[A-Z]{2})?$' ? 'language code' : 'key';
    return { path, message: `is not a valid ${what} (${error.propertyName})${help ? `: ${help}` : ''}` };
  }
  if (error.keyword === 'pattern') {
    const help = patternHelp[(error.params as { pattern: string }).pattern];
    if (help) return { path: error.instancePath || '/', message: help.startsWith('must') ? help : `is not a valid key: ${help}` };
  }
  if (error.keyword === 'minLength' && (error.params as { limit: number }).limit === 1) {
    return { path: error.instancePath || '/', message: 'must not be empty' };
  }
  return toProblemItems([error])[0]!;
}

/** Summaries ajv adds on top of the errors that explain them. */
function isNoise(error: ErrorObject): boolean {
  return error.keyword === 'if' || error.keyword === 'anyOf' || error.keyword === 'propertyNames';
}

/** For an error saying "this branch of an anyOf wanted another JSON type": the anyOf's schema path. */
function typeMismatchBranch(error: ErrorObject): string | undefined {
  const match = /^(.*\/anyOf)\/\d+\/type$/.exec(error.schemaPath);
  return match?.[1];
}

/** Whether another branch of the same anyOf accepted the type but failed on the content. */
function otherBranchesFailedOnContent(error: ErrorObject, branch: string, all: ErrorObject[]): boolean {
  return all.some((other) => other !== error
    && other.schemaPath.startsWith(`${branch}/`)
    && other.instancePath.startsWith(error.instancePath)
    && !isNoise(other)
    && typeMismatchBranch(other) !== branch);
}
