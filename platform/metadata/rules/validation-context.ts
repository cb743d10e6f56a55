import type { ProblemItem } from '../../errors.ts';
import { parseFilter } from '../../filter/parse-filter.ts';
import type { FilterScope } from '../../filter/filter-fields.ts';
import { escapePointer } from '../../validation/ajv.ts';
import type { MetadataDocument } from '../metadata-types.ts';
import type { ObjectModel } from '../object-model.ts';

/** What every semantic rule gets: the document, its field models, and a place for problems. */
export class ValidationContext {
  readonly problems: ProblemItem[] = [];

  constructor(
    readonly document: MetadataDocument,
    readonly models: Map<string, ObjectModel>,
  ) {}

  add(pointer: string, message: string): void {
    this.problems.push({ path: pointer, message });
  }

  /** Parses a filter and reports its problems at their pointers inside the document. */
  checkFilter(filter: unknown, scope: FilterScope | undefined, pointer: string, options: { allowVariables?: boolean } = {}): void {
    if (filter === undefined || !scope) return;
    const { errors } = parseFilter(filter, scope, { basePointer: pointer, allowVariables: options.allowVariables ?? true });
    for (const e of errors) this.problems.push(e);
  }

  roleExists(role: string): boolean {
    return role === 'admin' || Object.hasOwn(this.document.roles ?? {}, role);
  }
}

export function ptr(...tokens: Array<string | number>): string {
  return tokens.map((t) => `/${escapePointer(String(t))}`).join('');
}

export function entries<T>(record: Record<string, T> | undefined): Array<[string, T]> {
  return record && typeof record === 'object' ? Object.entries(record) : [];
}
