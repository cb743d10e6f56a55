import type { ProblemItem } from '../../api/studio-api.ts';
import type { DataMigration } from '../../document/migrations.ts';

type ChangeType = Extract<DataMigration, { op: 'changeType' }>;

/** A type conversion the server refused: records whose values the new type cannot hold (up to 20 of them). */
export interface Unconvertible {
  migration: ChangeType;
  examples: Array<{ id: string; value: unknown }>;
}

/**
 * The conversions a refused publish names (`/migrations/{i}` with the records' `examples`, as
 * the publish answers 409 migration_required), for the owner to open those records or clear them.
 */
export function unconvertibleValues(errors: ProblemItem[], migrations: DataMigration[]): Unconvertible[] {
  return errors.flatMap((error) => {
    const index = /^\/migrations\/(\d+)$/.exec(error.path)?.[1];
    const migration = index === undefined ? undefined : migrations[Number(index)];
    if (migration?.op !== 'changeType' || !Array.isArray(error.examples)) return [];
    const examples = error.examples.filter((e): e is { id: string; value: unknown } => typeof e === 'object' && e !== null && typeof (e as { id?: unknown }).id === 'string');
    return [{ migration, examples }];
  });
}
